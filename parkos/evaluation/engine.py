"""The evaluation engine: one vectorised pass over every enterprise, no Python loop per
enterprise per indicator. `evaluate` is pure (arrays in, arrays out); `services.py` loads the
arrays from the database and writes the results.

Rules, as documented in docs/evaluation.md:
- land in use = own land + rented floor area × share ÷ 666.67 m² per 亩;
- score = weight × value ÷ benchmark (smaller-is-better: weight × benchmark ÷ value), or min–max
  scaling; clipped to the indicator's floor and cap; a benchmark that is zero or cannot be computed
  gives every enterprise 0 points on that indicator;
- totals are rounded to the cent before ranking; equal totals share a rank (1, 2, 2, 4) and
  always share a grade — the better one;
- grades by shares: with N rated, the enterprise at rank r (position r−1) is A when r−1 <
  round(N × a%), B when below round(N × (a+b)%), C below round(N × (a+b+c)%), else D, rounding
  half up;
- adjustments then apply in this order: bonus/penalty points (before ranking), fixed grade,
  one grade up/down, veto (always D, whatever else).

Groups (`Inputs.group`, e.g. the county of each enterprise of a province): every group is
evaluated as if alone — its own benchmarks, min–max range and mean score for the missing, its
own ranks and its own grade cut-offs — in the same vectorised pass (per-group sums by
`np.bincount`, ranks by one counting sort over group × total). Exclusions and the merging of
tenants into their landlord are per enterprise and ignore groups. Without a group, or with one
group, the results are those of the single-population arithmetic, bit for bit."""

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from .choices import (
    GRADES,
    AdjustmentKind,
    BenchmarkRule,
    GradeMethod,
    MissingRule,
    Population,
    Scaling,
)
from .indicators import CATALOGUE, FIGURE_FIELDS, LAND

MU_IN_M2 = 10000 / 15

# Codes → the strings of the outcome (object arrays, as the services and the pages read them).
_GRADE_TEXT = np.array(["", *GRADES], dtype=object)
_CLIPPED_TEXT = np.array(["", "cap", "floor"], dtype=object)
_CAP, _FLOOR = 1, 2


@dataclass
class Inputs:
    """Everything the engine reads, one array element per enterprise."""

    ids: np.ndarray
    operating: np.ndarray
    above_scale: np.ndarray
    founded_year: np.ndarray  # 0 when unknown
    industry: np.ndarray  # str codes, "" when unknown
    own_land_mu: np.ndarray
    rented_floor_m2: np.ndarray
    landlord: np.ndarray  # index of the landlord in these arrays, −1 for none
    has_figures: np.ndarray
    figures: dict[str, np.ndarray]  # FIGURE_FIELDS, NaN where unknown
    # The group each enterprise is benchmarked, ranked and graded within (integer or string
    # codes, e.g. a county); None: everyone is one group.
    group: np.ndarray | None = None

    def __len__(self):
        return len(self.ids)


@dataclass
class Outcome:
    reason: np.ndarray  # "" when rated, else a code such as "no_land" or "young:2" (reasons.py)
    land_mu: np.ndarray
    figures: dict[str, np.ndarray]  # after merging tenants (the inputs' own arrays when none is)
    values: dict[str, np.ndarray]  # indicator values in their display unit
    scores: dict[str, np.ndarray]
    missing: dict[str, np.ndarray]
    clip: dict[str, np.ndarray]  # 1 where the cap cut the score, 2 the floor, else 0 (int8)
    group_benchmarks: dict[str, np.ndarray]  # in the display unit, one per element of `groups`
    total: np.ndarray
    rank: np.ndarray  # 0 when not rated; within the enterprise's group
    grade: np.ndarray  # "" when not rated
    applied: dict[int, list] = field(default_factory=dict)  # index → adjustments applied
    groups: np.ndarray | None = None  # the distinct group codes, sorted; None without groups

    @cached_property
    def clipped(self) -> dict[str, np.ndarray]:
        """Per indicator, "cap", "floor" or "" for each enterprise: spelled out when first read
        (a million strings per indicator cost more than the scores, and a province's run needs
        none of them)."""
        return {code: _CLIPPED_TEXT[cut] for code, cut in self.clip.items()}

    @property
    def benchmarks(self) -> dict[str, float]:
        """The benchmarks of the one group (in the display unit)."""
        if self.groups is not None and len(self.groups) > 1:
            raise ValueError("several groups: read group_benchmarks")
        return {code: float(values[0]) for code, values in self.group_benchmarks.items()}


class _Groups:
    """The enterprises' groups as dense indices 0…G−1, with the per-group reductions. With one
    group `index` is None and every reduction is the plain numpy one over the whole pool."""

    def __init__(self, group, n):
        self.codes, self.index, self._scratch = None, None, None
        if group is None:
            self.size = 1
            return
        group = np.asarray(group)
        if len(group) != n:
            raise ValueError(f"group has {len(group)} elements for {n} enterprises")
        self.codes, index = _dense(group)
        self.size = len(self.codes)
        if self.size > 1:
            self.index = index

    def spread(self, per_group, scratch=False):
        """Each enterprise's element of a per-group array (a scalar with one group); with
        `scratch`, written into the scratch array, valid until its next use."""
        if self.index is None:
            return per_group[0]
        if scratch:
            return np.take(per_group, self.index, out=self._buffer())
        return per_group[self.index]

    def _buffer(self):
        """One array of the enterprises' size for the intermediate steps, made once: a fresh
        million-element array per step costs more in page faults than the step itself."""
        if self._scratch is None:
            self._scratch = np.empty(len(self.index))
        return self._scratch

    def reduce(self, how, value, mask) -> np.ndarray:
        """`how` ("mean", "min", "max") of `value` where `mask`, per group; NaN for a group
        with no element."""
        if self.index is None:
            pool = value[mask]
            if pool.size == 0:
                return np.array([np.nan])
            return np.array([float(getattr(pool, how)())])
        if how == "mean":
            # Over every enterprise, the others weighing 0: cheaper than picking the pool out
            # first, and the same sums (adding 0.0 changes none).
            weights = self._buffer()
            np.copyto(weights, mask)
            count = np.bincount(self.index, weights=weights, minlength=self.size)
            weights.fill(0.0)
            np.copyto(weights, value, where=mask)
            total = np.bincount(self.index, weights=weights, minlength=self.size)
            with np.errstate(divide="ignore", invalid="ignore"):
                out = total / count
        else:
            index, pool = self.index[mask], value[mask]
            count = np.bincount(index, minlength=self.size)
            ufunc, start = (np.minimum, np.inf) if how == "min" else (np.maximum, -np.inf)
            out = np.full(self.size, start)
            ufunc.at(out, index, pool)
        out[count == 0] = np.nan
        return out

    def percentile(self, value, mask, q) -> np.ndarray:
        """np.percentile(·, q) (linear interpolation) of `value` where `mask`, per group."""
        if self.index is None:
            pool = value[mask]
            return np.array([float(np.percentile(pool, q)) if pool.size else np.nan])
        index, pool = self.index[mask], value[mask]
        order = np.lexsort((pool, index))
        pool = pool[order]
        count = np.bincount(index, minlength=self.size)
        start = np.cumsum(count) - count
        # numpy's virtual index and lerp for method="linear" (numpy/lib/_function_base_impl.py).
        quantile = q / 100
        virtual = (count - 1) * quantile
        below = np.clip(np.floor(virtual), 0, np.maximum(count - 1, 0)).astype(np.int64)
        above = np.minimum(below + 1, np.maximum(count - 1, 0))
        gamma = virtual - below
        out = np.full(self.size, np.nan)
        has = count > 0
        a, b, t = pool[(start + below)[has]], pool[(start + above)[has]], gamma[has]
        diff = b - a
        out[has] = np.where(t >= 0.5, b - diff * (1 - t), a + diff * t)
        return out


def _dense(group):
    """The sorted distinct codes of `group`, and each element's index among them."""
    if group.dtype.kind in "iu" and len(group):
        # Codes within a short range (county codes): counted, no sorting.
        low, high = int(group.min()), int(group.max())
        if max(-low, high) < 2**62 and high - low <= max(len(group), 1 << 16):
            offset = group.astype(np.int64) - low
            present = np.bincount(offset, minlength=high - low + 1) > 0
            lookup = np.cumsum(present) - 1
            return (np.flatnonzero(present) + low).astype(group.dtype), lookup[offset]
    return np.unique(group, return_inverse=True)


def evaluate(
    definition: dict, year: int, data: Inputs, adjustments: dict[int, list] | None = None
) -> Outcome:
    adjustments = adjustments or {}
    n = len(data)
    groups = _Groups(data.group, n)
    # The reason as a small code per enterprise (0: rated) until the end: comparing and
    # assigning strings across a million enterprises costs more than the scoring.
    why = np.zeros(n, dtype=np.uint16)
    reasons = [""]

    def exclude(mask, text):
        reasons.append(text)
        why[(why == 0) & mask] = len(reasons) - 1

    exclude(~data.operating, "not_operating")
    population = definition["population"]
    if population == Population.ABOVE_SCALE:
        exclude(~data.above_scale, "below_scale")
    elif population == Population.BELOW_SCALE:
        exclude(data.above_scale, "above_scale")
    if years := definition["exclude_founded_within_years"]:
        exclude((data.founded_year > 0) & (data.founded_year > year - years), f"young:{years}")
    for prefix in definition["exclude_industries"]:
        exclude(np.char.startswith(data.industry.astype(str), prefix), f"industry:{prefix}")
    exclude(~data.has_figures, f"no_figures:{year}")

    land = (
        data.own_land_mu + data.rented_floor_m2 * float(definition["rented_floor_share"]) / MU_IN_M2
    )
    if definition["merge_tenants"]:
        figures = {name: data.figures[name].copy() for name in FIGURE_FIELDS}
        tenants = (why == 0) & (data.landlord >= 0)
        landlords = data.landlord[tenants]
        for name in FIGURE_FIELDS:
            addition = np.nan_to_num(figures[name][tenants])
            np.add.at(figures[name], landlords, addition)
        exclude(tenants, "merged")
    else:
        figures = {name: data.figures[name] for name in FIGURE_FIELDS}
    exclude(~(land > 0), "no_land")
    exclude(land < float(definition["min_land_mu"]), f"small_land:{definition['min_land_mu']}")

    indicators = definition["indicators"]
    values, missing = {}, {}
    for spec in indicators:
        ind = CATALOGUE[spec["code"]]
        numerator = figures[ind.numerator]
        denominator = land if ind.denominator == LAND else figures[ind.denominator]
        value = np.full(n, np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            np.divide(numerator, denominator, out=value, where=denominator > 0)
        value *= ind.display_factor
        values[spec["code"]] = value
        missing[spec["code"]] = np.isnan(value)
        if definition["missing_rule"] == MissingRule.NOT_RATED:
            exclude(missing[spec["code"]], f"missing:{spec['code']}")

    rated = why == 0
    scores, clip, benchmarks = {}, {}, {}
    for spec in indicators:
        code = spec["code"]
        ind = CATALOGUE[code]
        value, absent = values[code], missing[code]
        present = rated & ~absent
        weight = float(spec["weight"])
        score, benchmarks[code] = _score(
            spec, ind.smaller_is_better, value, present, weight, groups
        )
        cut = np.zeros(n, dtype=np.int8)
        if spec["cap"] is not None:
            cap = float(spec["cap"])
            cut[score > cap] = _CAP
            np.minimum(score, cap, out=score)
        if spec["floor"] is not None:
            floor = float(spec["floor"])
            cut[score < floor] = _FLOOR
            np.maximum(score, floor, out=score)
        rule = definition["missing_rule"]
        if rule == MissingRule.MEAN_SCORE:
            mean = groups.reduce("mean", score, present)
            fill = groups.spread(np.where(np.isnan(mean), 0.0, mean))
        elif rule == MissingRule.PENALTY:
            fill = -float(definition["missing_penalty"])
        else:
            fill = 0.0
        np.copyto(score, fill, where=absent)
        cut[absent] = 0
        scores[code], clip[code] = score, cut

    total = np.zeros(n)
    for score in scores.values():
        total += score
    applied: dict[int, list] = {}
    for index, items in adjustments.items():
        for item in items:
            if item["kind"] in (AdjustmentKind.BONUS, AdjustmentKind.PENALTY) and rated[index]:
                sign = 1 if item["kind"] == AdjustmentKind.BONUS else -1
                total[index] += sign * float(item["points"])
                applied.setdefault(index, []).append(item)
    np.round(total, 2, out=total)
    total[~rated] = np.nan

    rated_total = total[rated]
    rated_group = None if groups.index is None else groups.index[rated]
    rated_rank = _ranks(rated_total, rated_group, groups.size)
    rank = np.zeros(n, dtype=np.int64)
    rank[rated] = rated_rank
    code = np.zeros(n, dtype=np.int8)  # 0 not rated, 1…4 for A…D
    code[rated] = _grades(definition, rated_rank, rated_total, rated_group, groups.size)
    grade = _GRADE_TEXT[code]
    for index, items in adjustments.items():
        if not rated[index]:
            continue
        for kind in (
            AdjustmentKind.FIXED_GRADE,
            AdjustmentKind.GRADE_UP,
            AdjustmentKind.GRADE_DOWN,
            AdjustmentKind.VETO,
        ):
            for item in (i for i in items if i["kind"] == kind):
                grade[index] = _adjusted_grade(grade[index], item)
                applied.setdefault(index, []).append(item)
    return Outcome(
        reason=np.array(reasons, dtype=object)[why],
        land_mu=land,
        figures=figures,
        values=values,
        scores=scores,
        missing=missing,
        clip=clip,
        group_benchmarks=benchmarks,
        total=total,
        rank=rank,
        grade=grade,
        applied=applied,
        groups=groups.codes,
    )


def _score(spec, smaller_is_better, value, present, weight, groups):
    """Points on one indicator for every enterprise, and the benchmark of each group (display
    unit); `present`: the rated enterprises with a value, whose values set the benchmarks."""
    n = len(value)
    if spec["scaling"] == Scaling.MINMAX:
        low = groups.reduce("min", value, present)
        high = groups.reduce("max", value, present)
        if groups.index is None:  # the single-population arithmetic, as it always was
            if np.isnan(high[0]):
                return np.zeros(n), high
            if high[0] == low[0]:
                return np.full(n, weight), high
        low_each, high_each = groups.spread(low), groups.spread(high)
        span = high_each - low_each
        with np.errstate(divide="ignore", invalid="ignore"):
            share = (high_each - value) / span if smaller_is_better else (value - low_each) / span
        score = weight * np.clip(share, 0, 1)
        if groups.index is not None:
            score = np.where(span == 0, weight, score)
            score[np.isnan(span)] = 0.0  # a group with no value
        return score, high
    bench = _benchmark(spec, value, present, groups)
    unusable = (bench == 0) | np.isnan(bench)
    if unusable.all():
        return np.zeros(n), bench
    each = groups.spread(bench, scratch=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        if smaller_is_better:
            score = np.where(value > 0, weight * each / value, 2 * weight)
        else:
            score = weight * value
            score /= each
    if unusable.any():
        score[groups.spread(unusable)] = 0.0
    return score, bench


def _benchmark(spec, value, present, groups) -> np.ndarray:
    """The benchmark of each group."""
    rule, parameter = spec["benchmark_rule"], float(spec["benchmark_value"])
    if rule == BenchmarkRule.FIXED:
        return np.full(groups.size, parameter)
    if rule == BenchmarkRule.MEAN:
        return parameter * groups.reduce("mean", value, present)
    if rule == BenchmarkRule.MAX:
        return groups.reduce("max", value, present)
    return groups.percentile(value, present, parameter)


def _ranks(total, group, size):
    """Competition ranks (1, 2, 2, 4) of rated totals (rounded to the cent) within their group
    (`group`: indices 0…size−1, or None for one group)."""
    if total.size == 0:
        return np.zeros(0, dtype=np.int64)
    cents = np.rint(total * 100)
    top, bottom = float(cents.max()), float(cents.min())
    span = top - bottom + 1
    if abs(top) < 2**52 and abs(bottom) < 2**52 and size * span <= max(4 * total.size, 1 << 20):
        # A counting sort: the key orders by group, then by total descending; how many of the
        # group's rated enterprises come before a key (strictly higher totals) is its rank − 1.
        span = int(span)
        key = (top - cents).astype(np.int64)
        if group is not None:
            key += group * span
        count = np.bincount(key, minlength=size * span)
        before = np.cumsum(count)
        before -= count
        rank = before[key] + 1
        if group is not None:
            rank -= before[::span][group]  # the enterprises of the groups before
        return rank
    # Totals spread too wide for counting (huge or uncapped scores): sort.
    if group is None:
        order = np.argsort(-total, kind="stable")
        start = 0
    else:
        order = np.lexsort((-total, group))
        count = np.bincount(group, minlength=size)
        start = (np.cumsum(count) - count)[group[order]]
    ordered = total[order]
    first = np.ones(total.size, dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    if group is not None:
        first |= np.arange(total.size) == start  # a group's first enterprise starts a run
    rank = np.empty(total.size, dtype=np.int64)
    rank[order] = np.maximum.accumulate(np.where(first, np.arange(total.size), 0)) - start + 1
    return rank


def _grades(definition, rank, total, group, size) -> np.ndarray:
    """The grades of the rated as codes 1…4 for A…D, from their ranks within their group
    (`group`: indices 0…size−1, or None for one group) or their totals."""
    a, b, c = (float(definition[f"grade_{g}"]) for g in "abc")
    if definition["grade_method"] != GradeMethod.SHARES:
        return np.select([total >= a, total >= b, total >= c], [1, 2, 3], 4).astype(np.int8)
    n_rated = np.array([rank.size]) if group is None else np.bincount(group, minlength=size)
    # Cut-offs per group, rounded half up (Python's round() would make 2.5 into 2), made
    # non-decreasing so that the number of cut-offs a position has passed is its grade.
    cuts = np.maximum.accumulate(
        [np.floor(n_rated * share / 100 + 0.5).astype(np.int64) for share in (a, a + b, a + b + c)]
    )
    position = rank - 1
    chosen = np.ones(rank.size, dtype=np.int8)
    for cut in cuts:
        chosen += position >= (cut[0] if group is None else cut[group])
    return chosen


def _adjusted_grade(current, item):
    kind = item["kind"]
    if kind == AdjustmentKind.VETO:
        return "D"
    if kind == AdjustmentKind.FIXED_GRADE:
        return item["grade"]
    step = -1 if kind == AdjustmentKind.GRADE_UP else 1
    return GRADES[min(3, max(0, GRADES.index(current) + step))]

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
  one grade up/down, veto (always D, whatever else)."""

from dataclasses import dataclass, field

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

    def __len__(self):
        return len(self.ids)


@dataclass
class Outcome:
    reason: np.ndarray  # "" when rated, else a code such as "no_land" or "young:2" (reasons.py)
    land_mu: np.ndarray
    figures: dict[str, np.ndarray]  # after merging tenants
    values: dict[str, np.ndarray]  # indicator values in their display unit
    scores: dict[str, np.ndarray]
    missing: dict[str, np.ndarray]
    clipped: dict[str, np.ndarray]  # "cap", "floor" or ""
    benchmarks: dict[str, float]  # in the display unit
    total: np.ndarray
    rank: np.ndarray  # 0 when not rated
    grade: np.ndarray  # "" when not rated
    applied: dict[int, list] = field(default_factory=dict)  # index → adjustments applied


def evaluate(
    definition: dict, year: int, data: Inputs, adjustments: dict[int, list] | None = None
) -> Outcome:
    adjustments = adjustments or {}
    n = len(data)
    reason = np.full(n, "", dtype=object)

    def exclude(mask, text):
        reason[(reason == "") & mask] = text

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

    figures = {name: data.figures[name].copy() for name in FIGURE_FIELDS}
    land = (
        data.own_land_mu + data.rented_floor_m2 * float(definition["rented_floor_share"]) / MU_IN_M2
    )
    if definition["merge_tenants"]:
        tenants = (reason == "") & (data.landlord >= 0)
        landlords = data.landlord[tenants]
        for name in FIGURE_FIELDS:
            addition = np.nan_to_num(figures[name][tenants])
            np.add.at(figures[name], landlords, addition)
        exclude(tenants, "merged")
    exclude(~(land > 0), "no_land")
    exclude(land < float(definition["min_land_mu"]), f"small_land:{definition['min_land_mu']}")

    indicators = definition["indicators"]
    values, missing = {}, {}
    for spec in indicators:
        ind = CATALOGUE[spec["code"]]
        numerator = figures[ind.numerator]
        denominator = land if ind.denominator == LAND else figures[ind.denominator]
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(denominator > 0, numerator / denominator, np.nan) * ind.display_factor
        values[spec["code"]] = value
        missing[spec["code"]] = np.isnan(value)
        if definition["missing_rule"] == MissingRule.NOT_RATED:
            exclude(missing[spec["code"]], f"missing:{spec['code']}")

    rated = reason == ""
    scores, clipped, benchmarks = {}, {}, {}
    for spec in indicators:
        code = spec["code"]
        ind = CATALOGUE[code]
        value, absent = values[code], missing[code]
        pool = value[rated & ~absent]
        weight = float(spec["weight"])
        score, bench = _score(spec, ind.smaller_is_better, value, pool, weight)
        benchmarks[code] = bench
        cut = np.full(n, "", dtype=object)
        if spec["cap"] is not None:
            cap = float(spec["cap"])
            cut[score > cap] = "cap"
            score = np.minimum(score, cap)
        if spec["floor"] is not None:
            floor = float(spec["floor"])
            cut[score < floor] = "floor"
            score = np.maximum(score, floor)
        rule = definition["missing_rule"]
        if rule == MissingRule.MEAN_SCORE:
            present = rated & ~absent
            fill = float(score[present].mean()) if present.any() else 0.0
        elif rule == MissingRule.PENALTY:
            fill = -float(definition["missing_penalty"])
        else:
            fill = 0.0
        score = np.where(absent, fill, score)
        cut[absent] = ""
        scores[code], clipped[code] = score, cut

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
    total = np.round(total, 2)
    total[~rated] = np.nan

    rank = np.zeros(n, dtype=np.int64)
    rated_totals = total[rated]
    descending = np.sort(rated_totals)[::-1]
    # Competition rank: 1 + how many rated enterprises have a strictly higher total.
    rank[rated] = np.searchsorted(-descending, -rated_totals, side="left") + 1
    grade = _grades(definition, rank, total, rated)
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
        reason,
        land,
        figures,
        values,
        scores,
        missing,
        clipped,
        benchmarks,
        total,
        rank,
        grade,
        applied,
    )


def _score(spec, smaller_is_better, value, pool, weight):
    """Points on one indicator for every enterprise, and the benchmark used (display unit)."""
    n = len(value)
    if spec["scaling"] == Scaling.MINMAX:
        if pool.size == 0:
            return np.zeros(n), float("nan")
        low, high = float(pool.min()), float(pool.max())
        if high == low:
            return np.full(n, weight), high
        share = (high - value) / (high - low) if smaller_is_better else (value - low) / (high - low)
        return weight * np.clip(share, 0, 1), high
    bench = _benchmark(spec, pool)
    if not bench or np.isnan(bench):
        return np.zeros(n), bench
    with np.errstate(divide="ignore", invalid="ignore"):
        if smaller_is_better:
            score = np.where(value > 0, weight * bench / value, 2 * weight)
        else:
            score = weight * value / bench
    return score, bench


def _benchmark(spec, pool) -> float:
    rule, parameter = spec["benchmark_rule"], float(spec["benchmark_value"])
    if rule == BenchmarkRule.FIXED:
        return parameter
    if pool.size == 0:
        return float("nan")
    if rule == BenchmarkRule.MEAN:
        return parameter * float(pool.mean())
    if rule == BenchmarkRule.MAX:
        return float(pool.max())
    return float(np.percentile(pool, parameter))


def _grades(definition, rank, total, rated):
    n_rated = int(rated.sum())
    grade = np.full(len(rank), "", dtype=object)
    if n_rated == 0:
        return grade
    a, b, c = (float(definition[f"grade_{g}"]) for g in "abc")
    if definition["grade_method"] == GradeMethod.SHARES:
        cut_a, cut_b, cut_c = (_half_up(n_rated * share / 100) for share in (a, a + b, a + b + c))
        position = rank - 1
        chosen = np.select(
            [position < cut_a, position < cut_b, position < cut_c], ["A", "B", "C"], "D"
        )
    else:
        chosen = np.select([total >= a, total >= b, total >= c], ["A", "B", "C"], "D")
    grade[rated] = chosen[rated]
    return grade


def _half_up(x: float) -> int:
    """Round half up (Python's round() would make 2.5 into 2)."""
    return int(np.floor(x + 0.5))


def _adjusted_grade(current, item):
    kind = item["kind"]
    if kind == AdjustmentKind.VETO:
        return "D"
    if kind == AdjustmentKind.FIXED_GRADE:
        return item["grade"]
    step = -1 if kind == AdjustmentKind.GRADE_UP else 1
    return GRADES[min(3, max(0, GRADES.index(current) + step))]

"""The engine on hand-computed cases and on properties (pure arrays, no database)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parkos.evaluation.engine import Inputs, evaluate
from parkos.evaluation.indicators import FIGURE_FIELDS


def inputs(n, **columns):
    figures = {
        name: np.array(columns.pop(name, [np.nan] * n), dtype=float) for name in FIGURE_FIELDS
    }
    defaults = {
        "ids": np.arange(1, n + 1),
        "operating": np.ones(n, dtype=bool),
        "above_scale": np.ones(n, dtype=bool),
        "founded_year": np.full(n, 2000),
        "industry": np.array(["C3511"] * n),
        "own_land_mu": np.full(n, 10.0),
        "rented_floor_m2": np.zeros(n),
        "landlord": np.full(n, -1),
        "has_figures": np.ones(n, dtype=bool),
    }
    defaults.update({k: np.asarray(v) for k, v in columns.items()})
    return Inputs(figures=figures, **defaults)


def scheme(*indicators, **overrides):
    definition = {
        "population": "above",
        "min_land_mu": "0",
        "exclude_founded_within_years": 0,
        "exclude_industries": [],
        "rented_floor_share": "1",
        "merge_tenants": False,
        "missing_rule": "zero",
        "missing_penalty": "0",
        "grade_method": "shares",
        "grade_a": "20",
        "grade_b": "40",
        "grade_c": "35",
        "grade_d": "5",
        "indicators": [
            {
                "code": code,
                "weight": str(weight),
                "benchmark_rule": rule,
                "benchmark_value": str(value),
                "scaling": "ratio",
                "cap": cap,
                "floor": None,
            }
            for code, weight, rule, value, cap in indicators
        ],
    }
    definition.update(overrides)
    return definition


TAX_30 = ("tax_per_mu", 30, "mean", 1, "45")
VA_20_FIXED_50 = ("value_added_per_mu", 20, "fixed", 50, "30")


def test_hand_computed_three_firms():
    # Land 10, 20, 5 mu; tax 200, 100, 250 万元 → 20, 5, 50 万元/亩, mean 25.
    # Value added 600, 200, 500 万元 → 60, 10, 100 万元/亩 against a fixed 50.
    data = inputs(
        3,
        own_land_mu=[10, 20, 5],
        tax_paid=[2_000_000, 1_000_000, 2_500_000],
        value_added=[6_000_000, 2_000_000, 5_000_000],
    )
    out = evaluate(scheme(TAX_30, VA_20_FIXED_50), 2024, data)
    assert out.benchmarks["tax_per_mu"] == pytest.approx(25)
    assert list(np.round(out.scores["tax_per_mu"], 2)) == [24.00, 6.00, 45.00]  # 60 capped at 45
    assert list(out.clipped["tax_per_mu"]) == ["", "", "cap"]
    assert list(np.round(out.scores["value_added_per_mu"], 2)) == [24.00, 4.00, 30.00]
    assert list(out.total) == [48.00, 10.00, 75.00]
    assert list(out.rank) == [2, 3, 1]
    assert list(out.grade) == ["B", "C", "A"]  # N=3: A below position 1, B below 2, C below 3


def test_rented_floor_counts_as_land_at_the_schemes_share():
    data = inputs(1, own_land_mu=[0], rented_floor_m2=[10000], tax_paid=[1_500_000])
    full = evaluate(scheme(("tax_per_mu", 30, "fixed", 10, None)), 2024, data)
    assert full.land_mu[0] == pytest.approx(15)  # 10,000 m² = 15 亩
    assert full.values["tax_per_mu"][0] == pytest.approx(10)
    half = evaluate(
        scheme(("tax_per_mu", 30, "fixed", 10, None), rented_floor_share="0.5"), 2024, data
    )
    assert half.land_mu[0] == pytest.approx(7.5) and half.total[0] == 60.0


def test_not_rated_with_reasons():
    data = inputs(
        7,
        operating=[True, False, True, True, True, True, True],
        above_scale=[True, True, False, True, True, True, True],
        founded_year=[2000, 2000, 2000, 2023, 2000, 2000, 2000],
        industry=["C3511", "C3511", "C3511", "C3511", "D4411", "C3511", "C3511"],
        has_figures=[True, True, True, True, True, False, True],
        own_land_mu=[10, 10, 10, 10, 10, 10, 0],
        tax_paid=[1e6] * 7,
    )
    out = evaluate(
        scheme(TAX_30, exclude_founded_within_years=2, exclude_industries=["D"]), 2024, data
    )
    assert list(out.reason) == [
        "",
        "not_operating",
        "below_scale",
        "young:2",
        "industry:D",
        "no_figures:2024",
        "no_land",
    ]
    assert list(out.grade) == [
        "B",
        "",
        "",
        "",
        "",
        "",
        "",
    ]  # one rated firm: position 0 ≥ round(0.2)


@pytest.mark.parametrize(
    "rule,expected",
    [
        ("zero", [30.0, 0.0]),
        ("mean_score", [30.0, 30.0]),
        ("penalty", [30.0, -5.0]),
        ("not_rated", [30.0, None]),
    ],
)
def test_missing_energy(rule, expected):
    data = inputs(2, value_added=[1e6, 1e6], energy_tce=[100, np.nan])
    out = evaluate(
        scheme(
            ("value_added_per_energy", 30, "mean", 1, None), missing_rule=rule, missing_penalty="5"
        ),
        2024,
        data,
    )
    got = [None if np.isnan(t) else float(t) for t in out.total]
    assert got == expected
    if rule == "not_rated":
        assert out.reason[1] == "missing:value_added_per_energy"


def test_one_firm_and_all_equal_values():
    one = evaluate(scheme(TAX_30), 2024, inputs(1, tax_paid=[1e6]))
    assert one.total[0] == 30.0 and one.rank[0] == 1
    same = evaluate(scheme(TAX_30), 2024, inputs(10, tax_paid=[1e6] * 10))
    assert set(same.rank) == {1} and set(same.grade) == {"A"}  # ties never split: the better grade


def test_zero_benchmark_scores_zero_not_infinity():
    out = evaluate(scheme(TAX_30), 2024, inputs(3, tax_paid=[0, 0, 0]))
    assert list(out.total) == [0.0, 0.0, 0.0]


def test_smaller_is_better_and_minmax():
    data = inputs(3, energy_tce=[10, 20, 40], output_value=[1e6, 1e6, 1e6])
    out = evaluate(scheme(("energy_per_output", 10, "fixed", "0.2", None)), 2024, data)
    # 10, 20, 40 tce over 100 万元 = 0.1, 0.2, 0.4 tce per 万元 against 0.2: 10 × 0.2 ÷ v
    assert list(np.round(out.scores["energy_per_output"], 2)) == [20.0, 10.0, 5.0]
    minmax = scheme(("tax_per_mu", 20, "mean", 1, None))
    minmax["indicators"][0]["scaling"] = "minmax"
    out = evaluate(minmax, 2024, inputs(3, tax_paid=[1e6, 2e6, 3e6]))
    assert list(np.round(out.scores["tax_per_mu"], 2)) == [0.0, 10.0, 20.0]


def test_adjustments():
    data = inputs(4, tax_paid=[4e6, 3e6, 2e6, 1e6])
    adjustments = {
        0: [{"kind": "veto", "points": None, "grade": "", "reason": "重大安全事故"}],
        1: [{"kind": "bonus", "points": "100", "grade": "", "reason": "研发奖励"}],
        2: [{"kind": "fixed_grade", "points": None, "grade": "A", "reason": "认定"}],
        3: [{"kind": "grade_up", "points": None, "grade": "", "reason": "改造升级"}],
    }
    out = evaluate(
        scheme(TAX_30, grade_method="thresholds", grade_a="40", grade_b="30", grade_c="20"),
        2024,
        data,
        adjustments,
    )
    assert out.rank[1] == 1 and out.total[1] == pytest.approx(30 * 3 / 2.5 + 100)
    assert list(out.grade) == [
        "D",
        "A",
        "A",
        "C",
    ]  # veto beats a top score; 12 points is D, then up
    assert out.applied[0][0]["reason"] == "重大安全事故"


def test_merging_tenants_into_their_landlord():
    data = inputs(
        2, own_land_mu=[10, 0], rented_floor_m2=[0, 2000], landlord=[-1, 0], tax_paid=[1e6, 5e5]
    )
    out = evaluate(scheme(("tax_per_mu", 30, "fixed", 15, None), merge_tenants=True), 2024, data)
    assert out.reason[1] == "merged"
    assert out.figures["tax_paid"][0] == 1.5e6 and out.total[0] == 30.0


money = st.floats(min_value=0, max_value=1e9, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(taxes=st.lists(money, min_size=2, max_size=30), who=st.integers(min_value=0), raise_by=money)
def test_raising_tax_never_lowers_a_firms_score(taxes, who, raise_by):
    who %= len(taxes)
    before = evaluate(scheme(TAX_30), 2024, inputs(len(taxes), tax_paid=taxes))
    taxes[who] += raise_by
    after = evaluate(scheme(TAX_30), 2024, inputs(len(taxes), tax_paid=taxes))
    assert after.total[who] >= before.total[who] - 0.01


@settings(max_examples=60, deadline=None)
@given(
    taxes=st.lists(
        st.integers(min_value=0, max_value=20).map(lambda x: x * 1e5), min_size=1, max_size=60
    )
)
def test_grade_shares_follow_the_cut_offs_and_ties_share_a_grade(taxes):
    out = evaluate(scheme(TAX_30), 2024, inputs(len(taxes), tax_paid=taxes))
    n = len(taxes)
    cuts = [int(np.floor(n * s / 100 + 0.5)) for s in (20, 60, 95)]
    for rank, grade in zip(out.rank, out.grade, strict=True):
        position = rank - 1
        assert grade == (
            "A"
            if position < cuts[0]
            else "B"
            if position < cuts[1]
            else "C"
            if position < cuts[2]
            else "D"
        )
    by_total = {}
    for total, grade in zip(out.total, out.grade, strict=True):
        by_total.setdefault(total, set()).add(grade)
    assert all(len(grades) == 1 for grades in by_total.values())


@settings(max_examples=40, deadline=None)
@given(taxes=st.lists(money, min_size=1, max_size=20), who=st.integers(min_value=0))
def test_a_veto_always_yields_d(taxes, who):
    who %= len(taxes)
    veto = {who: [{"kind": "veto", "points": None, "grade": "", "reason": "环保事故"}]}
    out = evaluate(scheme(TAX_30), 2024, inputs(len(taxes), tax_paid=taxes), veto)
    assert out.grade[who] == "D"


# Groups: each group (a county of a province) benchmarked, ranked and graded as if alone.


def test_two_groups_each_with_its_own_benchmark_ranks_and_grades():
    # Land 10 mu each. North (1): tax 200, 100, 300 万元 → 20, 10, 30 万元/亩, mean 20.
    # South (2): tax 10, 30 万元 → 1, 3 万元/亩, mean 2. Interleaved: N S N S N.
    data = inputs(
        5,
        tax_paid=[2_000_000, 100_000, 1_000_000, 300_000, 3_000_000],
        group=[1, 2, 1, 2, 1],
    )
    out = evaluate(scheme(TAX_30), 2024, data)
    assert list(out.groups) == [1, 2]
    assert list(out.group_benchmarks["tax_per_mu"]) == pytest.approx([20, 2])
    # 30 × value ÷ its county's mean; the cap is 45.
    assert list(np.round(out.scores["tax_per_mu"], 2)) == [30.0, 15.0, 15.0, 45.0, 45.0]
    assert list(out.total) == [30.0, 15.0, 15.0, 45.0, 45.0]
    assert list(out.rank) == [2, 2, 3, 1, 1]
    # North, N=3: A below position round(0.6)=1, B below round(1.8)=2, C below round(2.85)=3.
    # South, N=2: A below round(0.4)=0 (none), B below round(1.2)=1, C below round(1.9)=2.
    assert list(out.grade) == ["B", "C", "C", "B", "A"]
    with pytest.raises(ValueError):
        out.benchmarks  # noqa: B018 (several groups have no one benchmark)
    together = evaluate(scheme(TAX_30), 2024, inputs(5, tax_paid=list(data.figures["tax_paid"])))
    assert together.benchmarks["tax_per_mu"] == pytest.approx(12.8)  # what the groups change


def test_string_group_codes():
    data = inputs(3, tax_paid=[1e6, 2e6, 3e6], group=["浙江-黄岩", "浙江-路桥", "浙江-黄岩"])
    out = evaluate(scheme(TAX_30), 2024, data)
    assert list(out.groups) == ["浙江-路桥", "浙江-黄岩"]  # sorted
    assert list(out.rank) == [2, 1, 1]
    assert list(out.group_benchmarks["tax_per_mu"]) == pytest.approx([20, 20])


def _fields_equal(a, b):
    for name in ("reason", "land_mu", "total", "rank", "grade"):
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype and np.array_equal(x, y, equal_nan=x.dtype.kind == "f"), name
    for name in ("figures", "values", "scores", "missing", "clip", "clipped", "group_benchmarks"):
        x, y = getattr(a, name), getattr(b, name)
        assert x.keys() == y.keys(), name
        for key in x:
            kind = np.asarray(x[key]).dtype.kind
            assert np.array_equal(x[key], y[key], equal_nan=kind == "f"), (name, key)
    assert a.applied == b.applied


@pytest.mark.parametrize("rule", ["mean", "max", "percentile", "fixed", "minmax"])
def test_one_group_is_no_group(rule):
    taxes = [4e6, 1e6, 0, 2.5e6, np.nan, 3e6]
    definition = scheme(
        ("tax_per_mu", 30, "percentile" if rule == "minmax" else rule, 50, "45"),
        ("energy_per_output", 10, "mean", 1, None),
        missing_rule="mean_score",
    )
    if rule == "minmax":
        definition["indicators"][0]["scaling"] = "minmax"
    columns = {"tax_paid": taxes, "energy_tce": [5, 0, 8, np.nan, 2, 4], "output_value": [1e6] * 6}
    veto = {2: [{"kind": "veto", "points": None, "grade": "", "reason": "环保"}]}
    alone = evaluate(definition, 2024, inputs(6, **columns), veto)
    grouped = evaluate(definition, 2024, inputs(6, group=[7] * 6, **columns), veto)
    _fields_equal(alone, grouped)
    assert alone.groups is None and list(grouped.groups) == [7]
    assert alone.benchmarks == grouped.benchmarks


RULES = [
    ("tax_per_mu", "mean", "1.1", "ratio", "zero"),
    ("tax_per_mu", "max", "1", "ratio", "mean_score"),
    ("tax_per_mu", "percentile", "75", "ratio", "penalty"),
    ("tax_per_mu", "percentile", "50", "minmax", "zero"),
    ("energy_per_output", "mean", "1", "ratio", "mean_score"),  # smaller is better
    ("energy_per_output", "percentile", "30", "minmax", "not_rated"),
]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("code,rule,value,scaling,missing_rule", RULES)
def test_groups_together_equal_each_group_alone(seed, code, rule, value, scaling, missing_rule):
    rng = np.random.default_rng(seed)
    n = 60
    # Three groups of uneven sizes, one with a single enterprise; some values missing or 0.
    group = rng.choice([11, 12, 13], n, p=[0.6, 0.38, 0.02])
    group[0] = 13
    tax = rng.integers(0, 40, n) * 1e5
    energy = np.where(rng.random(n) < 0.15, np.nan, rng.integers(0, 9, n).astype(float))
    operating = rng.random(n) > 0.1
    definition = scheme(
        (code, 25, rule, value, "30"),
        ("value_added_per_mu", 15, "mean", 1, None),
        missing_rule=missing_rule,
        missing_penalty="3",
    )
    definition["indicators"][0]["scaling"] = scaling
    definition["indicators"][0]["floor"] = "2"
    columns = {
        "tax_paid": tax,
        "energy_tce": energy,
        "output_value": rng.integers(1, 50, n) * 1e5,
        "value_added": rng.integers(0, 30, n) * 1e5,
        "operating": operating,
        "own_land_mu": rng.integers(1, 30, n).astype(float),
    }
    bonus = {3: [{"kind": "bonus", "points": "4", "grade": "", "reason": "奖励"}]}
    out = evaluate(definition, 2024, inputs(n, group=group, **columns), bonus)
    for k, g in enumerate(out.groups):
        m = group == g
        index = {int(i): j for j, i in enumerate(np.flatnonzero(m))}
        part = inputs(int(m.sum()), **{name: np.asarray(c)[m] for name, c in columns.items()})
        alone = evaluate(definition, 2024, part, {index[i]: a for i, a in bonus.items() if m[i]})
        for ind in definition["indicators"]:
            c = ind["code"]
            assert out.group_benchmarks[c][k] == pytest.approx(
                alone.benchmarks[c], rel=1e-12, nan_ok=True
            )
            assert out.scores[c][m] == pytest.approx(alone.scores[c], rel=1e-12, nan_ok=True)
            assert list(out.clipped[c][m]) == list(alone.clipped[c])
        assert list(out.reason[m]) == list(alone.reason)
        assert np.array_equal(out.total[m], alone.total, equal_nan=True)
        assert list(out.rank[m]) == list(alone.rank)
        assert list(out.grade[m]) == list(alone.grade)


def test_ranks_when_totals_spread_too_wide_to_count():
    # Uncapped ratio scores over a benchmark near 0: ranks by sorting, per group, ties shared.
    taxes = [1, 1e9, 5e8, 5e8, 2, 1e9, 0, 3]
    out = evaluate(
        scheme(("tax_per_mu", 30, "fixed", "0.000001", None)),
        2024,
        inputs(8, tax_paid=taxes, group=[1, 1, 1, 1, 2, 2, 2, 2]),
    )
    assert list(out.rank) == [4, 1, 2, 2, 3, 1, 4, 2]
    alone = evaluate(
        scheme(("tax_per_mu", 30, "fixed", "0.000001", None)), 2024, inputs(8, tax_paid=taxes)
    )
    assert list(alone.rank) == [7, 1, 3, 3, 6, 1, 8, 5]

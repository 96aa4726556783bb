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

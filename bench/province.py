"""A province: 1,000,000 synthetic enterprises scored and graded in-process by the engine,
beside a bare Polars computation of the same scores (the limit a dataframe library reaches).
The two must agree on every total, or the comparison means nothing."""

import os
import time

import numpy as np
import polars as pl

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parkos.settings")
import django

django.setup()

from parkos.evaluation.engine import Inputs, evaluate  # noqa: E402
from parkos.evaluation.indicators import FIGURE_FIELDS  # noqa: E402

N = int(os.environ.get("BENCH_PROVINCE", "1000000"))
WEIGHTS = {
    "tax_per_mu": 30,
    "value_added_per_mu": 20,
    "value_added_per_energy": 20,
    "value_added_per_emissions": 10,
    "labour_productivity": 10,
    "rd_intensity": 10,
}
DEFINITION = {
    "population": "above",
    "min_land_mu": "0",
    "exclude_founded_within_years": 2,
    "exclude_industries": ["D"],
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
            "weight": str(w),
            "benchmark_rule": "mean",
            "benchmark_value": "1",
            "scaling": "ratio",
            "cap": str(w * 1.5),
            "floor": None,
        }
        for code, w in WEIGHTS.items()
    ],
}


def synthetic(n, seed=1):
    rng = np.random.default_rng(seed)
    land = np.exp(rng.normal(2.7, 0.9, n))
    output = land * 120 * 1e4 * np.exp(rng.normal(0, 1, n))
    figures = {name: np.full(n, np.nan) for name in FIGURE_FIELDS}
    figures["output_value"] = output
    figures["revenue"] = output * rng.uniform(0.95, 1.15, n)
    figures["tax_paid"] = figures["revenue"] * rng.uniform(0.02, 0.08, n)
    figures["value_added"] = output * rng.uniform(0.2, 0.32, n)
    figures["rd_spend"] = figures["revenue"] * rng.uniform(0.01, 0.08, n)
    figures["energy_tce"] = np.where(
        rng.random(n) < 0.06, np.nan, output * 1e-4 * rng.uniform(0.02, 0.09, n)
    )
    figures["pollutant_emissions"] = np.where(
        np.isnan(figures["energy_tce"]), np.nan, output * 1e-4 * 0.002
    )
    figures["employees"] = np.maximum(3, output / 1e4 / rng.uniform(60, 180, n)).round()
    industry = np.where(rng.random(n) < 0.02, "D4411", "C3511")
    return Inputs(
        ids=np.arange(n),
        operating=rng.random(n) > 0.03,
        above_scale=rng.random(n) < 0.5,
        founded_year=rng.integers(1990, 2025, n),
        industry=industry,
        own_land_mu=land,
        rented_floor_m2=np.zeros(n),
        landlord=np.full(n, -1),
        has_figures=rng.random(n) > 0.02,
        figures=figures,
    )


def polars_scores(data: Inputs, year=2024):
    """The same scores with Polars expressions only."""
    frame = pl.DataFrame(
        {
            "operating": data.operating,
            "above": data.above_scale,
            "founded": data.founded_year,
            "industry": data.industry,
            "land": data.own_land_mu,
            "has": data.has_figures,
            **{name: data.figures[name] for name in FIGURE_FIELDS},
        }
    ).with_columns(pl.col(FIGURE_FIELDS).fill_nan(None))
    rated = (
        pl.col("operating")
        & pl.col("above")
        & (pl.col("founded") <= year - 2)
        & ~pl.col("industry").str.starts_with("D")
        & pl.col("has")
        & (pl.col("land") > 0)
    )
    values = {
        "tax_per_mu": pl.col("tax_paid") / pl.col("land") * 1e-4,
        "value_added_per_mu": pl.col("value_added") / pl.col("land") * 1e-4,
        "value_added_per_energy": pl.col("value_added") / pl.col("energy_tce") * 1e-4,
        "value_added_per_emissions": pl.col("value_added") / pl.col("pollutant_emissions") * 1e-4,
        "labour_productivity": pl.col("value_added") / pl.col("employees") * 1e-4,
        "rd_intensity": pl.col("rd_spend") / pl.col("revenue") * 100,
    }
    frame = frame.with_columns(rated.alias("rated"), *(v.alias(k) for k, v in values.items()))
    scores = [
        (pl.lit(w) * pl.col(code) / pl.col(code).filter(pl.col("rated")).mean())
        .clip(upper_bound=w * 1.5)
        .fill_null(0)
        .alias(f"s_{code}")
        for code, w in WEIGHTS.items()
    ]
    frame = frame.with_columns(scores).with_columns(
        pl.when(pl.col("rated"))
        .then(pl.sum_horizontal([f"s_{c}" for c in WEIGHTS]).round(2))
        .alias("total")
    )
    n_rated = frame["rated"].sum()
    cuts = [int(np.floor(n_rated * s / 100 + 0.5)) for s in (20, 60, 95)]
    frame = frame.with_columns(
        pl.col("total").rank("min", descending=True).alias("rank")
    ).with_columns(
        pl.when(~pl.col("rated"))
        .then(pl.lit(""))
        .when(pl.col("rank") - 1 < cuts[0])
        .then(pl.lit("A"))
        .when(pl.col("rank") - 1 < cuts[1])
        .then(pl.lit("B"))
        .when(pl.col("rank") - 1 < cuts[2])
        .then(pl.lit("C"))
        .otherwise(pl.lit("D"))
        .alias("grade")
    )
    return frame["total"].to_numpy(), frame["grade"].to_numpy()


def best_of(fn, runs=3):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - started)
    return min(times), out


def main():
    data = synthetic(N)
    engine_seconds, outcome = best_of(lambda: evaluate(DEFINITION, 2024, data))
    polars_seconds, (totals, grades) = best_of(lambda: polars_scores(data))
    rated = outcome.reason == ""
    assert np.allclose(outcome.total[rated], totals[rated], atol=0.011), (
        "engine and Polars disagree"
    )
    agree = float((outcome.grade[rated] == grades[rated]).mean())
    return {
        "n": N,
        "rated": int(rated.sum()),
        "engine": engine_seconds,
        "polars": polars_seconds,
        "grade_agreement": agree,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(main()))

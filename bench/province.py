"""A province: 1,000,000 synthetic enterprises in 100 counties, each county with its own
benchmarks, ranks and grade cut-offs, scored and graded by one call of the engine — beside the
same scores computed by bare DuckDB SQL (window functions partitioned by county) and by bare
Polars expressions (`.over("county")`), in this process, over the same arrays. The three must
agree on every total (to the cent) and every grade, or the comparison means nothing.

Timed: the engine's `evaluate(DEFINITION, 2024, data)`; DuckDB's query (on its default threads,
one per core, and again on one thread; and the variant with the benchmarks by GROUP BY) from the
registered arrays to numpy arrays of total, rank
and grade in enterprise order; Polars' from the numpy arrays to the same. Not timed: making the
data, building `Inputs`, registering the arrays with DuckDB (a view over them: DuckDB reads the
arrays when the query runs, so reading them is timed), and the checks. Runs alternate between
the five, so that a busy machine slows them alike."""

import datetime as dt
import os
import statistics
import time

import numpy as np
import polars as pl

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parkos.settings")
import django

django.setup()

from parkos.evaluation.engine import Inputs, evaluate  # noqa: E402
from parkos.evaluation.indicators import FIGURE_FIELDS  # noqa: E402

N = int(os.environ.get("BENCH_PROVINCE", "1000000"))
COUNTIES = 100
RUNS = int(os.environ.get("BENCH_PROVINCE_RUNS", "5"))
YEAR = 2024
WEIGHTS = {
    "tax_per_mu": 30,
    "value_added_per_mu": 20,
    "value_added_per_energy": 20,
    "value_added_per_emissions": 10,
    "labour_productivity": 10,
    "rd_intensity": 10,
}
SHARES = (20, 40, 35)  # A, B, C; D the rest
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
    "grade_a": str(SHARES[0]),
    "grade_b": str(SHARES[1]),
    "grade_c": str(SHARES[2]),
    "grade_d": str(100 - sum(SHARES)),
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
# value = numerator ÷ denominator × factor, as the catalogue defines them (indicators.py).
VALUES = {
    "tax_per_mu": ("tax_paid", "land", 1e-4),
    "value_added_per_mu": ("value_added", "land", 1e-4),
    "value_added_per_energy": ("value_added", "energy_tce", 1e-4),
    "value_added_per_emissions": ("value_added", "pollutant_emissions", 1e-4),
    "labour_productivity": ("value_added", "employees", 1e-4),
    "rd_intensity": ("rd_spend", "revenue", 100),
}
# The grade cut-offs as shares of a county's rated enterprises: below A, below B, below C.
CUMULATIVE = [sum(SHARES[: i + 1]) for i in range(3)]


def county_codes(counties=COUNTIES):
    """Six-digit division codes: 11 prefectures, up to 10 counties each (330102, 330103, …)."""
    k = np.arange(counties)
    return 330000 + 100 * (k // 10 + 1) + k % 10 + 2


def synthetic(n, seed=1, counties=COUNTIES):
    rng = np.random.default_rng(seed)
    # Uneven counties (a few with 5 % of the province, many with a few thousand firms) at
    # different levels of output per mu, tax rate and energy use, so their benchmarks differ.
    size = rng.lognormal(0, 1, counties)
    county = rng.choice(counties, n, p=size / size.sum())
    productivity = np.exp(rng.normal(0, 0.35, counties))[county]
    tax_level = rng.uniform(0.6, 1.4, counties)[county]
    energy_level = rng.uniform(0.5, 1.5, counties)[county]
    land = np.exp(rng.normal(2.7, 0.9, n))
    output = land * 120 * 1e4 * productivity * np.exp(rng.normal(0, 1, n))
    figures = {name: np.full(n, np.nan) for name in FIGURE_FIELDS}
    figures["output_value"] = output
    figures["revenue"] = output * rng.uniform(0.95, 1.15, n)
    figures["tax_paid"] = figures["revenue"] * rng.uniform(0.02, 0.08, n) * tax_level
    figures["value_added"] = output * rng.uniform(0.2, 0.32, n)
    figures["rd_spend"] = figures["revenue"] * rng.uniform(0.01, 0.08, n)
    figures["energy_tce"] = np.where(
        rng.random(n) < 0.06, np.nan, output * 1e-4 * rng.uniform(0.02, 0.09, n) * energy_level
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
        group=county_codes(counties)[county],
    )


def columns(data: Inputs) -> dict[str, np.ndarray]:
    """The arrays the bare computations read: the engine's inputs, renamed."""
    return {
        "i": np.arange(len(data)),
        "county": data.group,
        "operating": data.operating,
        "above": data.above_scale,
        "founded": data.founded_year,
        "industry": data.industry,
        "land": data.own_land_mu,
        "has": data.has_figures,
        **{name: data.figures[name] for name in FIGURE_FIELDS},
    }


def duckdb_sql(year=YEAR, benchmarks_by="window"):
    """The scores in one SQL statement over the table `firms` (see `columns`). The counties'
    benchmarks by a window partitioned by county, or (`benchmarks_by="group"`) by GROUP BY
    county joined back, which DuckDB runs faster."""

    def known(column):
        # Unknown figures are NaN in the arrays; DuckDB's scan of numpy arrays reads NaN as
        # NULL, but were one to arrive as NaN it would count as a number above any other.
        return f"NOT isnan({column})"

    value_columns = ",\n    ".join(
        f"CASE WHEN {d} > 0 AND {known(d)} AND {known(nu)} THEN {nu} / {d} * {f} END AS {code}"
        for code, (nu, d, f) in VALUES.items()
    )
    means = {code: f"avg({code}) FILTER (WHERE rated)" for code in WEIGHTS}
    if benchmarks_by == "window":
        columns = ",\n    ".join(f"{mean} OVER county AS b_{code}" for code, mean in means.items())
        benchmarks = f"b AS (SELECT *, {columns} FROM v WINDOW county AS (PARTITION BY county))"
    else:
        columns = ",\n    ".join(f"{mean} AS b_{code}" for code, mean in means.items())
        benchmarks = (
            f"g AS (SELECT county, {columns} FROM v GROUP BY county),\n"
            "b AS (SELECT * FROM v JOIN g USING (county))"
        )
    total = " + ".join(
        # least() passes over NULLs: an unknown value or benchmark becomes 0 before the cap.
        f"least(coalesce({w} * {code} / nullif(b_{code}, 0), 0), {w * 1.5})"
        for code, w in WEIGHTS.items()
    )
    grades = "\n    ".join(
        f"WHEN position < floor(n * {share} / 100 + 0.5) THEN '{grade}'"
        for grade, share in zip("ABC", CUMULATIVE, strict=True)
    )
    return f"""
WITH v AS (
  SELECT i, county,
    operating AND above AND NOT (founded > 0 AND founded > {year - 2})
      AND NOT starts_with(industry, 'D') AND has AND land > 0 AS rated,
    {value_columns}
  FROM firms),
{benchmarks},
t AS (SELECT i, county, rated, CASE WHEN rated THEN round_even({total}, 2) END AS total FROM b),
r AS (SELECT i, rated, total,
    rank() OVER (PARTITION BY county, rated ORDER BY total DESC) AS rank,
    count(*) OVER (PARTITION BY county, rated) AS n
  FROM t)
SELECT i, total, CASE WHEN rated THEN rank ELSE 0 END AS rank,
  CASE WHEN NOT rated THEN ''
    {grades}
    ELSE 'D' END AS grade
FROM (SELECT *, rank - 1 AS position FROM r)
"""


def duckdb_scores(con, sql):
    """Totals (NaN when not rated), ranks and grades in enterprise order."""
    out = con.execute(sql).fetchnumpy()
    order = out["i"]
    total = np.empty(len(order))
    total[order] = np.ma.filled(out["total"].astype(float), np.nan)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = out["rank"]
    grade = np.empty(len(order), dtype=object)
    grade[order] = out["grade"]
    return total, rank, grade


def duckdb_connection(data: Inputs):
    import duckdb  # a benchmark dependency (requirements-bench.lock), not the product's

    con = duckdb.connect()
    con.register("firms", columns(data))
    return con


def polars_scores(data: Inputs, year=YEAR):
    """The same scores with Polars expressions, per county by `.over`."""
    frame = pl.DataFrame(columns(data)).with_columns(pl.col(FIGURE_FIELDS).fill_nan(None))
    rated = (
        pl.col("operating")
        & pl.col("above")
        & ~((pl.col("founded") > 0) & (pl.col("founded") > year - 2))
        & ~pl.col("industry").str.starts_with("D")
        & pl.col("has")
        & (pl.col("land") > 0)
    )
    values = [
        pl.when(pl.col(d) > 0).then(pl.col(nu) / pl.col(d) * f).alias(code)
        for code, (nu, d, f) in VALUES.items()
    ]
    frame = frame.with_columns(rated.alias("rated"), *values)
    scores = [
        (
            pl.lit(float(w))
            * pl.col(code)
            / pl.col(code).filter(pl.col("rated")).mean().over("county")
        )
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
    within = ["county", "rated"]
    frame = frame.with_columns(
        (pl.col("total").rank("min", descending=True).over(within) - 1).alias("position"),
        pl.len().over(within).alias("n"),
    )
    cut = [(pl.col("n") * share / 100 + 0.5).floor() for share in CUMULATIVE]
    frame = frame.with_columns(
        pl.when(~pl.col("rated"))
        .then(pl.lit(""))
        .when(pl.col("position") < cut[0])
        .then(pl.lit("A"))
        .when(pl.col("position") < cut[1])
        .then(pl.lit("B"))
        .when(pl.col("position") < cut[2])
        .then(pl.lit("C"))
        .otherwise(pl.lit("D"))
        .alias("grade")
    )
    return frame["total"].fill_null(np.nan).to_numpy(), frame["grade"].to_numpy()


def timed(fn):
    started = time.perf_counter()
    out = fn()
    return time.perf_counter() - started, out


def spread(seconds):
    return {"best": min(seconds), "median": statistics.median(seconds), "runs": seconds}


def main():
    load = os.getloadavg()[0]
    data = synthetic(N)
    con = duckdb_connection(data)  # as many threads as cores, DuckDB's default
    con_1 = duckdb_connection(data)
    # One thread, as the engine has: a yardstick that a busy machine moves less.
    con_1.execute("SET threads = 1")
    sql, sql_group = duckdb_sql(), duckdb_sql(benchmarks_by="group")
    times = {"engine": [], "duckdb": [], "duckdb_1": [], "duckdb_group": [], "polars": []}
    for _ in range(RUNS):
        seconds, outcome = timed(lambda: evaluate(DEFINITION, YEAR, data))
        times["engine"].append(seconds)
        seconds, (total, rank, grade) = timed(lambda: duckdb_scores(con, sql))
        times["duckdb"].append(seconds)
        seconds, (total_1, _, grade_1) = timed(lambda: duckdb_scores(con_1, sql))
        times["duckdb_1"].append(seconds)
        seconds, (total_group, _, grade_group) = timed(lambda: duckdb_scores(con, sql_group))
        times["duckdb_group"].append(seconds)
        seconds, (polars_total, polars_grade) = timed(lambda: polars_scores(data))
        times["polars"].append(seconds)
    rated = outcome.reason == ""
    assert (rated == ~np.isnan(total)).all(), "engine and DuckDB rate different enterprises"
    assert np.allclose(outcome.total[rated], total[rated], atol=0.01), "totals disagree (DuckDB)"
    assert (outcome.grade == grade).all(), "grades disagree (DuckDB)"
    for other_total, other_grade in ((total_1, grade_1), (total_group, grade_group)):
        assert np.allclose(total, other_total, atol=0.01, equal_nan=True)
        assert (grade == other_grade).all()
    assert np.allclose(outcome.total[rated], polars_total[rated], atol=0.01), "totals (Polars)"
    assert (outcome.grade == polars_grade).all(), "grades disagree (Polars)"
    benchmarks = outcome.group_benchmarks["tax_per_mu"]
    sizes = np.bincount(np.searchsorted(outcome.groups, data.group))
    return {
        "date": str(dt.date.today()),
        "load": [load, os.getloadavg()[0]],  # at the start and at the end
        "versions": {
            "numpy": np.__version__,
            "duckdb": con.execute("SELECT library_version FROM pragma_version()").fetchone()[0],
            "polars": pl.__version__,
        },
        "n": N,
        "counties": len(outcome.groups),
        "county_sizes": [int(sizes.min()), int(sizes.max())],
        "tax_benchmarks": [float(benchmarks.min()), float(benchmarks.max())],
        "rated": int(rated.sum()),
        "rank_agreement": float((outcome.rank == rank).mean()),
        "duckdb_threads": int(con.execute("SELECT current_setting('threads')").fetchone()[0]),
        "runs": RUNS,
        **{name: spread(seconds) for name, seconds in times.items()},
    }


if __name__ == "__main__":
    import json

    print(json.dumps(main()))

"""The province bench compares like with like: on a small province the engine, the bare DuckDB
SQL and the bare Polars expressions give the same totals, ranks and grades, county by county."""

import numpy as np
import pytest

from bench import province, run


@pytest.fixture(scope="module")
def small():
    data = province.synthetic(4000, seed=3, counties=12)
    return data, province.evaluate(province.DEFINITION, province.YEAR, data)


def test_counties_differ_and_are_benchmarked_apart(small):
    data, outcome = small
    assert len(outcome.groups) == 12
    benchmarks = outcome.group_benchmarks["tax_per_mu"]
    assert benchmarks.max() > 1.2 * benchmarks.min()
    rated = outcome.reason == ""
    county = data.group == outcome.groups[0]
    assert outcome.rank[rated & county].min() == 1  # ranked within the county


def test_polars_agrees(small):
    data, outcome = small
    total, grade = province.polars_scores(data)
    rated = outcome.reason == ""
    assert np.array_equal(np.isnan(total), ~rated)
    assert np.allclose(outcome.total[rated], total[rated], atol=0.01)
    assert (outcome.grade == grade).all()


@pytest.mark.parametrize("benchmarks_by", ["window", "group"])
def test_duckdb_agrees(small, benchmarks_by):
    pytest.importorskip("duckdb", reason="a benchmark dependency: requirements-bench.lock")
    data, outcome = small
    con = province.duckdb_connection(data)
    sql = province.duckdb_sql(benchmarks_by=benchmarks_by)
    total, rank, grade = province.duckdb_scores(con, sql)
    rated = outcome.reason == ""
    assert np.array_equal(np.isnan(total), ~rated)
    assert np.allclose(outcome.total[rated], total[rated], atol=0.01)
    assert (outcome.rank == rank).all()
    assert (outcome.grade == grade).all()


def test_the_section_states_the_figures_and_the_ratio():
    times = {"best": 0.2, "median": 0.25, "runs": [0.2, 0.25, 0.3]}
    figures = {
        "date": "2026-12-01",
        "load": [0.5, 1.5],
        "versions": {"numpy": "2", "duckdb": "v2", "polars": "2"},
        "n": 1000,
        "counties": 100,
        "county_sizes": [3, 40],
        "tax_benchmarks": [3.0, 27.0],
        "rated": 400,
        "rank_agreement": 1.0,
        "duckdb_threads": 2,
        "runs": 3,
        "engine": times,
        "duckdb": {"best": 0.4, "median": 0.4, "runs": [0.4] * 3},
        "duckdb_1": times,
        "duckdb_group": times,
        "polars": times,
    }
    text = run.province_section(figures)
    assert "| engine (numpy, one thread) | 0.20 s | 0.25 s | 1.00× / 1.00× |" in text
    assert "| bare DuckDB SQL (2 threads, its default) | 0.40 s | 0.40 s | 0.50× / 0.62× |" in text
    assert "load average 0.5 at the start and 1.5 at the end" in text

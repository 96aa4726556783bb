"""`make bench`: run bench/measure.py on SQLite and on PostgreSQL, write docs/benchmarks.md."""

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

import psycopg

from bench import report

ROOT = Path(__file__).resolve().parent.parent


def run_module(module, **env):
    """Run a bench module in its own process (its own Django settings) and read its JSON."""
    out = subprocess.run(
        [sys.executable, "-m", module],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT), **env),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(out.stdout)


def postgres_bench_url(url, name="parkos_bench"):
    """A database of its own next to the test one, created when missing and kept between runs."""
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        print(f"!!! PostgreSQL not available ({exc}); benchmarking SQLite only", file=sys.stderr)
        return None
    return url.rsplit("/", 1)[0] + "/" + name


# The aims of issue 16, per scenario (the first name part that matches): p95 in ms.
AIMS = (
    ("pipeline: kanban", 50),
    ("API: match a demand", 50),
    ("dashboard", 300),  # issue 15
    ("", 100),
)


def aim_of(name):
    return next(limit for start, limit in AIMS if name.startswith(start))


def table(results):
    lines = [
        "| scenario | queries | page p50 | page p95 | p95 spread | raw SQL p95 | aim | met |",
        "|---|---:|---:|---:|---:|---:|---:|:-:|",
    ]
    for r in results:
        page, sql, aim = r["page"], r["sql"], aim_of(r["name"])
        lines.append(
            f"| {r['name']} | {r['queries']} | {page['p50']:.1f} ms | {page['p95']:.1f} ms | "
            f"{page['p95_min']:.1f}–{page['p95_max']:.1f} ms | {sql['p95']:.1f} ms | "
            f"< {aim} ms | {'✓' if page['p95'] < aim else '✗'} |"
        )
    return "\n".join(lines)


IMPORT_HEADER = (
    "| database | file | import | (a) import: read · check · write | (b) bare read + write "
    "| (a) ÷ (b) | (c) bare + history rows | (a) ÷ (c) | peak memory (a) / (b) |\n"
    "|---|---|---|---:|---:|---:|---:|---:|---:|"
)


def import_lines(label, imports):
    """One line per file format and run (all rows created, all rows updated)."""
    lines = []
    for r in imports:
        bare, with_history = r["bare"], r["bare_history"]
        size = f".{r['format']} ({r['bytes'] / 2**20:.1f} MB)"
        for run, verb in (("create", "created"), ("update", "updated")):
            a = r[run]
            lines.append(
                f"| {label} | {size} | {r['rows']:,} {verb} | {a['seconds']:.1f} s "
                f"({a['read']:.1f} · {a['check']:.1f} · {a['write']:.1f}) | "
                f"{bare['seconds']:.1f} s ({bare['read']:.1f} + {bare['write']:.1f}) | "
                f"{a['seconds'] / bare['seconds']:.2f}× | {with_history['seconds']:.1f} s | "
                f"{a['seconds'] / with_history['seconds']:.2f}× | "
                f"{a['peak_mb']:.0f} / {bare['peak_mb']:.0f} MB |"
            )
    return lines


PROVINCE = "bench-province"  # its section of docs/benchmarks.md (`make bench-province`)


REPORT_HEADER = "| database | report | best | median | size |\n|---|---|---:|---:|---:|"


def report_rows(label, reports):
    return [
        f"| {label} | {r['name']} | {r['best']:.2f} s | {r['median']:.2f} s | "
        f"{r['bytes'] / 1024:,.0f} KB |"
        for r in reports
    ]


def province_section(p):
    """The province's section of docs/benchmarks.md from bench/province.py's figures."""
    engine = p["engine"]

    def line(label, t):
        best, median = engine["best"] / t["best"], engine["median"] / t["median"]
        return (
            f"| {label} | {t['best']:.2f} s | {t['median']:.2f} s | {best:.2f}× / {median:.2f}× |"
        )

    low, high = p["county_sizes"]
    cheap, dear = p["tax_benchmarks"]
    versions = ", ".join(f"{name} {version}" for name, version in p["versions"].items())
    return f"""## A province: 100 counties in one call (issue 16)

Measured by `make bench-province` on {p["date"]} ({platform.machine()}, {os.cpu_count()} cores,
load average {p["load"][0]:.1f} at the start and {p["load"][1]:.1f} at the end; {versions}).

`bench/province.py` makes {p["n"]:,} synthetic enterprises in {p["counties"]} counties of
{low:,} to {high:,} ({p["rated"]:,} rated). Each county has its own benchmarks (the mean of its
rated enterprises: tax per mu from {cheap:.1f} to {dear:.1f} 万元/亩), ranks and grade cut-offs.
One call of `engine.evaluate` scores and grades them all. The same scores come from one bare
DuckDB SQL statement (window functions partitioned by county for the benchmarks, the ranks and
the cut-offs) and from bare Polars expressions (`.over("county")`), in the same process over the
same numpy arrays. The three agree on every total (to the cent) and every grade, engine and
DuckDB on {p["rank_agreement"]:.1%} of ranks.

Timed: the engine's call; DuckDB from the registered arrays (read by the query) to numpy arrays
of total, rank and grade in enterprise order; Polars from the numpy arrays to the same. Not
timed: making the data, building the engine's `Inputs`, registering the arrays with DuckDB, the
checks. {p["runs"]} runs of each, alternating. Aim: the engine ≤ 1.3× DuckDB (the window
functions on DuckDB's default threads; the other rows show how far the yardstick moves: one
thread, or the benchmarks by a GROUP BY joined back instead of a window).

| computation | best | median | engine ÷ this (best / median) |
|---|---:|---:|---:|
{line("engine (numpy, one thread)", engine)}
{line(f"bare DuckDB SQL ({p['duckdb_threads']} threads, its default)", p["duckdb"])}
{line("bare DuckDB SQL (1 thread)", p["duckdb_1"])}
{line("bare DuckDB SQL, benchmarks by GROUP BY + join", p["duckdb_group"])}
{line("bare Polars", p["polars"])}
"""


def write_province(out):
    """Measure the province alone and rewrite its section of `out` in place."""
    body = province_section(run_module("bench.province"))
    previous = out.read_text(encoding="utf-8") if out.exists() else ""
    out.write_text(report.replace_section(previous, PROVINCE, body), encoding="utf-8")
    print(body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="docs/benchmarks.md")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/test")
    parser.add_argument(
        "--only", help="measure only the scenarios whose name contains this; print, write nothing"
    )
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    parser.add_argument(
        "--province-only",
        action="store_true",
        help="measure only the province (no database) and rewrite its section of --out",
    )
    parser.add_argument(
        "--postgres-db", default="parkos_bench", help="the PostgreSQL database to build and use"
    )
    args = parser.parse_args()
    if args.province_only:
        write_province(ROOT / args.out)
        return
    (ROOT / "var").mkdir(exist_ok=True)
    runs = [("SQLite", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")]
    if not args.sqlite_only and (pg := postgres_bench_url(args.postgres, args.postgres_db)):
        runs.append(("PostgreSQL", pg))
    sections, evaluation_lines, import_table, report_lines = [], [], [], []
    for label, url in runs:
        print(f"benchmarking {label}…", file=sys.stderr)
        data = run_module("bench.measure", DATABASE_URL=url, BENCH_ONLY=args.only or "")
        evaluation = data["evaluation"]
        if data["imports"]:
            import_table += import_lines(label, data["imports"])
        if args.only:
            print(f"### {label} ({data['server']})\n\n{table(data['results'])}\n")
            if evaluation:
                print(
                    f"district evaluation: best {evaluation['best']:.2f} s, median "
                    f"{evaluation['median']:.2f} s ({evaluation['rated']:,} rated)\n"
                )
            if data["imports"]:
                print(f"{IMPORT_HEADER}\n{chr(10).join(import_lines(label, data['imports']))}\n")
            if data["reports"]:
                print(f"{REPORT_HEADER}\n{chr(10).join(report_rows(label, data['reports']))}\n")
            continue
        report_lines += report_rows(label, data["reports"])
        built = f", built in {data['build_seconds']:.0f} s" if data["build_seconds"] else ""
        evaluation_lines.append(
            f"| {label} | {evaluation['enterprises']:,} | {evaluation['rated']:,} | "
            f"{evaluation['best']:.2f} s | {evaluation['median']:.2f} s |"
        )
        sections.append(
            f"### {label} ({data['server']})\n\n{data['enterprises']:,} enterprises, "
            f"{data['years']:,} yearly and {data['months']:,} monthly indicator rows{built}.\n\n"
            f"{table(data['results'])}\n"
        )
    if args.only:
        return
    runs = os.environ.get("BENCH_RUNS", "40")
    rounds = os.environ.get("BENCH_ROUNDS", "3")
    province = run_module("bench.province")
    text = f"""# Benchmarks

Written by `make bench` ({dt.date.today()}, {platform.machine()}, {os.cpu_count()} cores, Python
{platform.python_version()}). The district: 20,000 enterprises in two parks, ten years
(2015–2024) of yearly and monthly indicators, built by `bench/measure.py` from the demo generator
and kept between runs (`var/bench.sqlite3`, PostgreSQL database `parkos_bench`).

The enterprise service adds 200,000 requests with their timelines and 500,000 visits
(`bench/service.py`); its pages are read as the steward of the main park's first zone (some 1,300
enterprises) where the scenario says so.

Each request runs in-process through Django's test client as a district admin (middleware, view,
template or JSON rendering — everything but the socket): {rounds} rounds of {runs} requests
after a warm-up. "page p95" is the median round's p95, "p95 spread" the lowest and the highest
round's: the run-to-run noise of this machine. "Raw SQL" executes the very statements that
request ran (the sign-in reads excluded) straight on the database cursor: the floor any
implementation of the same page would pay. Tables are ANALYZEd (and on PostgreSQL VACUUMed)
after the build, as autovacuum keeps them in service. Aims (issues 13, 15, 16): p95 < 100 ms for
every page and API route, < 50 ms for the kanban with its gauge and for matching, < 300 ms for
the leaders' dashboard.

{chr(10).join(sections)}
## Per-mu evaluation (issue 3)

The district end to end: `run_evaluation` with the above-scale preset for 2024 — read every
enterprise and its figures (two queries), score and grade (`engine.evaluate`, vectorised), write
one result row each. Aim (issue 16): < 1 s.

| database | enterprises | rated | best | median |
|---|---:|---:|---:|---:|
{chr(10).join(evaluation_lines)}

## Yearly work report (issue 15)

`yearly_report` and its .docx / .xlsx writers, as `manage.py report yearly` and the
dashboard's buttons run them: every domain's figures of 2024 gathered for the place, the file
written. Aim: < 5 s.

{REPORT_HEADER}
{chr(10).join(report_lines)}

## Import: 100,000 yearly indicator rows (data-standards issue)

`bench/importing.py`: every enterprise × five years the district has no figures for, as a
statistics bureau's sheet (.xlsx and .csv, money in 万元). (a) the import as a user gets it:
the worker reads the file, checks every row, writes every row with its history record in one
transaction; (b) the bare floor: the same file read by python-calamine (csv module), the USCCs
mapped to ids in one query, 万元 converted, the rows written by the database's fastest bulk path
(COPY / executemany), committed; (c) the floor with one history row per row. Each step in a
process of its own (peak memory is its own), best of {os.environ.get("BENCH_IMPORT_RUNS", "2")}
runs. Aim (issue 12): (a) ≤ 2× (b).

{IMPORT_HEADER}
{chr(10).join(import_table)}
"""
    out = ROOT / args.out
    # The load test's section and the hand-written notes survive a re-run.
    text = report.regenerate(text, out.read_text(encoding="utf-8") if out.exists() else "")
    text = report.replace_section(text, PROVINCE, province_section(province))
    out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()

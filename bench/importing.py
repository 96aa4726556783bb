"""Import 100,000 yearly indicator rows (data-standards issue), beside the bare floor.

Run by bench/measure.py (`measure()`, in the benchmark district: every enterprise × five years
that district has no figures for, 2010–2014). Each timed step runs in a process of its own,
`python -m bench.importing STEP FILE` with the same DATABASE_URL, so that its peak memory
(the process's own high-water mark, VmHWM) is its own and no step inherits another's caches:

- `engine`: the import as a user gets it — an import batch holding the uploaded file, then the
  worker's `run_batch(batch, "commit")`: read the file, validate every row, write every row
  with its history record in one transaction (progress on the batch, audit record). Read,
  check and write are timed apart by wrapping the service layer's calls.
- `bare`: the floor — read the same file with python-calamine (a .csv with the csv module), map
  the USCCs to ids with one query, convert 万元 to yuan, and write the same rows into the same
  table by the database's fastest bulk path (PostgreSQL `COPY` through psycopg's
  `cursor.copy`, SQLite `executemany` of one INSERT), in one transaction, committed (the import
  commits too) and deleted afterwards, untimed.
- `bare-history`: the same, then the rows' ids read back and one history row per row written
  by the same bulk path: the floor for the work the import is required to do.
"""

import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parkos.settings")
os.environ.setdefault("PARKOS_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from parkos.accounts.models import User  # noqa: E402
from parkos.enterprises.models import Enterprise, IndicatorYear  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ROOT / "var" / "bench-media"  # where the steps keep the uploaded file
YEARS = range(2010, 2015)  # before the district's first year: every row is new
FOLDER = ROOT / "var" / "bench-import"
BATCH_NAME = "bench-import-indicator-years"
RUNS = int(os.environ.get("BENCH_IMPORT_RUNS", "2"))
HEADERS = [
    "统一社会信用代码",
    "企业名称",
    "年份",
    "产值（万元）",
    "营业收入（万元）",
    "税收（万元）",
    "工业增加值（万元）",
    "研发投入（万元）",
    "综合能耗（吨标准煤）",
    "用电量（千瓦时）",
    "主要污染物排放当量（吨）",
    "从业人员（人）",
    "固定资产投资（万元）",
]
# The stored columns in file order after USCC, name and year, and how the bare path turns a
# cell into the stored value (万元 → yuan; the others are stored in the unit the header states).
WAN = lambda v: round(v * 10000, 2)  # noqa: E731
SAME = lambda v: round(v, 3)  # noqa: E731
VALUE_COLUMNS = [
    ("output_value", WAN),
    ("revenue", WAN),
    ("tax_paid", WAN),
    ("value_added", WAN),
    ("rd_spend", WAN),
    ("energy_tce", SAME),
    ("electricity_kwh", SAME),
    ("pollutant_emissions", SAME),
    ("employees", int),
    ("fixed_asset_investment", WAN),
]
TABLE = IndicatorYear._meta.db_table
HISTORY = IndicatorYear.history.model._meta.db_table


def peak_mb():
    """This process's peak resident memory. Not `getrusage`'s ru_maxrss: Linux carries it over
    an exec, so a step started by a larger process reported that process's peak (990 MB for
    every step once bench/measure.py had built the district in the same run)."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024  # kB


# --- the files and the district's state (run in bench/measure.py's process) ------------------


def file_rows(enterprises):
    """Every enterprise × YEARS, one figure in every column, as a statistics bureau file has."""
    rng = random.Random(11)
    for year in YEARS:
        for uscc, name in enterprises:
            output = rng.lognormvariate(8, 1.2)  # 万元: 3,000 on average
            employees = max(3, int(output / rng.uniform(60, 180)))
            yield [
                uscc,
                name,
                year,
                round(output, 2),
                round(output * rng.uniform(0.95, 1.15), 2),
                round(output * rng.uniform(0.02, 0.08), 2),
                round(output * rng.uniform(0.2, 0.32), 2),
                round(output * rng.uniform(0.01, 0.08), 2),
                round(output * rng.uniform(0.02, 0.09), 2),
                round(output * rng.uniform(50, 400)),
                round(output * rng.uniform(0.0005, 0.003), 3),
                employees,
                round(output * rng.uniform(0.02, 0.2), 2),
            ]


def write_files():
    """The .xlsx and the .csv of the scenario, built by the helpers the tests use."""
    from parkos.testing.files import csv_bytes, xlsx_bytes

    FOLDER.mkdir(parents=True, exist_ok=True)
    enterprises = list(Enterprise.objects.order_by("id").values_list("uscc", "name"))
    rows = list(file_rows(enterprises))
    paths = {"xlsx": FOLDER / "indicator-years.xlsx", "csv": FOLDER / "indicator-years.csv"}
    paths["xlsx"].write_bytes(xlsx_bytes(HEADERS, rows))
    paths["csv"].write_bytes(csv_bytes(HEADERS, rows))
    return paths, len(rows)


def clean_up():
    """Remove what a run wrote: the rows of YEARS, their history, the bench's batches."""
    from parkos.core.models import ImportBatch

    years = (YEARS[0], YEARS[-1])
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {HISTORY} WHERE year BETWEEN %s AND %s", years)
        cursor.execute(f"DELETE FROM {TABLE} WHERE year BETWEEN %s AND %s", years)
    ImportBatch.objects.filter(file_name__startswith=BATCH_NAME).delete()
    shutil.rmtree(MEDIA, ignore_errors=True)
    settle()


def settle():
    """Statistics and dead rows as autovacuum would have left them between two imports."""
    vacuum = "VACUUM " if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        for table in (TABLE, HISTORY):
            cursor.execute(f"{vacuum}ANALYZE {table}")


def change_stored_figures():
    """Make every stored row of YEARS differ from the file in every figure, so the next import
    of the same file updates every row (not timed)."""
    names = [name for name, _convert in VALUE_COLUMNS]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET {', '.join(f'{n} = {n} + 1' for n in names)} "
            "WHERE year BETWEEN %s AND %s",
            (YEARS[0], YEARS[-1]),
        )
    settle()


def run_step(step, path):
    """One step in a process of its own; its JSON result."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.importing", step, str(path)],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT), PARKOS_MEDIA_ROOT=str(MEDIA)),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(out.stdout)


def best(samples, key="seconds"):
    return min(samples, key=lambda s: s[key])


def measure(runs=RUNS):
    """The scenario on this database: best of `runs` for each step and file format."""
    clean_up()
    paths, rows = write_files()
    results = []
    for fmt, path in paths.items():
        bare, bare_history, created, updated = [], [], [], []
        for _ in range(runs):
            bare.append(run_step("bare", path))
            clean_up()
            bare_history.append(run_step("bare-history", path))
            clean_up()
            created.append(run_step("engine", path))
            assert created[-1]["created"] == rows, created[-1]
            change_stored_figures()
            updated.append(run_step("engine", path))
            assert updated[-1]["updated"] == rows, updated[-1]
            clean_up()
        results.append(
            {
                "format": fmt,
                "rows": rows,
                "bytes": path.stat().st_size,
                "bare": best(bare),
                "bare_history": best(bare_history),
                "create": best(created),
                "update": best(updated),
            }
        )
    return results


# --- the steps (each in its own process) -----------------------------------------------------


def engine(path):
    """`run_batch(…, "commit")` on a batch holding the file, as the worker runs it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from parkos.core import services
    from parkos.core.models import ImportBatch

    user = User.objects.get(username="bench")
    batch = ImportBatch.objects.create(
        entity="indicator-years",
        file=SimpleUploadedFile(f"{BATCH_NAME}{path.suffix}", path.read_bytes()),
        file_name=f"{BATCH_NAME}{path.suffix}",
        user=user,
    )
    parts = {}

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                parts[name] = parts.get(name, 0) + time.perf_counter() - started

        return wrapper

    services.read_table = timed("read", services.read_table)
    services.validate = timed("check", services.validate)
    services.commit = timed("write", services.commit)
    before = peak_mb()
    started = time.perf_counter()
    services.run_batch(batch.pk, "commit")
    seconds = time.perf_counter() - started
    batch.refresh_from_db()
    assert batch.status == "committed", (batch.status, batch.message, batch.errors[:3])
    return {
        "seconds": seconds,
        **parts,
        "created": batch.created_count,
        "updated": batch.updated_count,
        "start_mb": before,
        "peak_mb": peak_mb(),
    }


def read_grid(path):
    if path.suffix == ".csv":
        return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def number(cell):
    return None if cell is None or cell == "" else float(cell)


def bare(path, history=False):
    """Read with python-calamine (csv), write with COPY (executemany), commit."""
    vendor = connection.vendor
    columns = ["enterprise_id", "year", *(name for name, _convert in VALUE_COLUMNS)]
    before = peak_mb()
    started = time.perf_counter()
    grid = read_grid(path)
    read = time.perf_counter()
    user_id = User.objects.get(username="bench").pk  # as the import's batch user
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT uscc, id FROM {Enterprise._meta.db_table}")
        ids = dict(cursor.fetchall())
        rows = [
            (
                ids[cells[0]],
                int(number(cells[2])),
                *(
                    None if (v := number(cell)) is None else convert(v)
                    for cell, (_name, convert) in zip(cells[3:], VALUE_COLUMNS, strict=True)
                ),
            )
            for cells in grid[1:]
        ]
        write(cursor, vendor, TABLE, columns, rows)
        written = time.perf_counter()
        if history:
            cursor.execute(
                f"SELECT id, {', '.join(columns)} FROM {TABLE} WHERE year BETWEEN %s AND %s",
                (YEARS[0], YEARS[-1]),
            )
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            # history_id is the history table's own serial.
            extra = ["history_date", "history_change_reason", "history_type", "history_user_id"]
            stored = [(*row, now, None, "+", user_id) for row in cursor.fetchall()]
            write(cursor, vendor, HISTORY, ["id", *columns, *extra], stored)
    finished = time.perf_counter()
    return {
        "seconds": finished - started,
        "read": read - started,
        "write": written - read,
        "history": finished - written,
        "rows": len(rows),
        "start_mb": before,
        "peak_mb": peak_mb(),
    }


def write(cursor, vendor, table, columns, rows):
    names = ", ".join(columns)
    if vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def main():
    step, path = sys.argv[1], Path(sys.argv[2])
    connection.ensure_connection()
    result = engine(path) if step == "engine" else bare(path, history=step == "bare-history")
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()

"""Measure one database (run by bench/run.py in its own process, DATABASE_URL set).

Builds the benchmark district once (20,000 enterprises, 10 years of yearly and monthly figures;
kept between runs), then times pages and API routes in-process with Django's test client, and
the raw SQL those requests ran, executed again straight on the cursor; then an import of five
years of yearly indicators for every enterprise beside the bare read and bulk write of the same
file (bench/importing.py)."""

import json
import os
import random
import re
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parkos.settings")
os.environ.setdefault("PARKOS_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import service  # noqa: E402
from parkos.accounts.models import User  # noqa: E402
from parkos.core.roles import Role  # noqa: E402
from parkos.enterprises.demo import MAIN_PARK, DemoSize, generate  # noqa: E402
from parkos.enterprises.models import Enterprise, IndicatorMonth, IndicatorYear  # noqa: E402
from parkos.parks.models import Park  # noqa: E402

# The session, user and second-factor reads of signing in each request, not its own SQL (a
# query that merely joins the user table, as a list of requests with their steward, is).
SIGN_IN = re.compile(r'^SELECT .*? FROM "(django_session|accounts_user|otp_\w+)"( WHERE|$)')
SERVER_CURSOR = re.compile(r'^DECLARE "[^"]+" NO SCROLL CURSOR WITH(OUT)? HOLD FOR ')
ENTERPRISES = int(os.environ.get("BENCH_ENTERPRISES", "20000"))
YEARS = (2015, 2024)
RUNS = int(os.environ.get("BENCH_RUNS", "40"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
# `bench.run --only TEXT`: only the scenarios whose name contains TEXT (the evaluation's name is
# "district evaluation end to end").
ONLY = os.environ.get("BENCH_ONLY", "")


def wanted(name):
    return ONLY in name


def build():
    if Enterprise.objects.count() >= ENTERPRISES:
        return 0.0
    started = time.perf_counter()
    generate(
        DemoSize(
            enterprises=ENTERPRISES,
            first_year=YEARS[0],
            last_year=YEARS[1],
            months=0,
            history=False,
        )
    )
    _monthly()
    return time.perf_counter() - started


def _monthly():
    """Twelve months per enterprise-year, written as plain rows in chunks (2.4 M of them)."""
    seasonal = [0.78, 0.72, 1.0, 1.0, 1.02, 1.05, 0.98, 0.96, 1.05, 1.06, 1.12, 1.26]
    columns = (
        "enterprise_id",
        "year",
        "month",
        "output_value",
        "revenue",
        "tax_paid",
        "value_added",
        "energy_tce",
        "employees",
    )
    table = IndicatorMonth._meta.db_table
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    rows = []
    # Read everything first, then commit chunk by chunk: an open read cursor, or one 2.4 M-row
    # transaction, keeps SQLite from checkpointing its WAL, which then grows by gigabytes.
    source = IndicatorYear.objects.values_list(
        "enterprise_id",
        "year",
        "output_value",
        "revenue",
        "tax_paid",
        "value_added",
        "energy_tce",
        "employees",
    )
    with connection.cursor() as cursor:
        for enterprise_id, year, output, revenue, tax, added, energy, employees in list(source):
            for month, factor in enumerate(seasonal, 1):
                share = lambda v, f=factor: None if v is None else round(float(v) / 12 * f, 2)  # noqa: E731
                rows.append(
                    (
                        enterprise_id,
                        year,
                        month,
                        share(output),
                        share(revenue),
                        share(tax),
                        share(added),
                        share(energy),
                        employees,
                    )
                )
            if len(rows) >= 60000:
                cursor.executemany(sql, rows)
                rows.clear()
        if rows:
            cursor.executemany(sql, rows)


UNITS = int(os.environ.get("BENCH_UNITS", "50000"))


def build_units():
    """50,000 lettable units in 5,000 buildings with their floors (kept between runs)."""
    from decimal import Decimal

    from parkos.space.models import Building, FloorSpec, Unit

    if Unit.objects.count() >= UNITS:
        return
    rng = random.Random(5)
    park = Park.objects.get(name=MAIN_PARK)
    zones = list(park.zones.all())
    buildings = Building.objects.bulk_create(
        [
            Building(
                park=park,
                zone=rng.choice(zones),
                code=f"BENCH-{i:05d}",
                name=f"基准楼{i}",
                form=rng.choice(
                    ["single_storey", "standard", "multi_storey", "rd_office", "warehouse"]
                ),
                floors=5,
                total_floor_m2=Decimal(30000),
                available_floor_m2=Decimal(10000),
                structure="concrete",
                crane_tonnes=Decimal(rng.choice([0, 0, 5, 10, 20])),
                power_kva=rng.choice([400, 800, 1250, 1600, 2000, 2500]),
                published=True,
                suitability=rng.sample(
                    ["gmp", "hazchem", "cleanroom", "food", "heavy"], rng.choice([0, 1, 2])
                ),
            )
            for i in range(UNITS // 10)
        ],
        batch_size=2000,
    )
    buildings = list(Building.objects.filter(code__startswith="BENCH-"))
    FloorSpec.objects.bulk_create(
        [
            FloorSpec(
                building=b,
                floor=f,
                clear_height_m=Decimal(rng.choice([4, 4.5, 6, 8, 10, 12])),
                floor_load_kn_m2=Decimal(rng.choice([5, 8, 15, 20, 30])),
                area_m2=Decimal(6000),
            )
            for b in buildings
            for f in range(1, 6)
        ],
        batch_size=5000,
    )
    Unit.objects.bulk_create(
        [
            Unit(
                building=b,
                code=f"{f}{k:02d}",
                floor=f,
                area_m2=Decimal(rng.randrange(300, 8000, 50)),
                status=rng.choice(["available", "available", "let"]),
                published=True,
                rent_per_m2_day=Decimal(rng.choice(["0.8", "1.0", "1.2", "1.5", "2.0"])),
            )
            for b in buildings
            for f in range(1, 6)
            for k in (1, 2)
        ],
        batch_size=5000,
    )
    # Statistics, as autovacuum (PostgreSQL) or a nightly ANALYZE would have gathered them by the
    # time anyone searches: without them PostgreSQL guesses one row and nests loops (42 → 30 ms).
    with connection.cursor() as cursor:
        for model in (Building, FloorSpec, Unit):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


PROJECTS = int(os.environ.get("BENCH_PROJECTS", "20000"))


def build_projects():
    """A district's pipeline: 20,000 projects over ten years in both parks, a timeline of three
    to six entries each, and a target per park and year (kept between runs)."""
    import datetime as dt
    from decimal import Decimal

    from parkos.enterprises.models import Cluster
    from parkos.investment.choices import PIPELINE, RANK, Channel, Stage
    from parkos.investment.models import AnnualTarget, Project, StageChange

    if Project.objects.filter(name__startswith="基准项目").count() >= PROJECTS:
        return
    rng = random.Random(9)
    parks = list(Park.objects.order_by("id"))
    clusters = {p.id: list(Cluster.objects.filter(scheme__park=p)) or [None] for p in parks}
    owners = [
        User.objects.get_or_create(
            username=f"bench-investment{i}", defaults={"role": Role.INVESTMENT, "park": park}
        )[0]
        for i, park in enumerate(parks * 3)
    ]
    projects = []
    for i in range(PROJECTS):
        park = rng.choice(parks)
        final = rng.choice([*PIPELINE, *PIPELINE[3:], Stage.LOST])
        start = dt.date(rng.randint(YEARS[0], YEARS[1]), rng.randint(1, 12), rng.randint(1, 28))
        steps = PIPELINE[: RANK.get(final, 2) + 1]
        days = sorted(
            min(dt.date.today(), start + dt.timedelta(days=rng.randint(0, 900))) for _ in steps
        )
        signed = dict(zip(steps, days, strict=True)).get(Stage.SIGNED)
        projects.append(
            Project(
                park=park,
                name=f"基准项目{i:05d}",
                investor_name=f"基准投资{i:05d}有限公司",
                cluster=rng.choice(clusters[park.id]),
                channel=rng.choice(Channel.values),
                owner=rng.choice([o for o in owners if o.park_id == park.id]),
                planned_investment=Decimal(rng.randint(1000, 200000)) * 10000,
                land_need_mu=Decimal(rng.randint(10, 120)) if rng.random() < 0.4 else None,
                stage=final,
                stage_since=days[-1],
                signed_on=signed,
                lost_reason="基准" if final == Stage.LOST else "",
                next_action_on=days[-1] + dt.timedelta(days=rng.randint(-30, 60)),
            )
        )
        projects[-1]._steps = list(zip(steps, days, strict=True))
    Project.objects.bulk_create(projects, batch_size=2000)
    saved = dict(Project.objects.filter(name__startswith="基准项目").values_list("name", "id"))
    StageChange.objects.bulk_create(
        [
            StageChange(project_id=saved[p.name], to_stage=stage, on=day)
            for p in projects
            for stage, day in p._steps
        ],
        batch_size=5000,
    )
    AnnualTarget.objects.bulk_create(
        [
            AnnualTarget(park=park, year=year, signed_investment=Decimal(150) * 10**8)
            for park in parks
            for year in range(YEARS[0], YEARS[1] + 1)
        ],
        ignore_conflicts=True,
    )
    with connection.cursor() as cursor:
        for model in (Project, StageChange, AnnualTarget):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


def timed(fn, runs=RUNS, rounds=ROUNDS):
    """p50 and p95 of `rounds` rounds of `runs` requests each: the median round is the figure,
    the lowest and highest p95 the run-to-run spread."""
    fn()  # warm caches
    p50s, p95s = [], []
    for _ in range(rounds):
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        p50s.append(statistics.median(samples))
        p95s.append(samples[int(len(samples) * 0.95) - 1])
    return {
        "p50": statistics.median(p50s),
        "p95": statistics.median(p95s),
        "p95_min": min(p95s),
        "p95_max": max(p95s),
    }


def raw_sql(fn):
    """The SQL one request ran, and a function executing exactly that SQL again."""
    with CaptureQueriesContext(connection) as captured:
        fn()
    statements = [
        # A server-side cursor (QuerySet.iterator() where enabled) is replayed as its SELECT.
        SERVER_CURSOR.sub("", q["sql"])
        for q in captured.captured_queries
        if not SIGN_IN.match(q["sql"])
    ]

    def run():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()

    return run, len(statements)


def evaluation_end_to_end(runs=3):
    """The district's per-mu evaluation: read every enterprise and its figures, score, grade and
    write the results (one run per repetition, deleted afterwards)."""
    from parkos.evaluation.models import Run, Scheme
    from parkos.evaluation.services import run_evaluation

    scheme = Scheme.objects.get(slug="huangyan-above-scale")
    samples, rated, total = [], 0, 0
    for _ in range(runs):
        started = time.perf_counter()
        run = run_evaluation(actor=None, scheme=scheme, year=YEARS[1])
        samples.append(time.perf_counter() - started)
        rated, total = run.rated_count, run.rated_count + run.not_rated_count
        Run.objects.filter(pk=run.pk).delete()
    return {
        "best": min(samples),
        "median": statistics.median(samples),
        "rated": rated,
        "enterprises": total,
    }


def yearly_reports(runs=3):
    """The yearly work report (issue 15, aim < 5 s): gather the district's and the main park's
    2024 figures from every domain and write them as .docx and as .xlsx, as the command and
    the page's buttons do; seconds per (place, format), best and median of `runs`."""
    from parkos.reports.yearly import as_docx, as_xlsx, system_actor, yearly_report

    actor, park = system_actor(), Park.objects.get(name=MAIN_PARK)
    timings = []
    for place_name, place in (("the district", None), ("a park", park)):
        for fmt, write in (("docx", as_docx), ("xlsx", as_xlsx)):
            samples = []
            for _ in range(runs):
                started = time.perf_counter()
                content = write(yearly_report(actor, YEARS[1], place))
                samples.append(time.perf_counter() - started)
            timings.append(
                {
                    "name": f"{place_name}, {YEARS[1]}, .{fmt}",
                    "best": min(samples),
                    "median": statistics.median(samples),
                    "bytes": len(content),
                }
            )
    return timings


def database_version():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def analyze():
    """Table statistics and visibility maps as PostgreSQL's autovacuum keeps them in service (it
    is off on the development machines): without statistics, PostgreSQL planned the tax-sorted
    list for 21 of its 7,212 rows (nested loops) and took twice as long; without the visibility
    map, matching's covering indexes are read with a visit to the table per row."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def signed_in(admin):
    """A client signed in as the district admin, second factor given the way a person gives it
    (a confirmed authenticator's current code), since admin roles reach nothing without it."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(admin)
    # A new authenticator each run: a code once given is refused again in its 30 s window.
    TOTPDevice.objects.filter(user=admin).delete()
    device = TOTPDevice.objects.create(user=admin, name="bench", confirmed=True)
    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    given = client.post("/accounts/second-factor/", {"code": code, "next": "/enterprises/"})
    if given.status_code != 302 or client.get("/enterprises/").status_code != 200:
        sys.exit("bench: the bench admin's second factor was refused; nothing measured.")
    return client


def main():
    call_command("migrate", verbosity=0)
    built = build()
    build_units()
    build_projects()
    service.build()
    analyze()
    admin, _ = User.objects.get_or_create(username="bench", defaults={"role": Role.DISTRICT_ADMIN})
    park = Park.objects.get(name=MAIN_PARK)
    client = signed_in(admin)
    rng = random.Random(1)
    firm_ids = list(
        Enterprise.objects.filter(years__isnull=False)
        .values_list("id", flat=True)
        .distinct()[:2000]
    )
    zone = park.zones.order_by("code").first()
    scenarios = {
        "list: park + above-scale, sorted by tax, page 3": (
            "/enterprises/",
            {"park": park.pk, "is_above_scale": "true", "sort": "-y_tax_paid", "page": 3},
        ),
        "list: name search (pinyin), sorted by name": ("/enterprises/", {"q": "shxc"}),
        "list: zone + tax ≥ 100 万元, sorted by output": (
            "/enterprises/",
            {"zone": zone.pk, "tax_min": 100, "sort": "-y_output_value"},
        ),
        "API: park + above-scale, ordered by tax, page 3": (
            "/api/v1/enterprises",
            {"park": park.pk, "is_above_scale": "true", "ordering": "-y_tax_paid", "page": 3},
        ),
        # Declared entities (platform issue): the generic list, filter and API at district size.
        "declared list: contacts of a park, page 3": (
            "/enterprises/contacts/",
            {"park": park.pk, "page": 3},
        ),
        "declared list: national honours, by year": (
            "/enterprises/honours/",
            {"level": "national", "sort": "-year"},
        ),
        "declared API: contacts, page 2": ("/api/v1/contacts", {"page": 2}),
    }
    results = []
    for name, (path, params) in scenarios.items():
        if not wanted(name):
            continue
        request = lambda p=path, q=params: client.get(p, q)  # noqa: E731
        assert request().status_code == 200
        run, n = raw_sql(request)
        results.append({"name": name, "page": timed(request), "sql": timed(run), "queries": n})

    def portrait():
        response = client.get(f"/enterprises/{rng.choice(firm_ids)}/")
        assert response.status_code == 200

    fixed = firm_ids[0]
    if wanted("portrait (random enterprise)"):
        run, n = raw_sql(lambda: client.get(f"/enterprises/{fixed}/"))
        results.append(
            {
                "name": "portrait (random enterprise)",
                "page": timed(portrait),
                "sql": timed(run),
                "queries": n,
            }
        )
    from parkos.space.models import Unit

    demand = {
        "area_min": "2000",
        "area_max": "4000",
        "min_clear_height": "8",
        "min_power_kva": 1600,
        "max_rent": "1.2",
        "zone_id": zone.pk,
    }

    def matching():
        response = client.post("/api/v1/space/match", demand, content_type="application/json")
        assert response.status_code == 200

    if wanted(name := f"API: match a demand against {Unit.objects.count():,} units"):
        run, n = raw_sql(matching)
        results.append({"name": name, "page": timed(matching), "sql": timed(run), "queries": n})
    pipeline = {
        "pipeline: kanban with the 2024 gauge": ("/investment/", {"year": YEARS[1]}),
        # Issue 15: the leaders' dashboard over ten years of monthly figures.
        "dashboard: the district in 2024": ("/dashboard/", {"year": YEARS[1]}),
        "dashboard: a park in 2024": ("/dashboard/", {"year": YEARS[1], "park": park.pk}),
        "pipeline: projects signed in 2024, park, sorted by date, page 3": (
            "/investment/projects/",
            {"signed_year": YEARS[1], "park": park.pk, "sort": "-stage_since", "page": 3},
        ),
        "pipeline: targets with completion": ("/investment/targets/", {}),
        "pipeline: 2024 figures by month, cluster, channel, owner": (
            "/investment/figures/",
            {"year": YEARS[1]},
        ),
        "API: projects in negotiation, page 2": (
            "/api/v1/investment/projects",
            {"stage": "negotiating", "page": 2},
        ),
    }
    for name, (path, params) in pipeline.items():
        if not wanted(name):
            continue
        request = lambda p=path, q=params: client.get(p, q)  # noqa: E731
        assert request().status_code == 200
        run, n = raw_sql(request)
        results.append({"name": name, "page": timed(request), "sql": timed(run), "queries": n})
    for name, user, path, params in service.scenarios(park):
        if not wanted(name):
            continue
        if user is None:
            reader = client
        else:
            reader = Client()
            reader.force_login(user)
        request = lambda p=path, q=params, c=reader: c.get(p, q)  # noqa: E731
        assert request().status_code == 200, name
        run, n = raw_sql(request)
        results.append({"name": name, "page": timed(request), "sql": timed(run), "queries": n})
    imports = None
    if wanted(f"import {Enterprise.objects.count() * 5:,} yearly indicator rows"):
        from bench import importing

        imports = importing.measure()
    results_evaluation = (
        evaluation_end_to_end() if wanted("district evaluation end to end") else None
    )
    reports = yearly_reports() if wanted("yearly report") else None
    json.dump(
        {
            "vendor": connection.vendor,
            "server": database_version(),
            "enterprises": Enterprise.objects.count(),
            "years": IndicatorYear.objects.count(),
            "months": IndicatorMonth.objects.count(),
            "build_seconds": built,
            "results": results,
            "evaluation": results_evaluation,
            "reports": reports,
            "imports": imports,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()

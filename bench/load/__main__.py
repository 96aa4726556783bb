"""`make load` (`python -m bench.load`): 100 concurrent users against the production server.

For each database: a fresh demo database (migrate and the loaders of `make demo`), the server
of `make serve` (gunicorn with gunicorn.conf.py, and the task worker) on a free loopback port,
locust headless for a bounded time (bench/load/locustfile.py), the server stopped; then the
figures go into the marked `load` section of docs/benchmarks.md.

Locust lives in its own venv (.venv-load, requirements-load.lock), outside the product's
dependencies: this runs in the product's venv and starts locust as a program."""

import argparse
import datetime as dt
import json
import math
import os
import platform
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import report
from parkos.testing.environments import production_env

ROOT = Path(__file__).resolve().parent.parent.parent
VAR = ROOT / "var" / "load"
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/loadtest"
# The groups of the table, in order; each request's name starts with its group.
GROUPS = ("staff", "investor", "import", "evaluation", "sign-in")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_postgres(url):
    """Drop and create the database the URL names (never a shared one)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name in ("postgres", "test", "template0", "template1"):
        raise SystemExit(f"refusing to drop the database {name!r}: name one of its own")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def fresh_sqlite(path):
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def server_env(database_url, media):
    """Production settings with `make demo`'s two demo switches: the published demo logins
    (PARKOS_DEMO) and no second factor for admins, whom the import and the evaluation need.
    The reverse proxy is played by locust: investors' addresses come in X-Forwarded-For."""
    return production_env(
        DATABASE_URL=database_url,
        PARKOS_DEMO="true",
        PARKOS_SECOND_FACTOR_ROLES="",
        PARKOS_TRUSTED_PROXIES="127.0.0.1",
        PARKOS_MEDIA_ROOT=str(media),
        PYTHONPATH=str(ROOT),
    )


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs
    )


def prepare(env, import_file):
    """What `make setup` and `make demo` do before serving, then the import user's file."""
    for args in (
        ("migrate", "--noinput", "-v", "0"),
        ("createcachetable",),
        ("compilemessages", "--ignore", ".venv*", "-v", "0"),
        ("collectstatic", "--noinput", "-v", "0"),
        ("seed_demo",),
        ("demo_users",),
    ):
        manage(env, *args, stdout=subprocess.DEVNULL)
    fixture = [sys.executable, "-m", "bench.load.fixture", str(import_file)]
    subprocess.run(fixture, cwd=ROOT, env=env, check=True)


class Server:
    """`make serve`'s two processes: gunicorn with gunicorn.conf.py, and the task worker."""

    def __init__(self, env, port, workers, threads, log):
        self.env, self.port, self.workers, self.threads, self.log = env, port, workers, threads, log
        self.url = f"http://127.0.0.1:{port}"

    def __enter__(self):
        self.log.with_suffix(".access.log").unlink(missing_ok=True)  # gunicorn appends
        self.logfile = open(self.log, "w")  # closed in __exit__
        common = {"cwd": ROOT, "env": self.env, "stdout": self.logfile, "stderr": subprocess.STDOUT}
        self.worker = subprocess.Popen([sys.executable, "manage.py", "db_worker"], **common)
        self.gunicorn = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"),
                *("--workers", str(self.workers), "--threads", str(self.threads)),
                *("--bind", f"127.0.0.1:{self.port}"),
                *("--access-logfile", str(self.log.with_suffix(".access.log"))),
                *("--access-logformat", '%(t)s "%(r)s" %(s)s %(b)s %(M)sms pid=%(p)s'),
                *("--forwarded-allow-ips", "127.0.0.1"),
            ],
            **common,
        )
        self.booted = time.monotonic()
        deadline = self.booted + 120
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/accounts/login/", timeout=30):
                    break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline or self.gunicorn.poll() is not None:
                    self.__exit__()
                    raise SystemExit(f"gunicorn did not answer; see {self.log}") from None
                time.sleep(0.2)
        return self

    def __exit__(self, *exc):
        for process in (self.gunicorn, self.worker):
            if process.poll() is None:
                process.terminate()
        for process in (self.gunicorn, self.worker):
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.logfile.close()


def run_locust(locust, host, users, seconds, spawn_rate, env, result):
    """Start the users (the ramp), then `seconds` at full concurrency; stragglers get 10 s."""
    ramp = math.ceil(users / spawn_rate)
    subprocess.run(
        [
            locust,
            *("-f", str(LOCUSTFILE), "--headless", "--host", host),
            *("--users", str(users), "--spawn-rate", str(spawn_rate)),
            *("--run-time", f"{ramp + seconds}s", "--stop-timeout", "10"),
            *("--only-summary", "--loglevel", "WARNING"),
        ],
        cwd=ROOT,
        env={**env, "LOAD_RESULT": str(result), "LOAD_SECONDS": str(seconds)},
        check=False,  # locust exits 1 when a request failed: the figures say so
    )
    return json.loads(result.read_text())


def server_errors(log):
    """What the server's log says went wrong: workers killed, server errors (the 4xx it logs,
    e.g. a refused permission, are no errors)."""
    text = log.read_text(errors="replace")
    return {
        "worker timeouts": text.count("WORKER TIMEOUT"),
        "server errors": text.count("Internal Server Error:"),
        "database locked": text.count("database is locked"),
    }


def status_counts(access_log):
    counts = {}
    for line in access_log.read_text(errors="replace").splitlines():
        parts = line.split('"')
        if len(parts) >= 3 and parts[2].split():
            status = parts[2].split()[0]
            counts[status] = counts.get(status, 0) + 1
    return dict(sorted(counts.items()))


DATABASES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def measure(slug, database_url, args):
    label = DATABASES[slug]
    VAR.mkdir(parents=True, exist_ok=True)
    env = server_env(database_url, VAR / f"{slug}-media")
    import_file = VAR / f"{slug}-import.csv"
    print(f"{label}: a fresh demo database…", file=sys.stderr)
    started = time.monotonic()
    prepare(env, import_file)
    prepared = time.monotonic() - started
    with import_file.open(encoding="utf-8") as f:
        year = f.readlines()[1].split(",")[2]
    log = VAR / f"{slug}-server.log"
    load_env = {**os.environ, "LOAD_IMPORT_FILE": str(import_file), "LOAD_EVALUATION_YEAR": year}
    load_before = os.getloadavg()[0]
    with Server(env, free_port(), args.workers, args.threads, log) as server:
        booted = time.monotonic() - server.booted
        print(f"{label}: {args.users} users for {args.seconds} s on {server.url}…", file=sys.stderr)
        stats = run_locust(
            args.locust,
            server.url,
            args.users,
            args.seconds,
            args.spawn_rate,
            load_env,
            VAR / f"{slug}-locust.json",
        )
    stats.update(
        label=label,
        date=str(dt.date.today()),
        machine=f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        load_before=load_before,
        workers=args.workers,
        threads=args.threads,
        spawn_rate=args.spawn_rate,
        prepared_seconds=prepared,
        boot_seconds=booted,
        server=server_errors(log),
        statuses=status_counts(log.with_suffix(".access.log")),
    )
    result_file(slug).write_text(json.dumps(stats, indent=1, ensure_ascii=False))
    return stats


def result_file(slug):
    return VAR / f"{slug}-result.json"


def _ms(value):
    return f"{value:,.0f} ms"


def _row(cells):
    return "| " + " | ".join(str(c) for c in cells) + " |"


def wrap(text):
    """A paragraph or a list item at the width of the rest of the page."""
    indent = "  " if text.startswith("- ") else ""
    return textwrap.fill(text, 100, subsequent_indent=indent, break_on_hyphens=False)


def table(runs):
    """Per group and in total at full concurrency; the sign-ins and the whole run besides."""
    lines = [
        _row(["database", "users", "requests", "failures", "p50", "p95", "req/s"]),
        "|---|---|---:|---:|---:|---:|---:|",
    ]

    def line(run, name, row):
        cells = [f"{row['requests']:,}", f"{row['failures']:,}", _ms(row["p50"]), _ms(row["p95"])]
        lines.append(_row([run["label"], name, *cells, f"{row['rps']:.1f}"]))

    for run in runs:
        steady, whole = run["steady"]["groups"], run["whole"]["groups"]
        for group in GROUPS:
            if group != "sign-in" and group in steady:
                line(run, group, steady[group])
        line(run, "**all, at 100 users**", steady["total"])
        if "sign-in" in whole:
            line(run, "sign-in (whole run)", whole["sign-in"])
        line(run, "**whole run, ramp included**", whole["total"])
    return "\n".join(lines)


def request_table(runs):
    """Each request: p50 / p95 on each database."""
    names = sorted({name for run in runs for name in run["whole"]["requests"]})
    lines = [
        _row(["request", *(f"{run['label']} p50 / p95 (n)" for run in runs)]),
        "|---|" + "---:|" * len(runs),
    ]
    for name in names:
        cells = []
        for run in runs:
            source = "whole" if name.startswith("sign-in") else "steady"
            row = run[source]["requests"].get(name) or run["whole"]["requests"].get(name)
            cells.append(
                f"{_ms(row['p50'])} / {_ms(row['p95'])} ({row['requests']:,})" if row else "—"
            )
        lines.append(_row([name, *cells]))
    return "\n".join(lines)


def section(runs):
    lines = [
        "## Load test: 100 concurrent users (security issue, part 7)",
        "",
        wrap(
            "Written by `make load` (`python -m bench.load`; `--only sqlite|postgres` reruns one "
            "database and keeps the other's last figures). For each database: a fresh demo "
            "database (`seed_demo`, `demo_users`), `make serve`'s server on a loopback port "
            "(gunicorn with gunicorn.conf.py, preloaded, and the task worker), then locust "
            "headless (`bench/load/locustfile.py`) for a fixed time; locust runs on the same "
            "machine. The users: staff browsing the register, its filters, the declared lists "
            "and portraits; investors on the online park (listing, buildings, matching, "
            "enquiries); one park admin importing 2,500 monthly figures through the worker and "
            "rolling them back; one park admin running evaluations. They start a few a second "
            "(the ramp: each staff user signs in, and a sign-in costs ~1 s of CPU by design, "
            "PBKDF2 with 1.5 M iterations), then all of them run for the measured time. p50 and "
            "p95 are of each request's full time (a redirect followed included); req/s counts "
            "the measured time. A failure is any answer but 2xx or 3xx (the enquiry form's 429 "
            "aside, its per-address limit) or no answer at all. Aim: no failure."
        ),
        "",
        wrap(
            "To reproduce: `make load` (installs locust into `.venv-load` from "
            "`requirements-load.lock`); `LOAD_USERS`, `LOAD_SECONDS` (at full concurrency), "
            "`LOAD_SPAWN_RATE`, `WORKERS`, `THREADS` and `LOAD_PG_URL` (a database of its own, "
            "dropped and created again) change the run; `.venv/bin/python -m bench.load --only "
            "sqlite` or `--only postgres` runs one database; `--render` rewrites this section "
            "from the last results. Each run leaves in `var/load/` the server's log, its access "
            "log with each request's duration, and locust's figures as JSON."
        ),
        "",
        table(runs),
        "",
    ]
    for run in runs:
        mix = ", ".join(f"{n} {c.lower()}" for c, n in run["users"].items())
        statuses = ", ".join(f"{n:,}× {s}" for s, n in run["statuses"].items())
        errors = run["server"]
        failed = "; ".join(
            f"{e['count']}× {e['method']} {e['name']}: {e['error']}" for e in run["whole"]["errors"]
        )
        failures = f" Failures: {failed}." if failed else ""
        threads = run.get("threads", 1)
        text = (
            f"- **{run['label']}** ({run['date']}, {run['machine']}, locust {run['locust']}): "
            f"{sum(run['users'].values())} users ({mix}), started {run['spawn_rate']:g} a "
            f"second (ramp {run['ramp_seconds']:.0f} s), then {run['seconds']:.0f} s at full "
            f"concurrency; gunicorn {run['workers']} workers of {threads} threads; the "
            f"machine's load average {run['load_before']:.1f} before the run. The server "
            f"answered {statuses}; its log: {errors['worker timeouts']} worker time-outs, "
            f"{errors['server errors']} server errors, {errors['database locked']} "
            f"\u201cdatabase is locked\u201d. {run['rate_limited']} enquiries refused by the "
            f"rate limit (429, counted as expected); {run['imports']} imports committed and "
            f"{run['rollbacks']} rolled back, {run['evaluations']} evaluations run.{failures}"
        )
        lines.append(wrap(text))
    lines += ["", "Each request at full concurrency (sign-ins: the whole run):", ""]
    lines.append(request_table(runs))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=list(DATABASES))
    parser.add_argument("--out", default="docs/benchmarks.md")
    parser.add_argument("--locust", default=str(ROOT / ".venv-load" / "bin" / "locust"))
    parser.add_argument("--postgres", default=os.environ.get("LOAD_PG_URL", DEFAULT_PG))
    parser.add_argument("--users", type=int, default=int(os.environ.get("LOAD_USERS", "100")))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("LOAD_SECONDS", "60")))
    parser.add_argument(
        "--spawn-rate", type=float, default=float(os.environ.get("LOAD_SPAWN_RATE", "2"))
    )
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "4")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("THREADS", "4")))
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    parser.add_argument(
        "--render", action="store_true", help="measure nothing: write the last results again"
    )
    args = parser.parse_args()
    if not args.render and not Path(args.locust).exists():
        raise SystemExit(f"{args.locust} not found: `make load` installs it into .venv-load")
    runs = []
    for slug in DATABASES:
        if args.render or args.only not in (None, slug):
            if result_file(slug).exists():  # the other database's last figures
                runs.append(json.loads(result_file(slug).read_text()))
            continue
        if slug == "sqlite":
            database = VAR / "load.sqlite3"
            fresh_sqlite(database)
            url = f"sqlite:///{database}"
        else:
            fresh_postgres(args.postgres)
            url = args.postgres
        runs.append(measure(slug, url, args))
    body = section(runs)
    print(body)
    if not args.no_write:
        out = ROOT / args.out
        text = report.replace_section(out.read_text(encoding="utf-8"), "load", body)
        out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

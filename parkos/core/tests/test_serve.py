"""`make serve`: gunicorn loads the application whole in its master before it forks (security
issue, part 7: each worker's first request imported the URLconf and the pinyin dictionaries,
which on a busy host outlasted gunicorn's 30 s timeout, so workers were killed under load)."""

import json
import socket
import subprocess
import sys
import time
import urllib.request

from django.conf import settings

from parkos.testing import environments

# What gunicorn's master does with preload_app, then what the test reads of the process's state.
PRELOAD = """
import json, runpy
from gunicorn.util import import_app

app = import_app("parkos.wsgi:application")

from django.db import connection, connections
from django.urls import get_resolver
from django.utils.translation import trans_real
from parkos.enterprises import pinyin

resolver = get_resolver()
state = {
    "urlconf": "urlconf_module" in resolver.__dict__,
    "reverse": resolver._populated,
    "languages": sorted(trans_real._translations),
    "pinyin": pinyin._load_phrases.cache_info().currsize,
    "open_after_load": [a for a in connections if connections[a].connection is not None],
}
connection.ensure_connection()  # as if something in the master had queried
runpy.run_path("gunicorn.conf.py")["pre_fork"](None, None)
state["open_after_pre_fork"] = [a for a in connections if connections[a].connection is not None]
print(json.dumps(state))
"""


def production_env(tmp_path, **extra):
    return environments.production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PARKOS_VAR_DIR=str(tmp_path),
        **extra,
    )


def test_preloading_the_application_warms_it_and_leaves_no_connection(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PRELOAD],
        cwd=settings.BASE_DIR,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout)
    assert state["urlconf"] and state["reverse"], "the URLconf is imported and resolved"
    assert {"zh-hans", "en"} <= set(state["languages"]), "the catalogues are read"
    assert state["pinyin"] == 1, "the CC-CEDICT phrases are loaded"
    assert state["open_after_load"] == [], "loading leaves no connection to inherit"
    assert state["open_after_pre_fork"] == [], "the pre-fork hook closes the master's connections"


def test_gunicorn_config_preloads(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config"],
        cwd=settings.BASE_DIR,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
    )
    config = dict(
        (part.strip() for part in line.split("=", 1)) for line in result.stdout.splitlines()
    )
    assert config["preload_app"] == "True"
    assert config["wsgi_app"] == "parkos.wsgi:application"
    # Threads, so a request waiting on SQLite's writer holds no whole worker; no keep-alive race.
    assert (config["worker_class"], config["threads"], config["keepalive"]) == ("gthread", "4", "0")


def test_make_serve_gunicorn_answers(tmp_path):
    """The real server as `make serve` starts it (the config file, two workers) answers at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/accounts/login/"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=production_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url, timeout=10).close()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "gunicorn answers"
                time.sleep(0.2)
        for _ in range(6):
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.status == 200
    finally:
        server.terminate()
        _out, log = server.communicate(timeout=30)
    assert log.count("Booting worker") == 2 and "WORKER TIMEOUT" not in log, log

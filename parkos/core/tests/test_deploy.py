"""Production settings pass Django's deployment checks, and every page carries a strict
Content-Security-Policy that no template needs to loosen."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "parkos" / "templates"


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    # The machine's environment without the test run's own settings (the browser tests' async
    # switch, a DATABASE_URL…): what a production host has.
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PARKOS_", "DATABASE_", "SECRET_KEY"))
    }
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "parkos.settings",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "park.example.gov.cn",
        "PARKOS_HTTPS": "true",
        "PARKOS_EMAIL_HOST": "mail.example.gov.cn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    # service.W001 says next year's holiday notice is due: it depends on today's date, not on
    # the configuration, and has its own test (service/tests/test_workdays.py).
    ids = re.findall(r"^\S[^\n]*?: \((\w+\.[A-Z]\d{3})\) ", result.stderr, re.M)
    assert result.returncode == 0 or set(ids) == {"service.W001"}, result.stderr + result.stdout


def test_pages_carry_a_content_security_policy(world, client):
    client.force_login(world.users["park_admin"])
    for url in ("/", "/enterprises/", "/online/"):
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
        assert directives["script-src"] == "'self'", url
        assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


def test_no_template_runs_inline_script():
    """The policy allows scripts from ParkOS's own files only: an inline handler or script in a
    template would silently stop working, so none may exist."""
    handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    inline_script = re.compile(r"<script(?![^>]*\b(src|type=\"application/json\")\b)[^>]*>")
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if handler.search(path.read_text()) or inline_script.search(path.read_text())
    ]
    assert offenders == []


def test_an_oversized_anonymous_post_is_refused_before_it_is_read(world, client):
    body = "x" * (settings.PARKOS_ANONYMOUS_MAX_BODY_BYTES + 1)
    response = client.post("/online/enquiry/", body, content_type="application/octet-stream")
    assert response.status_code == 413 and "太大" in response.content.decode()
    client.force_login(world.users["park_admin"])  # staff upload files: their limit is larger
    response = client.post("/imports/upload/", body, content_type="application/octet-stream")
    assert response.status_code != 413

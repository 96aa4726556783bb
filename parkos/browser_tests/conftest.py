"""Playwright driving Debian's Chromium (installed by `make test-browser`) against live_server."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the test
# itself (creating rows) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            "Chromium is missing: run `make test-browser`, which installs Debian's chromium."
        )
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        accept_downloads=True, locale="zh-CN", viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    # Anything the Content-Security-Policy blocked (an inline script, a foreign image) would
    # silently not work: every journey fails on it.
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert blocked == [], blocked


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """A transactional test flushes every table, the data the migrations loaded included (GB/T
    codes, honour catalogue, preset schemes): load it again, with the migrations' own loaders."""
    from parkos.enterprises.models import HonourType, Industry
    from parkos.enterprises.reference import load_honour_catalogue, load_industries
    from parkos.evaluation.models import Scheme, SchemeIndicator
    from parkos.evaluation.presets import load_presets
    from parkos.service.models import RequestCategory
    from parkos.service.reference import load_categories

    load_industries(Industry)
    load_honour_catalogue(HonourType)
    load_presets(Scheme, SchemeIndicator)
    load_categories(RequestCategory)


@pytest.fixture
def log_in(page, live_server):
    """Sign in through the login form (the personas' password is "pw"), landing on `next`."""

    def _log_in(username, next_path=""):
        query = f"?next={next_path}" if next_path else ""
        page.goto(f"{live_server.url}/accounts/login/{query}")
        page.fill("#id_username", username)
        page.fill("#id_password", "pw")
        page.click("button.btn-primary")

    return _log_in


def wait_until(page, expression, arg=None, timeout_ms=10_000):
    """Poll a page expression until it is truthy. Playwright's `wait_for_function` evaluates its
    predicate with `eval` inside the page, which the site's Content-Security-Policy forbids (as
    it should); `page.evaluate` goes through the browser's protocol instead."""
    waited = 0
    while not page.evaluate(expression, arg):
        if waited >= timeout_ms:
            raise AssertionError(f"still false after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(50)
        waited += 50

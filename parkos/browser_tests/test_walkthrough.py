"""Every page of each role's sidebar, and the public site, opened in Chromium as that role: no
script error, no server error, nothing left in English on a Chinese page, no raw value."""

import pytest

from parkos.core.navigation import menu_for
from parkos.core.tests.test_route_matrix import _raw_values, _untranslated
from parkos.testing.personas import ROLES
from parkos.testing.samples import build_samples

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = ["/online/", "/online/space/", "/online/match/"]


def _walk(page, base, paths):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for path in paths:
        response = page.goto(f"{base}{path}")
        page.wait_for_load_state("load")
        assert response.status == 200, (path, response.status)
        assert "/accounts/login" not in page.url, (path, "sent to sign in")
        body = page.content()
        assert not _untranslated(body), (path, _untranslated(body))
        assert not _raw_values(body), (path, _raw_values(body))
        assert not errors, (path, errors)


@pytest.mark.parametrize("role", ROLES)
def test_each_roles_pages_read_in_chinese_without_errors(
    live_server, world, page, log_in, settings, role
):
    settings.PARKOS_SECOND_FACTOR_ROLES = []  # the walk is about pages, not the sign-in
    build_samples(world)
    user = world.users[role]
    paths = [
        e["url"]
        for group in menu_for(user)
        for e in group["entries"]
        if not e["url"].startswith("/api/")
    ]
    log_in(user.username)
    page.wait_for_load_state("load")
    assert "/accounts/login" not in page.url, "not signed in"
    assert len(paths) >= 1, role
    _walk(page, live_server.url, paths)


def test_the_public_site_reads_in_chinese_without_errors(live_server, world, page):
    build_samples(world)
    _walk(page, live_server.url, PUBLIC)

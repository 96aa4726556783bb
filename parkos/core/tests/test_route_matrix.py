"""Every route × every persona, generated from the URL resolver and the OpenAPI schema, each
route's expected outcome read from the declaration beside it (core/routes.py): anonymous
visitors are sent to sign in (or refused by the API) unless the route is public; a role without
the declared permissions gets 403; a role with them gets the row of its own scope and 404 for
the row of another park (nothing written there); no route answers 500; no page shows the tax
of a firm outside the persona's scope, nor any tax to a role that may not read figures."""

import gettext
import html
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from parkos.testing.personas import ADMINISTRATORS, READS_FIGURES, ROLES, SEES, SENTINELS
from parkos.testing.personas import firms as _firms
from parkos.testing.samples import build_samples


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            # Django's admin (superusers only) and the API, whose operations are read from the
            # OpenAPI schema below; its schema and docs pages: test_schema_and_docs_...
            if pattern.namespace in (None, "admin", "api"):
                continue
            yield from _patterns(pattern, f"{prefix}{pattern.namespace}:")
        elif isinstance(pattern, URLPattern) and pattern.name and prefix:
            yield prefix + pattern.name, pattern


PAGES = dict(_patterns())


def _operations():
    from parkos.api import api

    schema = api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield operation["operationId"], (path, method.upper(), operation)


OPERATIONS = dict(_operations())


def test_every_page_and_api_route_declares_who_may_use_it():
    pages = sorted(name for name, pattern in PAGES.items() if not hasattr(pattern, "access"))
    api = sorted(name for name, (_p, _m, op) in OPERATIONS.items() if "x-access" not in op)
    assert not pages and not api, {"pages": pages, "api": api}


def test_every_list_page_declares_the_view_permission_of_its_rows():
    """A list page does not check the permission itself: its route does, so the route must
    name the permission that reads the listed rows."""
    from parkos.core.listing import ObjectListView
    from parkos.core.scoping import perm_name

    missing = [
        name
        for name, pattern in PAGES.items()
        if issubclass(getattr(pattern.callback, "view_class", object), ObjectListView)
        and perm_name(pattern.callback.view_class.queryset.model, "view")
        not in pattern.access.perms
    ]
    assert missing == []


def _page_url(pattern, access, sample):
    url = "/" + str(pattern.pattern)
    for name in re.findall(r"<(?:\w+:)?(\w+)>", url):
        if name in access.example:
            value = access.example[name]
        elif name in ("pk",) or name.endswith("_id"):
            value = sample.pk
        else:
            raise AssertionError(f"{pattern.name}: declare an example for <{name}>")
        url = re.sub(rf"<(?:\w+:)?{name}>", str(value), url)
    return url


@pytest.fixture
def samples(world):
    return build_samples(world)


def _mount(name):
    """Where the app's URLconf is mounted ("enterprises/")."""
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == name.split(":")[0]:
            return str(pattern.pattern)
    return ""


VISIBLE = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
RAW = re.compile(r"\d\.\d{5,}|\bNone\b|\bnan\b")


@cache
def _english_texts():
    """The English source of every Chinese text of the catalogue that reads as a phrase (two
    words or more): found on a Chinese page, it was never translated."""
    path = Path(settings.BASE_DIR) / "parkos/locale/zh_Hans/LC_MESSAGES/django.mo"
    with path.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)._catalog
    phrases = {
        key
        for key, text in catalogue.items()
        if isinstance(key, str)
        and key != text
        and re.fullmatch(r"[A-Za-z][A-Za-z ,.'’-]+", key)
        and len(key.split()) >= 2
    }
    return re.compile("|".join(sorted(map(re.escape, phrases), key=len, reverse=True)))


def _untranslated(body):
    text = html.unescape(VISIBLE.sub("\n", body))
    return sorted({m[0] for m in _english_texts().finditer(text)})


def _raw_values(body):
    """What a user should never read: a raw float or decimal (3.90000000000000), Python's
    None, NaN — in the page's text, outside its scripts and tags."""
    text = html.unescape(VISIBLE.sub(" ", body))
    return sorted({match[0] for match in RAW.finditer(text)})


def _leaks(body, role, world):
    """Firms outside the role's scope named on the page, or tax shown that the role may not
    read. The administrators read no business data, but an account names its enterprise and
    the audit trail the rows it touched: firm names are theirs to see, figures never."""
    named = _firms(world).keys() if role in ADMINISTRATORS else SEES[role]
    leaks = [key for key, firm in _firms(world).items() if key not in named and firm.name in body]
    for key, value in SENTINELS.items():
        shown = key in SEES[role] and role in READS_FIGURES
        texts = {str(value), f"{value / 10000:.2f}", f"{value / 10000:,.2f}"}
        if not shown and any(t in body for t in texts):
            leaks.append(f"tax of {key}")
    return leaks


WRITES = ("add_", "change_", "delete_")


def _reach(user, sample, perms, method):
    """What the user may do with the sample row, from its model's own scope: "none" (not
    seen), "read" (seen, shared for reading only) or "write"."""
    if user is None or sample is None:
        return None
    rows = type(sample).objects
    if not rows.visible_to(user).filter(pk=sample.pk).exists():
        return "none"
    writes = method != "GET" or any(p.split(".")[1].startswith(WRITES) for p in perms)
    if writes and not rows.writable_by(user).filter(pk=sample.pk).exists():
        return "read"
    return "write"


def _expect_reach(status, reach, label, method="GET"):
    # The API validates a body before it looks for the row: an empty body to a row out of
    # reach may be refused as invalid (422) — refused all the same, nothing written.
    invalid = (422,) if method in ("POST", "PUT", "PATCH") and "api" in str(label[3]) else ()
    if reach == "none":
        assert status in (404, *invalid), label  # "missing" and "not yours" alike
    elif reach == "read":
        assert status in (403, *invalid), label
    else:
        assert status not in (403, 404), label


def _request(client, method, url):
    if method == "POST":
        return client.post(url, {})
    return client.get(url)


def _expect(response, access, role, user, where):
    status = response.status_code
    assert status < 500, where
    if role is None:
        if not access.public:
            assert status == 302 and "/accounts/login/" in response["Location"], where
        return
    if access.public:
        return
    if not user.has_perms(access.perms):
        assert status == 403, where
        return
    if access.rows is None:
        assert status not in (401, 403), where


def _cases(routes, method_of):
    """A GET route is one test walking every persona; a route that changes something is one
    test per persona, each on a fresh database."""
    for name in sorted(routes):
        if method_of(routes[name]) == "GET":
            yield name, "every role"
        else:
            yield from ((name, role) for role in [None, *ROLES])


PAGE_CASES = list(
    _cases(PAGES, lambda pattern: getattr(pattern, "access", None) and pattern.access.method)
)


@pytest.mark.parametrize("name,who", PAGE_CASES)
def test_pages(world, samples, client, name, who):
    roles = [None, *ROLES] if who == "every role" else [who]
    for role in roles:
        _check_page(world, samples, client, name, role)


def _check_page(world, samples, client, name, role):
    pattern = PAGES[name]
    access = pattern.access
    user = world.users[role] if role else None
    client.logout()
    if user:
        client.force_login(user)
    mount = _mount(name)
    inside, outside = samples.get(access.rows, (None, None))
    targets = [("in", inside), ("out", outside)] if access.rows else [("", None)]
    for where, sample in targets:
        url = "/" + mount + _page_url(pattern, access, sample).lstrip("/")
        reach = _reach(user, sample, access.perms, access.method)
        response = _request(client, access.method, url)
        label = (name, role, where, url, response.status_code)
        _expect(response, access, role, user, label)
        if role and user.has_perms(access.perms) and not access.public and access.rows:
            _expect_reach(response.status_code, reach, label)
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            body = response.content.decode()
            if role:
                assert not _leaks(body, role, world), label
            assert not _raw_values(body), (label, _raw_values(body))
            assert not _untranslated(body), (label, _untranslated(body))


API_CASES = list(_cases(OPERATIONS, lambda operation: operation[1]))


@pytest.mark.parametrize("operation,who", API_CASES)
def test_api(world, samples, client, operation, who):
    roles = [None, *ROLES] if who == "every role" else [who]
    for role in roles:
        _check_operation(world, samples, client, operation, role)


def _check_operation(world, samples, client, operation, role):
    path, method, spec = OPERATIONS[operation]
    access = spec["x-access"]
    user = world.users[role] if role else None
    client.logout()
    if user:
        client.force_login(user)
    inside, outside = samples.get(access["rows"], (None, None))
    targets = [("in", inside), ("out", outside)] if access["rows"] else [("", None)]
    for where, sample in targets:
        url, query = path, dict(access["example"])
        for name in re.findall(r"\{(\w+)\}", path):
            value = query.pop(name, sample.pk if sample is not None else 0)
            url = url.replace("{" + name + "}", str(value))
        if query:
            url += "?" + urlencode(query)
        reach = _reach(user, sample, access["perms"], method)
        send = getattr(client, method.lower())
        response = send(url, {}, content_type="application/json") if method != "GET" else send(url)
        label = (operation, role, where, url, response.status_code)
        assert response.status_code < 500, label
        if role is None:
            assert response.status_code == 401, label
            continue
        if not user.has_perms(access["perms"]):
            # An empty body may be refused as invalid before the permission is checked.
            refusals = (403, 404) if method == "GET" else (403, 404, 422)
            assert response.status_code in refusals, label
            continue
        if access["rows"]:
            _expect_reach(response.status_code, reach, label, method)
        else:
            assert response.status_code not in (401, 403, 404), label
        if response.status_code == 200:
            assert not _leaks(response.content.decode(), role, world), label


def test_the_nets_catch_what_they_look_for():
    page = "<p>Export to Excel</p><td>None</td><td>3.90000000000000</td>"
    page += "<script>x=0.1234567</script>"
    assert _untranslated(page) == ["Export to Excel"]
    assert _raw_values(page) == ["3.90000000000000", "None"]
    assert not _untranslated("<p>导出到 Excel</p>") and not _raw_values("<p>3.90</p>")

"""Every role against every URL and API route: in scope → only in-scope rows; out of scope →
403/404; confidential figures (tax…) never reach a user outside their scope, checked with
sentinel values in pages, exports and API answers."""

import importlib
import io
import pkgutil
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from python_calamine import CalamineWorkbook

import parkos
from parkos.core import entities
from parkos.testing.mixins import EntityTests
from parkos.testing.personas import ROLES, SEES, SENTINELS
from parkos.testing.personas import firms as _firms

READS_FIGURES = {r for r in ROLES if r != "investment"}

# Every named route of ParkOS and how the matrix exercises it. A new route fails
# test_every_route_is_in_the_matrix until it is added here.
LIST_ROUTES = {
    "reports:overview": "/",
    "enterprises:list": "/enterprises/",
    "core:imports": "/imports/",
    "api:list_parks": "/api/v1/parks",
    "api:list_zones": "/api/v1/zones",
    "api:list_enterprises": "/api/v1/enterprises",
    "api:list_indicator_years": "/api/v1/indicators/years",
    "api:list_indicator_months": "/api/v1/indicators/months",
    "api:list_honours": "/api/v1/honours",
    "api:list_honour_types": "/api/v1/honour-types",
    "evaluation:runs": "/evaluation/",
    "evaluation:dashboard": "/evaluation/dashboard/",
    "evaluation:schemes": "/evaluation/schemes/",
    "evaluation:admission": "/evaluation/admission/",
    "evaluation:adjustments": "/evaluation/adjustments/",
    "api:list_runs": "/api/v1/evaluation/runs",
    "space:buildings": "/space/buildings/",
    "space:parcels": "/space/parcels/",
    "portal:enquiries": "/enquiries/",
    "investment:board": "/investment/",
    "investment:projects": "/investment/projects/",
    "investment:targets": "/investment/targets/",
    "investment:figures": "/investment/figures/",
    "investment:reminders": "/investment/reminders/",
    "investment:promises": "/investment/promises/",
    "api:list_projects": "/api/v1/investment/projects",
    "api:list_targets": "/api/v1/investment/targets",
}
# Lists of a model the role may not read at all answer 403 rather than an empty list (all the
# permissions of a tuple are needed).
LIST_PERMISSIONS = {
    "core:imports": "core.view_importbatch",
    "api:list_indicator_years": "enterprises.view_indicatoryear",
    "api:list_indicator_months": "enterprises.view_indicatormonth",
    "evaluation:runs": "evaluation.view_run",
    "evaluation:schemes": "evaluation.view_scheme",
    "evaluation:admission": "evaluation.view_admissionbar",
    "evaluation:adjustments": "evaluation.view_adjustment",
    "api:list_runs": "evaluation.view_run",
    "space:buildings": "space.view_building",
    "space:parcels": "space.view_parcel",
    "portal:enquiries": "portal.view_enquiry",
    "investment:board": "investment.view_project",
    "investment:projects": "investment.view_project",
    "investment:targets": "investment.view_annualtarget",
    "investment:figures": "investment.view_project",
    "investment:reminders": "investment.view_project",
    "investment:promises": ("investment.view_project", "enterprises.view_indicatoryear"),
    "api:list_projects": "investment.view_project",
    "api:list_targets": "investment.view_annualtarget",
}
DETAIL_ROUTES = {
    "enterprises:detail": "/enterprises/{pk}/",
    "enterprises:edit": "/enterprises/{pk}/edit/",
    "api:get_enterprise": "/api/v1/enterprises/{pk}",
}
COVERED_ELSEWHERE = {
    # write routes: test_writes_respect_roles below and the per-feature tests
    "enterprises:create",
    "api:create_enterprise",
    "api:update_enterprise",
    "api:put_indicator_year",
    "api:get_park",
    # import workflow: parkos/core/tests/test_import_views.py
    "core:import-upload",
    "core:import-batch",
    "core:import-errors",
    "core:import-action",
    "core:import-template",
    # own account only: parkos/accounts/tests
    "accounts:login",
    "accounts:logout",
    "accounts:account",
    "accounts:token-create",
    "accounts:token-revoke",
    # evaluation runs, results, schemes, the bar: parkos/evaluation/tests/test_views.py walks every
    # role over them with a published run and sentinel figures
    "evaluation:run-create",
    "evaluation:run",
    "evaluation:run-publish",
    "evaluation:result",
    "evaluation:scheme",
    "evaluation:admission-edit",
    "evaluation:scheme-copy",
    "evaluation:scheme-edit",
    "evaluation:adjustment-create",
    "evaluation:adjustment-delete",
    "api:list_results",
    "api:get_result",
    "api:admission_check",
    # space pages: parkos/space/tests/test_space.py
    "space:building-create",
    "space:building",
    "space:building-edit",
    "space:parcel-create",
    "space:parcel",
    "space:parcel-edit",
    "space:match",
    "space:demand-save",
    "space:photo",
    "space:photo-upload",
    "space:photo-delete",
    "api:match_space",
    # the public online park (anonymous by design) and an enquiry's page:
    # parkos/portal/tests/test_portal.py proves it shows only published space
    "portal:home",
    "portal:listing",
    "portal:building",
    "portal:building-short",
    "portal:building-enquiry",
    "portal:enquiry-create",
    "portal:match",
    "portal:enquiry",
    # the pipeline's project pages, moves, attachments and targets:
    # parkos/investment/tests/test_views.py walks every role over them with projects in two parks
    "investment:board-move",
    "investment:project-create",
    "investment:project",
    "investment:project-edit",
    "investment:project-move",
    "investment:project-link",
    "investment:attachment-upload",
    "investment:attachment",
    "investment:attachment-delete",
    "investment:target-create",
    "investment:target-edit",
    "api:get_project",
    "api:create_project",
    "api:move_project",
    "api:project_timeline",
    "api:signed_figures",
    # API documentation
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
}


def _route_names(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("admin",) or pattern.app_name == "admin":
                continue
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _route_names(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name and prefix:
            yield prefix + pattern.name


def _declared_routes():
    """Routes of declared entities: each entity's EntityTests suite walks every role over them
    (test_every_declared_entity_has_its_suite checks that the suite exists)."""
    return {name for entity in entities.registry.values() for name in entity.route_names()}


def test_every_route_is_in_the_matrix():
    missing = (
        set(_route_names())
        - set(LIST_ROUTES)
        - set(DETAIL_ROUTES)
        - COVERED_ELSEWHERE
        - _declared_routes()
    )
    assert not missing, f"add these routes to the role matrix: {sorted(missing)}"


def test_every_declared_entity_has_its_suite():
    suites = set()
    for module_info in pkgutil.walk_packages(parkos.__path__, "parkos."):
        if ".tests.test_" in module_info.name:
            module = importlib.import_module(module_info.name)
            suites |= {
                value.entity.key
                for value in vars(module).values()
                if isinstance(value, type) and issubclass(value, EntityTests) and value.entity
            }
    assert set(entities.registry) <= suites, set(entities.registry) - suites


def _texts(value: Decimal):
    wan = (value / 10000).quantize(Decimal("0.01"))
    return [str(value), f"{wan:,}", str(wan), str(value.quantize(Decimal(1)))]


def _leaks(body: str, value: Decimal):
    return [t for t in _texts(value) if t in body]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(LIST_ROUTES))
def test_lists_show_only_in_scope_rows(world, client, role, route):
    user = world.users[role]
    client.force_login(user)
    response = client.get(LIST_ROUTES[route])
    needed = LIST_PERMISSIONS.get(route)
    if needed and not user.has_perms([needed] if isinstance(needed, str) else needed):
        assert response.status_code == 403
        return
    assert response.status_code == 200
    body = response.content.decode()
    firms = _firms(world)
    for key, firm in firms.items():
        if key not in SEES[role]:
            assert firm.name not in body
            assert not _leaks(body, SENTINELS[key]), f"{role} sees the tax of firm {key} on {route}"
        if role not in READS_FIGURES:
            assert not _leaks(body, SENTINELS[key]), f"{role} must not read figures on {route}"
    if route in ("enterprises:list", "api:list_enterprises"):
        for key in SEES[role]:
            assert firms[key].name in body


@pytest.mark.parametrize("role", ROLES)
def test_export_holds_only_in_scope_rows(world, client, role):
    client.force_login(world.users[role])
    response = client.get("/enterprises/?export=xlsx")
    assert response.status_code == 200
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        .get_sheet_by_index(0)
        .to_python()
    )
    names = {row[0] for row in rows[1:]}
    firms = _firms(world)
    assert names == {firms[k].name for k in SEES[role]}
    numbers = [cell for row in rows for cell in row if isinstance(cell, float)]
    for key, value in SENTINELS.items():
        wan = float(value / 10000)
        visible = key in SEES[role] and role in READS_FIGURES
        assert any(abs(n - wan) < 0.01 for n in numbers) == visible


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(DETAIL_ROUTES))
def test_details_answer_404_out_of_scope(world, client, role, route):
    user = world.users[role]
    client.force_login(user)
    for key, firm in _firms(world).items():
        response = client.get(DETAIL_ROUTES[route].format(pk=firm.pk))
        if key not in SEES[role]:
            assert response.status_code in (403, 404), (role, route, key)
            continue
        if route == "enterprises:edit" and not user.has_perm("enterprises.change_enterprise"):
            assert response.status_code == 403
            continue
        assert response.status_code == 200, (role, route, key)
        body = response.content.decode()
        for other, value in SENTINELS.items():
            shown = other == key and role in READS_FIGURES and route == "enterprises:detail"
            if not shown:
                assert not _leaks(body, value), (role, route, key, other)


@pytest.mark.parametrize("path", [*LIST_ROUTES.values(), "/enterprises/1/"])
def test_anonymous_is_sent_to_login_or_refused(world, client, path):
    response = client.get(path)
    if path.startswith("/api/"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "role,can_write",
    [
        ("district_admin", True),
        ("park_admin", True),
        ("steward", True),
        ("investment", False),
        ("leader_park", False),
        ("leader_district", False),
        ("enterprise", False),
    ],
)
def test_writes_respect_roles(world, client, role, can_write):
    client.force_login(world.users[role])
    response = client.patch(
        f"/api/v1/enterprises/{world.firm_a1.pk}",
        {"address": "新地址 1 号"},
        content_type="application/json",
    )
    assert response.status_code == (200 if can_write else 403)
    world.firm_a1.refresh_from_db()
    assert (world.firm_a1.address == "新地址 1 号") == can_write
    # Out of scope: the firm of park B is never writable for a park-bound role.
    response = client.patch(
        f"/api/v1/enterprises/{world.firm_b.pk}",
        {"address": "越权"},
        content_type="application/json",
    )
    expected = 200 if role == "district_admin" else (404 if can_write else 403)
    assert response.status_code == expected

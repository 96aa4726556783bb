"""What the generated route matrix (test_route_matrix.py) does not read off a declaration: every
declared entity has its suite, the enterprise export holds only rows in scope with figures only
for roles that read them, and writes to an enterprise respect role and scope."""

import importlib
import io
import pkgutil

import pytest
from python_calamine import CalamineWorkbook

import parkos
from parkos.core import entities
from parkos.testing.mixins import EntityTests
from parkos.testing.personas import READS_FIGURES, ROLES, SEES, SENTINELS
from parkos.testing.personas import firms as _firms


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


@pytest.mark.parametrize("role", ROLES)
def test_export_holds_only_in_scope_rows(world, client, role):
    client.force_login(world.users[role])
    response = client.get("/enterprises/?export=xlsx")
    if not world.users[role].has_perm("enterprises.view_enterprise"):
        assert response.status_code == 403  # the three administrators read no business data
        return
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

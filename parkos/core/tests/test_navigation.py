"""The sidebar is built from the declarations: every role sees the entries it may open, each
entry opens, and the page being read is marked."""

import re

import pytest

from parkos.core.navigation import menu_for
from parkos.testing.personas import ROLES


@pytest.mark.parametrize("role", ROLES)
def test_every_entry_of_a_roles_sidebar_opens_for_that_role(world, client, role):
    user = world.users[role]
    client.force_login(user)
    entries = [e for group in menu_for(user) for e in group["entries"]]
    assert entries, role
    for entry in entries:
        if entry["url"].startswith("/api/"):
            continue  # the API's documentation page, not a ParkOS page
        response = client.get(entry["url"])
        assert response.status_code == 200, (role, entry["url"])


def test_each_role_sees_its_own_domains(world):
    def labels(role):
        return {str(e["label"]) for g in menu_for(world.users[role]) for e in g["entries"]}

    assert {"项目看板", "评价批次", "联系人", "数据导入"} <= labels("park_admin")
    assert "项目看板" in labels("investment") and "评价批次" not in labels("investment")
    assert "达产承诺" not in labels("investment")  # it compares confidential tax
    assert "项目看板" not in labels("steward") and "企业" in labels("steward")
    assert "数据导入" not in labels("enterprise")


def test_the_page_being_read_is_marked_in_the_sidebar(world, client):
    client.force_login(world.users["park_admin"])
    body = client.get("/investment/projects/").content.decode()
    current = re.findall(r'class="nav-link active" aria-current="page" href="([^"]+)"', body)
    assert current == ["/investment/projects/"]  # not also the board at /investment/

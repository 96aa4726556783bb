"""Zones and their stewards, managed by a park's admins: the declared entity's suite, and the
steward rule on every path."""

import itertools

from parkos.parks.entities import zones
from parkos.parks.models import Zone
from parkos.testing.factories import UserFactory
from parkos.testing.mixins import EntityTests
from parkos.testing.personas import ADMINISTRATORS

_n = itertools.count(1)

# A new zone has no steward and no enterprise yet: its park's staff and the district see it.
PARK_A = {"a"}
BOTH = {"a", "b"}


class TestZones(EntityTests):
    entity = zones
    sees = {
        "district_admin": BOTH,
        "park_admin": PARK_A,
        "investment": PARK_A,
        "steward": set(),
        "leader_park": PARK_A,
        "leader_district": BOTH,
        "enterprise": set(),
        **dict.fromkeys(ADMINISTRATORS, frozenset()),
    }
    import_keys = ("b", "a")

    def owners(self, world):
        return {"a": world.park_a, "b": world.park_b}

    def make(self, world, owner):
        return Zone.objects.create(park=owner, name=f"新片区{next(_n)}", code=f"Z{next(_n)}")

    def form_data(self, world, owner):
        return {"park": owner.pk, "name": f"表单片区{next(_n)}", "code": "", "steward": ""}


def test_a_zone_is_served_by_a_steward_of_its_own_park(world, client):
    other = UserFactory(username="steward_b", role="steward", park=world.park_b)
    client.force_login(world.users["district_admin"])
    data = {"park": world.park_a.pk, "name": "新片区", "code": "", "steward": other.pk}
    page = client.post("/parks/zones/new/", data)
    assert page.status_code == 200 and "不是 甲园区 的服务管家" in page.content.decode()
    api = client.post("/api/v1/zones", data, content_type="application/json")
    assert api.status_code == 422 and "steward" in api.json()["detail"]
    assert not Zone.objects.filter(name="新片区").exists()


def test_reassigning_a_zone_keeps_who_served_it_before(world, client):
    zone = world.zone_a1
    newcomer = UserFactory(username="steward_new", role="steward", park=world.park_a)
    client.force_login(world.users["park_admin"])
    data = {"park": world.park_a.pk, "name": zone.name, "code": zone.code, "steward": newcomer.pk}
    assert client.post(f"/parks/zones/{zone.pk}/edit/", data).status_code == 302
    history = client.get(f"/parks/zones/{zone.pk}/history/").content.decode()
    assert "steward_a1" in history and "steward_new" in history


def test_deleting_a_zone_says_what_its_enterprises_lose(world, client):
    client.force_login(world.users["park_admin"])
    body = client.get(f"/parks/zones/{world.zone_a1.pk}/delete/").content.decode()
    assert 'id="delete-consequences"' in body and "1 企业 将不再与其关联" in body

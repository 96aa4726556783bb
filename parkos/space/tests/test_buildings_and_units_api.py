"""Buildings and units in the API, declared entities whose pages are their own (a building is
edited with its floors and units): the permission-aware API suite, and the page and the API
writing through the same action."""

import itertools
from decimal import Decimal

from parkos.space.entities import buildings, units
from parkos.space.models import Building, Unit
from parkos.testing.mixins import EntityTests

_n = itertools.count(1)


def _building(owner, **values):
    return Building.objects.create(
        park=owner.park,
        zone=owner.zone,
        code=f"B-{next(_n)}",
        name=f"标准厂房{next(_n)}",
        form="standard",
        floors=3,
        total_floor_m2=Decimal(6000),
        structure="concrete",
        **values,
    )


class TestBuildings(EntityTests):
    entity = buildings

    def make(self, world, owner):
        return _building(owner)

    def form_data(self, world, owner):
        return {
            "code": f"NB-{next(_n)}",
            "name": f"新厂房{next(_n)}",
            "park": owner.park_id,
            "zone": owner.zone_id,
            "parcel": "",
            "ownership": "park",
            "owner": "",
            "year_built": 2019,
            "latitude": "",
            "longitude": "",
            "form": "multi_storey",
            "floors": 4,
            "total_floor_m2": "8000",
            "available_floor_m2": "2000",
            "structure": "concrete",
            "column_grid": "",
            "fire_class": "",
            "crane_tonnes": "0",
            "power_kva": 800,
            "gas": "",
            "water": "on",
            "drainage": "on",
            "loading_docks": 2,
            "suitability": [],
            "overview": "",
            "published": "",
            "internal_note": "",
        }

    def import_file(self, world, owner):
        return (
            ["园区", "楼宇编号", "名称", "片区", "权属", "形态", "层数", "总建筑面积", "结构"],
            [
                [
                    owner.park.name,
                    f"IB-{next(_n)}",
                    "导入厂房",
                    owner.zone.name,
                    "park",
                    "standard",
                    2,
                    3000,
                    "steel",
                ]
            ],
        )


class TestUnits(EntityTests):
    entity = units

    def make(self, world, owner):
        return Unit.objects.create(
            building=_building(owner), code=f"U-{next(_n)}", floor=1, area_m2=Decimal(500)
        )

    def form_data(self, world, owner):
        return {
            "building": _building(owner).pk,
            "code": f"NU-{next(_n)}",
            "floor": 2,
            "area_m2": "750",
            "status": "available",
            "available_from": "",
            "rent_per_m2_day": "1.2",
            "sale_price_per_m2": "",
            "published": "on",
            "internal_note": "",
        }

    def import_file(self, world, owner):
        building = _building(owner)
        return (
            ["园区", "楼宇编号", "单元编号", "楼层", "面积"],
            [[owner.park.name, building.code, f"IU-{next(_n)}", 1, 300]],
        )


def test_the_api_writes_a_building_with_the_pages_rules(world, client):
    client.force_login(world.users["park_admin"])
    body = TestBuildings().api_body(world, world.firm_a1)
    body["available_floor_m2"] = "9000"  # more than the 8,000 m² in all
    response = client.post("/api/v1/buildings", body, content_type="application/json")
    assert response.status_code == 422
    assert (
        "8000" in response.json()["detail"]
        and not Building.objects.filter(code=body["code"]).exists()
    )
    body["available_floor_m2"] = "2000"
    response = client.post("/api/v1/buildings", body, content_type="application/json")
    assert response.status_code == 201, response.content
    building = Building.objects.get(pk=response.json()["id"])
    assert building.history.latest().history_user == world.users["park_admin"]


def test_a_unit_cannot_be_moved_into_a_building_out_of_scope(world, client):
    unit = TestUnits().make(world, world.firm_a1)
    elsewhere = _building(world.firm_b)
    client.force_login(world.users["park_admin"])
    response = client.patch(
        f"/api/v1/units/{unit.pk}", {"building": elsewhere.pk}, content_type="application/json"
    )
    assert response.status_code == 422
    unit.refresh_from_db()
    assert unit.building.park == world.park_a


def test_the_building_page_saves_through_the_action_with_its_units(world, client):
    client.force_login(world.users["park_admin"])
    data = TestBuildings().form_data(world, world.firm_a1)
    data.update(
        {
            "floors-TOTAL_FORMS": 1,
            "floors-INITIAL_FORMS": 0,
            "floors-0-floor": 1,
            "floors-0-clear_height_m": "9",
            "floors-0-floor_load_kn_m2": "30",
            "floors-0-area_m2": "2000",
            "units-TOTAL_FORMS": 1,
            "units-INITIAL_FORMS": 0,
            "units-0-code": "101",
            "units-0-floor": 1,
            "units-0-area_m2": "1000",
            "units-0-status": "available",
        }
    )
    response = client.post("/space/buildings/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    building = Building.objects.get(code=data["code"])
    assert [u.code for u in building.units.all()] == ["101"]
    assert building.floor_specs.get().clear_height_m == 9
    assert building.history.latest().history_user == world.users["park_admin"]

"""Must-haves and near misses: a criterion marked must-have excludes the units that miss it, the
same criterion as a preference only costs points, and a unit that misses one or two must-haves
by a little is listed as a near miss saying which and by how much — on the staff page, the
public match page and the API."""

import datetime
import importlib
import re
from decimal import Decimal

import pytest

from parkos.space.matching import Demand, _offered, match, score, score_expression
from parkos.space.models import SavedDemand, Unit

from .test_space import make_building

# Asked of every unit below: clear height ≥ 8 m (near: 7.2 m, 10 % of 8 m), power ≥ 2000 kVA
# (near: 1600), floor load ≥ 20 kN/m² (near: 18).
HEIGHT_POWER_LOAD = {"min_clear_height": "8", "min_power_kva": "2000", "min_floor_load": "20"}


@pytest.fixture
def offer(world):
    """One published unit per case, in park A: (code, zone, clear height, power, floor load)."""
    cases = [
        ("U-OK", world.zone_a1, "8", 2000, "20"),  # meets everything
        ("U-NEAR", world.zone_a1, "7.5", 2000, "20"),  # 0.5 m short
        ("U-FAR", world.zone_a1, "7", 2000, "20"),  # 1 m short: beyond the 0.8 m margin
        ("U-TWO", world.zone_a1, "7.6", 1700, "20"),  # two near misses
        ("U-THREE", world.zone_a1, "7.6", 1700, "19"),  # three near misses
        ("U-ZONE", world.zone_a2, "10", 2500, "30"),  # meets everything, in the other zone
    ]
    for code, zone, height, power, load in cases:
        building = make_building(
            world.park_a,
            zone,
            code,
            floors=1,
            heights=(height,),
            loads=(load,),
            power_kva=power,
            published=True,
        )
        Unit.objects.create(
            building=building,
            code=code,
            floor=1,
            area_m2=Decimal(3000),
            rent_per_m2_day=Decimal("1.0"),
            published=True,
        )


def _codes(html, list_id):
    """The unit codes of one list on a page: `matches` and `near-misses` on the staff page,
    `public-matches` and `public-near-misses` on the public one."""
    start = html.find(f'id="{list_id}"')
    if start < 0:
        return set()
    part = html[start + len(list_id) + 5 : html.find("</section>", start)]
    part = re.split(r'id="(?:public-)?near-misses"', part)[0]
    return set(re.findall(r"· (U-[A-Z]+)（", part))


def _staff_page(client, world, query):
    client.force_login(world.users["investment"])
    response = client.get("/space/match/", query)
    assert response.status_code == 200
    return response.content.decode()


def _public_page(client, query):
    response = client.get("/online/match/", query)
    assert response.status_code == 200
    return response.content.decode()


def _api(client, world, body):
    client.force_login(world.users["investment"])
    return client.post("/api/v1/space/match", body, content_type="application/json")


def test_a_must_have_clear_height_excludes_lower_units_everywhere(offer, world, client):
    query = {"min_clear_height": "8", "must": "clear_height"}
    staff = _staff_page(client, world, query)
    assert _codes(staff, "matches") == {"U-OK", "U-ZONE"}
    assert _codes(staff, "near-misses") == {"U-NEAR", "U-TWO", "U-THREE"}  # 7.5 and 7.6 m
    public = _public_page(client, query)
    assert _codes(public, "public-matches") == {"U-OK", "U-ZONE"}
    assert _codes(public, "public-near-misses") == {"U-NEAR", "U-TWO", "U-THREE"}
    answer = _api(client, world, {"min_clear_height": "8", "must": ["clear_height"]}).json()
    assert {m["unit_code"] for m in answer["matches"]} == {"U-OK", "U-ZONE"}
    assert {m["unit_code"] for m in answer["near_misses"]} == {"U-NEAR", "U-TWO", "U-THREE"}


def test_the_same_criterion_as_a_preference_only_lowers_the_score(offer, world, client):
    answer = _api(client, world, {"min_clear_height": "8", "must": []}).json()
    scores = {m["unit_code"]: m["score"] for m in answer["matches"]}
    assert scores == {
        "U-OK": 100,
        "U-ZONE": 100,
        "U-NEAR": 80,
        "U-FAR": 80,
        "U-TWO": 80,
        "U-THREE": 80,
    }
    assert answer["near_misses"] == []
    staff = _staff_page(client, world, {"min_clear_height": "8"})  # no box ticked
    assert "U-FAR" in _codes(staff, "matches") and "净高 7.5 m &lt; 8 m ✗ −20" in staff


def test_a_unit_half_a_metre_short_is_a_near_miss_saying_by_how_much(offer, world, client):
    query = {**HEIGHT_POWER_LOAD, "must": ["clear_height", "power", "floor_load"]}
    staff = _staff_page(client, world, query)
    assert _codes(staff, "matches") == {"U-OK", "U-ZONE"}
    # U-FAR misses by more than the margin, U-THREE misses three must-haves: neither is near.
    assert _codes(staff, "near-misses") == {"U-NEAR", "U-TWO"}
    assert "未满足：净高 7.5 m，要求 ≥ 8 m，差 0.5 m" in staff
    assert "净高 7.6 m，要求 ≥ 8 m，差 0.4 m · 配电 1700 kVA，要求 ≥ 2000 kVA，差 300 kVA" in staff
    public = _public_page(client, query)
    assert _codes(public, "public-near-misses") == {"U-NEAR", "U-TWO"}
    assert "净高 7.5 m，要求 ≥ 8 m，差 0.5 m" in public


def test_near_misses_come_closest_first_and_only_within_the_margins(offer, world):
    units = Unit.objects.visible_to(world.users["park_admin"])
    demand = Demand(
        min_clear_height=Decimal(8),
        min_power_kva=2000,
        min_floor_load=Decimal(20),
        must={"clear_height", "power", "floor_load"},
    )
    matches, near = match(units, demand)
    assert [m.unit.code for m in near] == ["U-NEAR", "U-TWO"]  # one miss before two
    first = near[0]
    missed = [r for r in first.reasons if not r.passed]
    assert [(r.criterion, r.must, r.penalty) for r in missed] == [("clear_height", True, 0)]
    assert first.near_miss == "净高 7.5 m，要求 ≥ 8 m，差 0.5 m" and first.score == 100
    # Closer first among units that miss as many: 7.9 m before 7.5 m.
    Unit.objects.filter(code="U-FAR").update(code="U-CLOSE")
    Unit.objects.get(code="U-CLOSE").building.floor_specs.update(clear_height_m=Decimal("7.9"))
    _matches, near = match(units, demand)
    assert [m.unit.code for m in near] == ["U-CLOSE", "U-NEAR", "U-TWO"]
    assert {m.unit.code for m in matches} == {"U-OK", "U-ZONE"}


def test_a_near_miss_is_in_the_api_answer_with_its_reasons(offer, world, client):
    body = {**HEIGHT_POWER_LOAD, "min_power_kva": 2000}
    body["must"] = ["clear_height", "power", "floor_load"]
    answer = _api(client, world, body).json()
    near = answer["near_misses"][0]
    assert near["unit_code"] == "U-NEAR" and near["near_miss"] == "净高 7.5 m，要求 ≥ 8 m，差 0.5 m"
    assert {
        "criterion": "clear_height",
        "text": "净高 7.5 m，要求 ≥ 8 m，差 0.5 m",
        "passed": False,
        "penalty": 0,
        "must": True,
    } in near["reasons"]
    power = next(r for r in near["reasons"] if r["criterion"] == "power")
    assert power["text"] == "配电 2000 kVA ≥ 2000 kVA ✓" and power["must"] is True
    assert all(m["near_miss"] == "" for m in answer["matches"])


def test_a_zone_must_have_excludes_and_has_no_near_miss(offer, world, client):
    zone = world.zone_a1.pk
    answer = _api(client, world, {"zone_id": zone, "must": ["zone"]}).json()
    assert "U-ZONE" not in {m["unit_code"] for m in answer["matches"] + answer["near_misses"]}
    assert "位于要求片区甲一片区 ✓" in {r["text"] for r in answer["matches"][0]["reasons"]}
    preferred = _api(client, world, {"zone_id": zone, "must": []}).json()
    other = next(m for m in preferred["matches"] if m["unit_code"] == "U-ZONE")
    assert other["score"] == 90 and "不在意向片区 ✗ −10" in [r["text"] for r in other["reasons"]]
    staff = _staff_page(client, world, {"zone": zone, "must": "zone"})
    assert "U-ZONE" not in _codes(staff, "matches") | _codes(staff, "near-misses")


def test_area_is_a_must_have_by_default_and_can_be_a_preference(offer, world, client):
    Unit.objects.filter(code="U-NEAR").update(area_m2=Decimal(2500))  # outside 2,800–3,200
    answer = _api(client, world, {"area_min": "2800", "area_max": "3200"}).json()
    assert "U-NEAR" not in {m["unit_code"] for m in answer["matches"]}
    (near,) = answer["near_misses"]
    assert near["near_miss"] == "面积 2500 m²，要求 ≥ 2800 m²，差 300 m²"
    answer = _api(client, world, {"area_min": "2800", "area_max": "3200", "must": []}).json()
    scored = next(m for m in answer["matches"] if m["unit_code"] == "U-NEAR")
    assert scored["score"] == 80 and "面积 2500 m²，需求 2800–3200 m² ✗ −20" in [
        r["text"] for r in scored["reasons"]
    ]
    page = _staff_page(client, world, {})  # the empty form: the area box ticked, no other
    assert re.search(r'value="area" id="must-area" checked', page)
    assert not re.search(r'value="clear_height" id="must-clear_height" checked', page)


def test_rent_and_move_in_near_misses_say_by_how_much(offer, world):
    units = Unit.objects.visible_to(world.users["park_admin"])
    Unit.objects.filter(code="U-OK").update(rent_per_m2_day=Decimal("1.1"))  # 10 % dearer
    Unit.objects.filter(code="U-ZONE").update(rent_per_m2_day=Decimal("1.2"))  # 20 %: too dear
    _matches, near = match(units, Demand(max_rent=Decimal("1.0"), must={"budget"}))
    assert [m.near_miss for m in near] == ["租金 1.1 元/m²/天，要求 ≤ 1 元/m²/天，超 0.1 元/m²/天"]
    by = datetime.date(2027, 3, 1)
    Unit.objects.filter(code="U-OK").update(available_from=by + datetime.timedelta(days=20))
    Unit.objects.filter(code="U-NEAR").update(available_from=by + datetime.timedelta(days=7))
    Unit.objects.filter(code="U-FAR").update(available_from=by + datetime.timedelta(days=31))
    matches, near = match(units, Demand(move_in=by, must={"move_in"}))
    assert [m.near_miss for m in near] == [
        "2027-03-08 起可入驻，要求 2027-03-01 前，晚 7 天",
        "2027-03-21 起可入驻，要求 2027-03-01 前，晚 20 天",
    ]
    assert "U-FAR" not in {m.unit.code for m in matches + near}
    assert "U-ZONE" in {m.unit.code for m in matches}  # no date: available now


def test_the_database_and_the_explanation_agree_with_must_haves(offer, world):
    demand = Demand(
        area_min=Decimal(2900),
        min_clear_height=Decimal(8),
        min_power_kva=2000,
        min_floor_load=Decimal(20),
        max_rent=Decimal("0.9"),
        zone_id=world.zone_a1.pk,
        must={"clear_height", "zone"},
    )
    rows = _offered(Unit.objects.visible_to(world.users["park_admin"]), demand).annotate(
        match_score=score_expression(demand)
    )
    assert rows.count() == 6
    for unit in rows:
        assert unit.match_score == score(unit, demand)[0], unit.code


def test_a_saved_demand_keeps_its_must_haves(offer, world, client):
    client.force_login(world.users["investment"])
    client.post(
        "/space/match/save/",
        {"name": "某精密机械项目", "min_clear_height": "8", "must": ["clear_height", "area"]},
    )
    saved = SavedDemand.objects.get()
    assert sorted(saved.criteria["must"]) == ["area", "clear_height"]
    page = client.get(saved.get_absolute_url()).content.decode()
    assert 'value="clear_height" id="must-clear_height" checked' in page
    assert _codes(page, "matches") == {"U-OK", "U-ZONE"}
    assert "净高 7.5 m，要求 ≥ 8 m，差 0.5 m" in page


def test_demands_saved_before_must_haves_keep_the_area_a_must_have(world):
    from django.apps import apps

    migration = importlib.import_module(
        "parkos.space.migrations.0006_saved_demands_keep_area_a_must_have"
    )
    old = SavedDemand.objects.create(
        park=world.park_a, name="旧需求", criteria={"area_min": ["2000"], "area_max": ["3500"]}
    )
    migration.mark_area_a_must_have(apps, None)
    old.refresh_from_db()
    assert old.criteria["must"] == ["area"]
    assert "must=area" in old.get_absolute_url()


@pytest.mark.parametrize(
    "body,where,kind",
    [
        ({"must": ["height"]}, ["must", 0], "literal_error"),
        ({"must": ["cluster"]}, ["must", 0], "literal_error"),
        ({"must": "clear_height"}, ["must"], "list_type"),
        ({"min_clear_height": "-1"}, ["min_clear_height"], "greater_than_equal"),
        ({"min_clear_height": "8.125"}, ["min_clear_height"], "decimal_max_places"),
        ({"max_rent": "1e-99999"}, ["max_rent"], "decimal_max_places"),
        ({"area_min": "3000", "area_max": "2000"}, ["area_max"], "value_error"),
    ],
)
def test_a_bad_demand_is_refused_with_422_saying_where(world, client, body, where, kind):
    response = _api(client, world, body)
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"][2:] == where and problem["type"] == kind, problem


def test_a_bad_demand_on_the_pages_is_a_form_error(offer, world, client):
    page = _staff_page(client, world, {"must": "height", "min_clear_height": "8"})
    assert "height 不在可用的选项中" in page and 'id="matches"' not in page
    public = _public_page(client, {"min_clear_height": "-1", "must": "clear_height"})
    assert "确保该值大于或等于0" in public and 'id="public-matches"' not in public

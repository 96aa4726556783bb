"""The staff side of the online park: the inventory, validated, scoped, imported and mapped."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from python_calamine import CalamineWorkbook

from parkos.core.choices import BatchStatus
from parkos.core.services import run_batch, start_import
from parkos.space.models import Building, FloorSpec, Parcel, Unit, validate_polygon
from parkos.testing.files import upload, xlsx_bytes


def make_building(
    park,
    zone=None,
    code="B1",
    floors=2,
    heights=("9", "4.5"),
    loads=("20", "8"),
    form="standard",
    **extra,
):
    building = Building.objects.create(
        park=park,
        zone=zone,
        code=code,
        name=f"{code} 厂房",
        form=form,
        floors=floors,
        total_floor_m2=Decimal(6000),
        available_floor_m2=Decimal(3000),
        structure="concrete",
        **extra,
    )
    for floor in range(1, floors + 1):
        FloorSpec.objects.create(
            building=building,
            floor=floor,
            clear_height_m=Decimal(heights[min(floor, 2) - 1]),
            floor_load_kn_m2=Decimal(loads[min(floor, 2) - 1]),
            area_m2=Decimal(3000),
        )
    return building


@pytest.fixture
def space(world):
    high = make_building(
        world.park_a,
        world.zone_a1,
        "A-HIGH",
        floors=1,
        heights=("12",),
        loads=("30",),
        crane_tonnes=Decimal(10),
        power_kva=2000,
        suitability=["gmp"],
        published=True,
        internal_note="底价 0.8 元",
    )
    low = make_building(
        world.park_a, world.zone_a2, "A-LOW", floors=3, heights=("6", "4"), loads=("10", "5")
    )
    other = make_building(world.park_b, world.zone_b1, "B-ONE")
    return high, low, other


def test_available_area_cannot_exceed_the_total_and_owners_follow_ownership(world):
    building = Building(
        park=world.park_a,
        code="X",
        name="X",
        form="standard",
        floors=1,
        total_floor_m2=Decimal(100),
        available_floor_m2=Decimal(150),
        structure="steel",
        ownership="enterprise",
    )
    with pytest.raises(ValidationError) as error:
        building.full_clean()
    assert set(error.value.message_dict) >= {"available_floor_m2", "owner"}


def test_polygons_are_checked():
    validate_polygon([[30.74, 121.33], [30.75, 121.33], [30.75, 121.34]])
    for bad in ([[30.74, 121.33]], [[1, 2], [3, 4], [5, 6]], [["a", "b"], [1, 2], [3, 4]]):
        with pytest.raises(ValidationError):
            validate_polygon(bad)


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"clear_height_min": "8"}, {"A-HIGH 厂房"}),  # every floor must reach it
        ({"floor_load_min": "15"}, {"A-HIGH 厂房"}),
        ({"crane_min": "5"}, {"A-HIGH 厂房"}),
        ({"power_min": "1000"}, {"A-HIGH 厂房"}),
        ({"suitability": "gmp"}, {"A-HIGH 厂房"}),
        ({"available_min": "1000"}, {"A-HIGH 厂房", "A-LOW 厂房"}),
    ],
)
def test_building_filters(space, world, client, params, expected):
    client.force_login(world.users["investment"])
    body = client.get("/space/buildings/", params).content.decode()
    names = {b.name for b in Building.objects.all()}
    assert {n for n in names if n in body} == expected


def test_scope_and_export(space, world, client):
    client.force_login(world.users["investment"])
    rows = (
        CalamineWorkbook.from_filelike(
            io.BytesIO(client.get("/space/buildings/", {"export": "xlsx"}).content)
        )
        .get_sheet_by_index(0)
        .to_python()
    )
    assert {row[0] for row in rows[1:]} == {"A-HIGH 厂房", "A-LOW 厂房"}
    high, low, other = space
    assert client.get(other.get_absolute_url()).status_code == 404
    body = client.get(high.get_absolute_url()).content.decode()
    assert "底价 0.8 元" in body and "GMP（医药）" in body and 'id="space-map"' in body
    client.force_login(world.users["steward"])  # sees zone A1 only
    assert client.get(high.get_absolute_url()).status_code == 200
    assert client.get(low.get_absolute_url()).status_code == 404
    client.force_login(world.users["enterprise"])  # no permission on space at all
    assert client.get(high.get_absolute_url()).status_code == 403


def test_editing_a_building_with_its_floors_and_units(space, world, client):
    high, _low, _other = space
    client.force_login(world.users["investment"])
    data = {
        "code": high.code,
        "name": "新名称",
        "park": world.park_a.pk,
        "zone": world.zone_a1.pk,
        "ownership": "park",
        "form": "single_storey",
        "floors": 1,
        "total_floor_m2": "6000",
        "available_floor_m2": "7000",
        "structure": "steel",
        "crane_tonnes": "10",
        "power_kva": "2000",
        "loading_docks": "2",
        "floors-TOTAL_FORMS": "1",
        "floors-INITIAL_FORMS": "1",
        "floors-MIN_NUM_FORMS": "0",
        "floors-MAX_NUM_FORMS": "1000",
        "floors-0-id": high.floor_specs.get().pk,
        "floors-0-floor": "1",
        "floors-0-clear_height_m": "12",
        "floors-0-floor_load_kn_m2": "30",
        "floors-0-area_m2": "6000",
        "units-TOTAL_FORMS": "1",
        "units-INITIAL_FORMS": "0",
        "units-MIN_NUM_FORMS": "0",
        "units-MAX_NUM_FORMS": "1000",
        "units-0-code": "101",
        "units-0-floor": "1",
        "units-0-area_m2": "3000",
        "units-0-status": "available",
        "units-0-rent_per_m2_day": "1.2",
        "units-0-published": "on",
    }
    body = client.post(f"/space/buildings/{high.pk}/edit/", data).content.decode()
    assert "可租售面积不能超过总建筑面积" in body
    assert not Unit.objects.exists()
    data["available_floor_m2"] = "3000"
    response = client.post(f"/space/buildings/{high.pk}/edit/", data)
    assert response.status_code == 302
    high.refresh_from_db()
    assert high.name == "新名称" and high.units.get().rent_per_m2_day == Decimal("1.2")
    client.force_login(world.users["steward"])
    assert client.get(f"/space/buildings/{high.pk}/edit/").status_code == 403


BUILDING_HEADERS = [
    "园区",
    "楼宇编号",
    "名称",
    "片区",
    "权属",
    "业主信用代码",
    "形态",
    "层数",
    "总建筑面积（m²）",
    "可租售面积（m²）",
    "结构",
    "首层层高",
    "首层承重",
    "标准层层高",
    "标准层承重",
    "行车（吨）",
    "配电（kVA）",
    "适用",
]


def test_importing_buildings_expands_floor_parameters(world):
    rows = [
        [
            "甲园区",
            "T-01",
            "一号标准厂房",
            "甲一片区",
            "园区持有",
            "",
            "标准厂房",
            4,
            12000,
            6000,
            "钢筋混凝土",
            8,
            20,
            4.5,
            8,
            0,
            1250,
            "GMP（医药）、cleanroom",
        ],
        [
            "甲园区",
            "T-02",
            "二号厂房",
            "",
            "企业自持",
            world.firm_a2.uscc,
            "单层厂房",
            1,
            5000,
            5000,
            "钢结构",
            12,
            30,
            "",
            "",
            16,
            2000,
            "",
        ],
    ]
    batch = start_import(
        actor=world.users["investment"],
        entity="buildings",
        upload=upload("b.xlsx", xlsx_bytes(BUILDING_HEADERS, rows)),
    )
    assert batch.status == BatchStatus.READY, batch.errors
    batch.status = BatchStatus.IMPORTING
    batch.save()
    run_batch(batch.pk, "commit")
    first = Building.objects.get(code="T-01")
    assert first.suitability == ["gmp", "cleanroom"] and first.zone == world.zone_a1
    assert [(f.floor, f.clear_height_m, f.floor_load_kn_m2) for f in first.floor_specs.all()] == [
        (1, Decimal("8.00"), Decimal("20.0")),
        (2, Decimal("4.50"), Decimal("8.0")),
        (3, Decimal("4.50"), Decimal("8.0")),
        (4, Decimal("4.50"), Decimal("8.0")),
    ]
    assert Building.objects.get(code="T-02").owner == world.firm_a2


def test_bad_building_rows_are_listed_and_nothing_is_written(world):
    rows = [
        [
            "甲园区",
            "T-03",
            "面积超了",
            "",
            "园区持有",
            "",
            "标准厂房",
            2,
            1000,
            2000,
            "钢结构",
            8,
            20,
            4,
            8,
            0,
            0,
            "",
        ],
        [
            "甲园区",
            "T-04",
            "没有业主",
            "",
            "企业自持",
            "",
            "标准厂房",
            2,
            1000,
            0,
            "钢结构",
            8,
            20,
            4,
            8,
            0,
            0,
            "",
        ],
        [
            "甲园区",
            "T-05",
            "层高为零",
            "",
            "园区持有",
            "",
            "标准厂房",
            2,
            1000,
            0,
            "钢结构",
            0,
            20,
            4,
            8,
            0,
            0,
            "",
        ],
        [
            "乙园区",
            "T-06",
            "别的园区",
            "",
            "园区持有",
            "",
            "标准厂房",
            2,
            1000,
            0,
            "钢结构",
            8,
            20,
            4,
            8,
            0,
            0,
            "",
        ],
        [
            "甲园区",
            "T-07",
            "未知形态",
            "",
            "园区持有",
            "",
            "城堡",
            2,
            1000,
            0,
            "钢结构",
            8,
            20,
            4,
            8,
            0,
            0,
            "太空",
        ],
    ]
    batch = start_import(
        actor=world.users["investment"],
        entity="buildings",
        upload=upload("b.xlsx", xlsx_bytes(BUILDING_HEADERS, rows)),
    )
    assert {(e["row"], e["column"]) for e in batch.errors} == {
        (2, "可租售面积"),
        (3, "业主信用代码"),
        (4, "首层层高"),
        (5, "园区"),
        (6, "形态"),
    }
    assert not Building.objects.exists()


def test_importing_units(space, world):
    headers = [
        "园区",
        "楼宇编号",
        "单元编号",
        "楼层",
        "面积（m²）",
        "状态",
        "租金（元/m²/天）",
        "对外发布",
    ]
    rows = [
        ["甲园区", "A-LOW", "201", 2, 1500, "可租售", 1.1, "是"],
        ["甲园区", "NOPE", "1", 1, 10, "", "", ""],
    ]
    batch = start_import(
        actor=world.users["investment"],
        entity="units",
        upload=upload("u.xlsx", xlsx_bytes(headers, rows)),
    )
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "楼宇编号")]
    batch = start_import(
        actor=world.users["investment"],
        entity="units",
        upload=upload("u.xlsx", xlsx_bytes(headers, rows[:1])),
    )
    batch.status = BatchStatus.IMPORTING
    batch.save()
    run_batch(batch.pk, "commit")
    unit = Unit.objects.get(code="201")
    assert (
        unit.building.code == "A-LOW" and unit.published and unit.rent_per_m2_day == Decimal("1.1")
    )


def test_parcels_list_with_map(world, client):
    Parcel.objects.create(
        park=world.park_a,
        code="P-1",
        area_mu=Decimal(30),
        polygon=[[30.74, 121.33], [30.75, 121.33], [30.75, 121.34]],
    )
    Parcel.objects.create(park=world.park_b, code="P-2", area_mu=Decimal(30))
    client.force_login(world.users["investment"])
    body = client.get("/space/parcels/").content.decode()
    assert "P-1" in body and "P-2" not in body and "leaflet.js" in body and "121.33" in body


def test_importing_parcels_with_their_boundaries(world):
    headers = [
        "园区",
        "地块编号",
        "片区",
        "面积（亩）",
        "用地性质",
        "状态",
        "指导价（万元）",
        "边界",
        "对外发布",
    ]
    rows = [
        [
            "甲园区",
            "P-10",
            "甲一片区",
            45,
            "工业用地（M）",
            "可租售",
            60,
            "30.741,121.330; 30.742,121.330; 30.742,121.332",
            "是",
        ],
        ["甲园区", "P-11", "", 20, "", "", "", "30.7,121.3", ""],
    ]
    batch = start_import(
        actor=world.users["investment"],
        entity="parcels",
        upload=upload("p.xlsx", xlsx_bytes(headers, rows)),
    )
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "边界")]
    batch = start_import(
        actor=world.users["investment"],
        entity="parcels",
        upload=upload("p.xlsx", xlsx_bytes(headers, rows[:1])),
    )
    batch.status = BatchStatus.IMPORTING
    batch.save()
    run_batch(batch.pk, "commit")
    parcel = Parcel.objects.get(code="P-10")
    assert (
        parcel.guide_price == Decimal(600000)
        and len(parcel.polygon) == 3
        and parcel.zone == world.zone_a1
    )


def test_a_building_cell_past_what_its_field_takes_is_refused_in_its_cell(world):
    """The import checks a number as the field it fills does: a height past what a floor's
    column holds (the write would fail on PostgreSQL), a floor count a form refuses, a latitude
    outside China; each in its row and column, nothing written."""
    headers = [*BUILDING_HEADERS, "纬度"]
    good = ["甲园区", "T-09", "九号厂房", "", "园区持有", "", "标准厂房", 2, 1000, 0, "钢结构"]
    good += [8, 20, 4, 8, 0, 0, "", 30.5]
    rows = [list(good) for _ in range(3)]
    rows[0][11] = 12000  # 首层层高: a floor's clear height holds 3 digits before the point
    rows[1][7] = 0  # 层数
    rows[2][18] = 300  # 纬度
    for i, row in enumerate(rows):
        row[1] = f"T-9{i}"
    with translation.override("zh-hans"):
        batch = start_import(
            actor=world.users["investment"],
            entity="buildings",
            upload=upload("b.xlsx", xlsx_bytes(headers, rows)),
        )
    assert batch.status == BatchStatus.INVALID
    found = {(e["row"], e["column"]): e["message"] for e in batch.errors}
    assert found == {
        (2, "首层层高"): "数值过大：此列只收小于 1,000 的数。",
        (3, "层数"): "不能小于 1。",
        (4, "纬度"): "不能大于 54。",
    }
    assert not Building.objects.filter(code__startswith="T-9").exists()


def test_a_parcel_area_in_square_metres_is_refused_with_its_limit_in_square_metres(world):
    """面积 is stored in 亩 and must be at least 0.01 亩: a sheet in m² is told the limit in m²
    (6.67), not in the stored unit."""
    headers = ["园区", "地块编号", "面积（m²）"]
    with translation.override("zh-hans"):
        batch = start_import(
            actor=world.users["investment"],
            entity="parcels",
            upload=upload("p.xlsx", xlsx_bytes(headers, [["甲园区", "P-20", 5]])),
        )
    assert [(e["row"], e["column"], e["message"]) for e in batch.errors] == [
        (2, "面积（m²）", "按此列的单位，不能小于 6.67。")
    ]

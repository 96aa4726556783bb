"""The enterprise list: filters, sorting, paging, the htmx partial and the Excel export."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from python_calamine import CalamineWorkbook

from parkos.enterprises.models import HonourType
from parkos.testing.factories import (
    ClusterFactory,
    EnterpriseFactory,
    HonourAwardFactory,
    IndicatorYearFactory,
)


def _names(response):
    return response.content.decode()


def _sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return (
        CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        .get_sheet_by_index(0)
        .to_python()
    )


@pytest.fixture
def admin_client(world, client):
    client.force_login(world.users["district_admin"])
    return client


def test_filters_by_park_zone_and_above_scale(world, admin_client):
    world.firm_a2.is_above_scale = True
    world.firm_a2.save()
    body = _names(admin_client.get("/enterprises/", {"park": world.park_a.pk}))
    assert world.firm_a1.name in body and world.firm_b.name not in body
    body = _names(admin_client.get("/enterprises/", {"zone": world.zone_a2.pk}))
    assert world.firm_a2.name in body and world.firm_a1.name not in body
    body = _names(admin_client.get("/enterprises/", {"is_above_scale": "true"}))
    assert world.firm_a2.name in body and world.firm_a1.name not in body


def test_filters_by_cluster_industry_honour_and_land(world, admin_client):
    cluster = world.firm_a1.clusters.get()
    body = _names(admin_client.get("/enterprises/", {"cluster": cluster.pk}))
    assert world.firm_a1.name in body and world.firm_a2.name not in body
    world.firm_b.industry_id = "C2761"
    world.firm_b.own_land_mu = Decimal("120")
    world.firm_b.save()
    body = _names(admin_client.get("/enterprises/", {"industry": "C27"}))
    assert world.firm_b.name in body and world.firm_a1.name not in body
    body = _names(admin_client.get("/enterprises/", {"land_min": "100"}))
    assert world.firm_b.name in body and world.firm_a1.name not in body
    giant = HonourType.objects.get(name="专精特新“小巨人”企业")
    HonourAwardFactory(enterprise=world.firm_a2, honour_type=giant)
    body = _names(admin_client.get("/enterprises/", {"honour": giant.pk}))
    assert world.firm_a2.name in body and world.firm_a1.name not in body


def test_tax_range_filter_uses_the_chosen_year_in_10k_yuan(world, admin_client):
    # 2024 tax of firm A1 is 98,765.43 万元; in 2023 it was half of that.
    body = _names(admin_client.get("/enterprises/", {"tax_min": "90000", "year": "2024"}))
    assert world.firm_a1.name in body and world.firm_b.name not in body
    body = _names(admin_client.get("/enterprises/", {"tax_min": "90000", "year": "2023"}))
    assert world.firm_a1.name not in body


def test_sorting_by_tax_and_paging(world, admin_client):
    for i in range(30):
        firm = EnterpriseFactory(
            name=f"上海排序{i:02d}有限公司", park=world.park_b, zone=world.zone_b1
        )
        IndicatorYearFactory(enterprise=firm, year=2024, tax_paid=Decimal(i * 10000))
    response = admin_client.get("/enterprises/", {"sort": "-y_tax_paid", "per_page": 25})
    body = _names(response)
    assert (
        body.index(world.firm_a1.name)
        < body.index(world.firm_a2.name)
        < body.index("上海排序29有限公司")
    )
    assert "上海排序00有限公司" not in body  # on page 2
    assert "上海排序00有限公司" in _names(
        admin_client.get("/enterprises/", {"sort": "-y_tax_paid", "page": 2})
    )


def test_htmx_request_gets_only_the_table(world, admin_client):
    response = admin_client.get(
        "/enterprises/", {"q": "甲一"}, headers={"HX-Request": "true", "HX-Target": "object-table"}
    )
    body = _names(response)
    assert '<div id="object-table"' in body and "<nav" not in body
    assert world.firm_a1.name in body


def test_export_holds_exactly_the_filtered_rows_with_units(world, admin_client):
    rows = _sheet(admin_client.get("/enterprises/", {"park": world.park_a.pk, "export": "xlsx"}))
    header, data = rows[0], rows[1:]
    assert header[0] == "名称" or header[0] == "Name"
    assert {row[0] for row in data} == {world.firm_a1.name, world.firm_a2.name}
    tax_column = next(i for i, h in enumerate(header) if str(h).startswith(("税收", "Tax")))
    assert "万元" in header[tax_column] or "10k yuan" in header[tax_column]
    a1 = next(row for row in data if row[0] == world.firm_a1.name)
    assert a1[tax_column] == pytest.approx(98765.43, abs=0.01)


def test_export_neutralises_formulas(world, admin_client):
    EnterpriseFactory(name='=HYPERLINK("http://x")', park=world.park_a, zone=world.zone_a1)
    rows = _sheet(admin_client.get("/enterprises/", {"export": "xlsx"}))
    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in names


def test_empty_result_says_so(world, admin_client):
    body = _names(admin_client.get("/enterprises/", {"q": "不存在的企业"}))
    assert "没有符合" in body or "No enterprise matches" in body


def test_list_and_export_use_a_bounded_number_of_queries(world, admin_client):
    for _i in range(40):
        firm = EnterpriseFactory(park=world.park_a, zone=world.zone_a1)
        firm.clusters.add(ClusterFactory())
        IndicatorYearFactory(enterprise=firm)
    for params in ({}, {"export": "xlsx"}):
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get("/enterprises/", params).status_code == 200
        assert len(queries) <= 12, [q["sql"] for q in queries]

"""The portrait page: basics, land, figures with growth, ranks, honours and change history."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parkos.enterprises.models import Enterprise, IndicatorYear
from parkos.enterprises.services import growth, ranks, year_rows
from parkos.testing.factories import EnterpriseFactory, IndicatorYearFactory


def test_growth_is_year_over_year_and_unknown_without_a_base():
    assert growth(Decimal(110), Decimal(100)) == Decimal("0.1")
    assert growth(Decimal(110), None) is None
    assert growth(Decimal(110), Decimal(0)) is None


def test_year_rows_compute_tax_per_mu_over_own_and_rented_land(world):
    firm = world.firm_a1
    firm.own_land_mu = Decimal("10")
    firm.rented_floor_m2 = Decimal("20000")  # 30 mu at 666.67 m² per mu
    firm.save()
    row_2024 = year_rows(firm)[-1]
    assert row_2024.year == 2024
    # 987,654,321.12 yuan over 40 mu
    assert row_2024.tax_per_mu.quantize(Decimal("0.01")) == Decimal("24691358.03")
    assert row_2024.growth["tax_paid"] == Decimal(1)  # 2023 was half


def test_growth_skips_a_missing_year(world):
    IndicatorYear.objects.filter(enterprise=world.firm_a1, year=2024).update(year=2025)
    rows = year_rows(world.firm_a1)
    assert [r.year for r in rows] == [2023, 2025]
    assert rows[1].growth["tax_paid"] is None


def test_rank_within_zone_and_cluster(world):
    rival = EnterpriseFactory(park=world.park_a, zone=world.zone_a1)
    rival.clusters.add(world.firm_a1.clusters.get())
    IndicatorYearFactory(
        enterprise=rival, tax_paid=Decimal("999999999999"), output_value=Decimal(1)
    )
    result = {
        (r.group, r.field): (r.position, r.of)
        for r in ranks(world.firm_a1, 2024, world.users["district_admin"])
    }
    assert result[("甲一片区", "tax_paid")] == (2, 2)
    assert result[("甲一片区", "output_value")] == (1, 2)
    cluster = world.firm_a1.clusters.get()
    assert cluster.label == f"生物医药（{cluster.scheme.name}）"  # told apart from a namesake
    assert result[(cluster.label, "tax_paid")] == (2, 2)


def test_portrait_shows_what_a_steward_needs(world, client):
    client.force_login(world.users["steward"])
    response = client.get(world.firm_a1.get_absolute_url())
    body = response.content.decode()
    assert world.firm_a1.name in body and world.firm_a1.uscc in body
    assert "steward_a1" in body  # the zone's steward
    assert "98765.43" in body  # 2024 tax in 万元 (zh-hans writes no thousands separator)
    assert "+100.0%" in body  # growth over 2023
    assert 'id="chart-data"' in body and "echarts.min.js" in body
    assert "高新技术企业" in body


def test_portrait_for_investment_staff_has_no_figures(world, client):
    client.force_login(world.users["investment"])
    body = client.get(world.firm_a1.get_absolute_url()).content.decode()
    assert world.firm_a1.name in body
    assert "98765.43" not in body and 'id="chart-data"' not in body


def test_changes_are_recorded_and_shown_with_before_and_after(world, client):
    admin = world.users["park_admin"]
    client.force_login(admin)
    data = {
        "name": world.firm_a1.name,
        "uscc": world.firm_a1.uscc,
        "park": world.park_a.pk,
        "zone": world.zone_a1.pk,
        "status": "operating",
        "own_land_mu": "35.5",
        "rented_floor_m2": "0",
        "industry": "C2761",
        "address": "旧地址",
    }
    assert client.post(f"/enterprises/{world.firm_a1.pk}/edit/", data).status_code == 302
    data["address"] = "创新路 8 号"
    client.post(f"/enterprises/{world.firm_a1.pk}/edit/", data)
    record = Enterprise.history.filter(id=world.firm_a1.pk).latest("history_id")
    assert record.history_user == admin
    body = client.get(world.firm_a1.get_absolute_url()).content.decode()
    assert "<del>旧地址</del>" in body and "<strong>创新路 8 号</strong>" in body


def test_portrait_uses_a_bounded_number_of_queries(world, client):
    client.force_login(world.users["district_admin"])
    for year in range(2010, 2023):
        IndicatorYearFactory(enterprise=world.firm_a1, year=year)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(world.firm_a1.get_absolute_url()).status_code == 200
    assert len(queries) <= 22, len(queries)


@pytest.mark.parametrize("role", ["investment", "leader_park", "enterprise"])
def test_read_only_roles_cannot_edit(world, client, role):
    client.force_login(world.users[role])
    assert client.get(f"/enterprises/{world.firm_a1.pk}/edit/").status_code == 403
    assert client.get("/enterprises/new/").status_code == 403


def test_change_history_hides_figure_changes_from_roles_without_the_figures(world, client):
    """Security issue, finding 1: investment staff read tax before → after in 变更记录."""
    record = IndicatorYear.objects.get(enterprise=world.firm_a1, year=2024)
    record.tax_paid = Decimal("7777777.77")
    record.save()
    client.force_login(world.users["investment"])
    body = client.get(world.firm_a1.get_absolute_url()).content.decode()
    history = body[body.index('id="history"') :]
    assert "7777777.77" not in history and "987654321.12" not in history
    assert "税" not in history.split("</ul>")[0]
    client.force_login(world.users["park_admin"])
    body = client.get(world.firm_a1.get_absolute_url()).content.decode()
    history = body[body.index('id="history"') :].split("</ul>")[0]
    assert "7777777.77" in history and "987654321.12" in history


def test_ranks_count_only_the_viewers_scope(world, client):
    """Security issue, finding 2: a cluster spans parks, and a rank counted over every park let
    a park admin recover park B's tax by moving one of their own firms' figure."""
    cluster = world.firm_a1.clusters.get()
    world.firm_b.clusters.add(cluster)  # park B's firm pays more tax than firm A1
    IndicatorYear.objects.filter(enterprise=world.firm_b, year=2024).update(
        tax_paid=Decimal("7777777777.77")
    )
    as_district = {
        (r.group, r.field): (r.position, r.of)
        for r in ranks(world.firm_a1, 2024, world.users["district_admin"])
    }
    assert as_district[(cluster.label, "tax_paid")] == (2, 2)
    client.force_login(world.users["park_admin"])
    body = client.get(world.firm_a1.get_absolute_url()).content.decode()
    rank_block = body[body.index('id="ranks"') :].split("</ul>")[0]
    assert f"{cluster.label} · 税收：第 1 名 / 共 1 家" in rank_block, rank_block

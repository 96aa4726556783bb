"""The 驾驶舱 on hand-counted cases: each figure equals the sum of the rows its link lists, in
the viewer's scope (a steward's counts only its zones), for the district, a park or a zone."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from parkos.enterprises.models import IndicatorYear
from parkos.reports.dashboard import Place, dashboard, place_for
from parkos.service.choices import Status
from parkos.service.models import ServiceRequest
from parkos.testing.factories import (
    EnterpriseFactory,
    IndicatorMonthFactory,
    IndicatorYearFactory,
    service_request,
)

WAN = Decimal(10_000)


def figures(board, section="economy"):
    return {f.key: f for f in getattr(board, section)}


def test_output_revenue_and_tax_are_the_rows_of_the_scope_with_the_growth(world):
    board = dashboard(world.users["district_admin"], 2024, Place())
    rows = IndicatorYear.objects.filter(year=2024)
    economy = figures(board)
    assert economy["output"].value == sum(r.output_value for r in rows)
    assert economy["tax"].value == sum(r.tax_paid for r in rows)
    last = sum(r.tax_paid for r in IndicatorYear.objects.filter(year=2023))
    assert economy["tax"].previous == last
    assert economy["tax"].growth == Decimal(1)  # the world's 2023 tax is half of 2024's


def test_a_park_and_a_zone_narrow_every_figure(world):
    admin = world.users["district_admin"]
    park = dashboard(admin, 2024, place_for(admin, park=world.park_a.pk))
    zone = dashboard(admin, 2024, place_for(admin, zone=world.zone_a1.pk))
    assert figures(park)["tax"].value == sum(
        r.tax_paid for r in IndicatorYear.objects.filter(year=2024, enterprise__park=world.park_a)
    )
    assert figures(zone)["tax"].value == world.firm_a1.years.get(year=2024).tax_paid
    # By zone inside a park, by park in the district.
    assert [row["name"] for row in park.by_place] == ["甲一片区", "甲二片区"]
    district = dashboard(admin, 2024, Place())
    assert {row["name"] for row in district.by_place} == {"甲园区", "乙园区"}


def test_the_monthly_output_is_the_places_monthly_rows(world):
    """Each month's point of the trend sums the place's monthly rows, for a park and a zone."""
    for firm, output in ((world.firm_a1, 100), (world.firm_a2, 20), (world.firm_b, 3)):
        IndicatorMonthFactory(enterprise=firm, year=2024, month=3, output_value=output * WAN)
    admin = world.users["district_admin"]
    for place, expected in (
        (place_for(admin, park=world.park_a.pk), 120),
        (place_for(admin, zone=world.zone_a1.pk), 100),
        (Place(), 123),
    ):
        months = dashboard(admin, 2024, place).months
        assert months[2024][2] == expected * WAN and months[2024][3] is None, place


def test_a_steward_counts_only_its_zones_whatever_it_asks(world):
    steward = world.users["steward"]
    # Asking for the other zone, or the other park, falls back to what the steward sees.
    asked = place_for(steward, zone=world.zone_a2.pk)
    assert asked == Place()
    board = dashboard(steward, 2024, asked)
    assert figures(board)["tax"].value == world.firm_a1.years.get(year=2024).tax_paid
    assert figures(board)["operating"].value == 1


def test_above_scale_share_of_output(world):
    world.firm_a1.is_above_scale = True
    world.firm_a1.save()
    board = dashboard(world.users["district_admin"], 2024, Place())
    output = sum(r.output_value for r in IndicatorYear.objects.filter(year=2024))
    share = world.firm_a1.years.get(year=2024).output_value / output
    assert figures(board)["above_share"].value == share


def test_service_figures_equal_their_lists(world, login):
    admin = world.users["district_admin"]
    now = timezone.now()
    service_request(world.firm_a1, title="已办结", received_at=now - dt.timedelta(days=3))
    ServiceRequest.objects.filter(title="已办结").update(status=Status.CLOSED, rating=4)
    service_request(world.firm_a2, title="超期", received_at=now - dt.timedelta(days=40))
    board = dashboard(admin, now.year, Place())
    service = figures(board, "service")
    client = login(admin)
    for label in ("requests", "requests_closed", "requests_overdue"):
        page = client.get(service[label].drill)
        assert page.status_code == 200
        assert page.context["table"].paginator.count == service[label].value, label
    assert service["satisfaction"].value == 4


def test_the_tax_drill_down_lists_the_rows_it_sums(world, login):
    admin = world.users["district_admin"]
    EnterpriseFactory(name="没有数据的公司", park=world.park_a, zone=world.zone_a1)
    board = dashboard(admin, 2024, place_for(admin, park=world.park_a.pk))
    tax = figures(board)["tax"]
    page = login(admin).get(tax.drill)
    rows = page.context["table"].data
    assert sum(row.y_tax_paid or 0 for row in rows) == tax.value


@pytest.mark.parametrize("role", ["district_admin", "park_admin", "leader_district", "steward"])
def test_the_page_shows_the_figures_with_their_links(world, login, role):
    IndicatorYearFactory(enterprise=world.firm_a2, year=2022)
    page = login(world.users[role]).get("/dashboard/", {"year": 2024})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="dashboard-economy"' in html
    assert "/enterprises/?year=2024" in html
    assert 'id="dashboard-data"' in html


@pytest.mark.parametrize("role", ["investment", "enterprise"])
def test_roles_without_the_figures_have_no_dashboard(world, login, role):
    assert login(world.users[role]).get("/dashboard/").status_code == 403

"""An investor on the online park, then the investment staff who receive the enquiry."""

from decimal import Decimal

import pytest

from parkos.space.models import Unit
from parkos.space.tests.test_space import make_building

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_investor_filters_opens_a_building_enquires_and_staff_see_it(
    live_server, world, page, log_in
):
    tall = make_building(
        world.park_a,
        world.zone_a1,
        "PUB-TALL",
        floors=1,
        heights=("12",),
        loads=("30",),
        published=True,
        power_kva=2500,
    )
    low = make_building(
        world.park_a,
        world.zone_a1,
        "PUB-LOW",
        floors=1,
        heights=("5",),
        loads=("10",),
        published=True,
    )
    for building in (tall, low):
        Unit.objects.create(
            building=building, code="101", floor=1, area_m2=Decimal(3000), published=True
        )

    page.goto(f"{live_server.url}/online/space/")
    assert "PUB-TALL 厂房" in page.content() and "PUB-LOW 厂房" in page.content()
    page.fill("#id_clear_height_min", "10")
    page.click("#public-filters button")
    page.wait_for_url("**clear_height_min=10**")
    assert "PUB-LOW 厂房" not in page.content()
    page.get_by_role("link", name="PUB-TALL 厂房").click()
    assert page.locator("h1").inner_text() == "PUB-TALL 厂房"
    page.fill("#id_name", "李经理")
    page.fill("#id_company", "浙江某某新能源有限公司")
    page.fill("#id_phone", "13900001111")
    page.fill("#id_message", "需要 3000 平方米单层厂房。")
    page.check("#id_consent")
    page.click("#enquiry-form button")
    page.wait_for_selector("#enquiry-received")

    log_in("investment_a", "/enquiries/")
    page.wait_for_selector("#object-table")
    assert "浙江某某新能源有限公司" in page.locator("#object-table").inner_text()
    # The enquiry arrived in the pipeline as a lead.
    page.goto(f"{live_server.url}/investment/")
    leads = page.locator('.kanban-cards[data-stage="lead"]')
    assert "浙江某某新能源有限公司" in leads.inner_text()

"""An investor on a phone asks for 8 m of clear height as a must: the lower hall is not ranked
but named as a near miss, saying by how much."""

from decimal import Decimal

import pytest

from parkos.space.models import Unit
from parkos.space.tests.test_space import make_building

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_must_have_on_a_phone_excludes_and_names_the_near_miss(live_server, world, page):
    for code, height in (("PUB-HIGH", "9"), ("PUB-NEAR", "7.5")):
        building = make_building(
            world.park_a, world.zone_a1, code, floors=1, heights=(height,), published=True
        )
        Unit.objects.create(
            building=building, code="101", floor=1, area_m2=Decimal(3000), published=True
        )
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/online/match/")
    assert page.is_checked("#must-area")  # what matching always did
    page.fill("#id_min_clear_height", "8")
    # The box sits on the criterion's label line: no row of its own on a phone.
    label = page.locator('label[for="id_min_clear_height"]').bounding_box()
    box = page.locator("#must-clear_height").bounding_box()
    assert abs(box["y"] + box["height"] / 2 - (label["y"] + label["height"] / 2)) < label["height"]
    page.check("#must-clear_height")
    page.get_by_role("button", name="匹配").click()
    page.wait_for_url("**must=clear_height**")
    assert "PUB-HIGH 厂房" in page.locator("#public-matches").inner_text()
    assert "PUB-NEAR" not in page.locator("#public-matches").inner_text()
    near = page.locator("#public-near-misses").inner_text()
    assert "PUB-NEAR 厂房" in near and "未满足：净高 7.5 m，要求 ≥ 8 m，差 0.5 m" in near
    assert page.is_checked("#must-clear_height")  # the answer keeps the boxes as sent
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scroll


def test_on_a_phone_the_online_park_opens_on_its_buildings(live_server, world, page):
    """At 390×844 the first screen was all filter fields; now the buildings, the filters behind
    a button that says how many are set."""
    building = make_building(world.park_a, world.zone_a1, "PUB-PHONE", published=True)
    Unit.objects.create(
        building=building, code="101", floor=1, area_m2=Decimal(3000), published=True
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/online/space/")
    assert not page.locator("#public-filters").is_visible()
    card = page.get_by_role("link", name=building.name).bounding_box()
    assert card["y"] + card["height"] < 844  # the first building is on the first screen
    page.click("#filters-toggle")
    page.locator("#public-filters").wait_for(state="visible")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/online/space/")
    assert page.locator("#public-filters").is_visible()

"""The dashboard (驾驶舱) in a real browser: a district leader opens it, the charts draw from the
page's data, picking a park narrows the figures, and a card leads to the rows behind it."""

import pytest

from parkos.browser_tests.conftest import wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_the_leaders_dashboard_draws_and_drills_down(live_server, world, page, log_in):
    log_in("leader", "/dashboard/?year=2024")
    cards = page.locator("#dashboard-economy")
    assert "税收" in cards.inner_text()
    # ECharts drew the monthly output (a canvas inside the chart's box).
    wait_until(page, "() => document.querySelector('#dashboard-months canvas') !== null")
    assert page.locator("#dashboard-places-table tr").count() == 2  # both parks

    page.select_option("#dashboard-park", label=world.park_a.name)
    page.get_by_role("button", name="显示").click()
    page.wait_for_selector(f"h1:has-text('{world.park_a.name}')")
    assert page.locator("#dashboard-places-table tr").count() == 2  # the park's two zones

    page.locator("#dashboard-economy a", has_text="税收").click()
    page.wait_for_url("**/enterprises/?**")
    assert world.firm_a1.name in page.content()
    assert world.firm_b.name not in page.content()

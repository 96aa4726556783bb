"""Events in a real browser: an enterprise user registers for today's salon, the park's staff
tick it present on the attendance sheet (htmx) and the year's figures count it; the staff show
the event's QR code, and an enterprise that came without registering checks itself in by it."""

import pytest
from django.utils import timezone

from parkos.browser_tests.conftest import wait_until
from parkos.programmes.models import Event
from parkos.testing.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _total(page, live_server, year):
    page.goto(f"{live_server.url}/programmes/figures/?year={year}")
    return page.locator("#figures-total").inner_text()


def test_register_take_attendance_check_in_and_the_figures_change(live_server, world, page, log_in):
    today = timezone.localdate()
    salon = Event.objects.create(
        park=world.park_a,
        kind="salon",
        title="生物医药创新沙龙",
        organiser="园区企业服务中心",
        on=today,
        place="创新大厦报告厅",
        capacity=30,
    )
    log_in("parkadmin_a")
    assert _total(page, live_server, today.year) == "共 1 场活动，0 家企业参加，0 企业家次"

    # The enterprise registers itself on the event's page.
    page.context.clear_cookies()
    log_in("firm_a1_user", salon.get_absolute_url())
    page.click("#register-button")
    page.wait_for_selector("text=已报名：生物医药创新沙龙。")
    assert "贵企业已报名。" in page.locator("#my-registration").inner_text()

    # The staff tick it present: htmx swaps the sheet in place.
    page.context.clear_cookies()
    log_in("parkadmin_a", salon.get_absolute_url())
    sheet = page.locator("#attendance-sheet")
    assert world.firm_a1.name in sheet.inner_text()
    sheet.get_by_role("button", name="签到", exact=True).click()
    wait_until(page, "() => document.querySelector('#attendance-table .btn-success') !== null")
    assert _total(page, live_server, today.year) == "共 1 场活动，1 家企业参加，1 企业家次"

    # The printable QR code; firm A2's user scans it and checks in without registering.
    page.goto(f"{live_server.url}{salon.get_absolute_url()}")
    page.click("#checkin-print")
    page.wait_for_selector("#event-qr svg")
    checkin_url = page.locator("#event-qr .text-break").inner_text()
    UserFactory(
        username="firm_a2_user", role="enterprise", park=world.park_a, enterprise=world.firm_a2
    )
    page.context.clear_cookies()
    log_in("firm_a2_user", checkin_url.replace(live_server.url, ""))
    page.click("#checkin-button")
    assert "已签到" in page.locator("#checkin-done").inner_text()

    page.context.clear_cookies()
    log_in("parkadmin_a", "/programmes/figures/")
    assert _total(page, live_server, today.year) == "共 1 场活动，2 家企业参加，2 企业家次"

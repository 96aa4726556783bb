"""A steward's morning, in a real browser: log in, filter, read a portrait, export to Excel."""

import io
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from parkos.browser_tests.conftest import wait_until
from parkos.testing.factories import EnterpriseFactory, IndicatorYearFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_steward_filters_opens_a_portrait_and_exports(live_server, world, page, log_in):
    above = EnterpriseFactory(
        name="特百佳动力科技股份有限公司",
        park=world.park_a,
        zone=world.zone_a1,
        is_above_scale=True,
    )
    IndicatorYearFactory(enterprise=above, year=2023)
    IndicatorYearFactory(enterprise=above, year=2024)
    EnterpriseFactory(name="上海小微贸易有限公司", park=world.park_a, zone=world.zone_a1)

    log_in("steward_a1")
    page.get_by_role("link", name="企业", exact=True).click()
    page.wait_for_selector("#object-table")
    assert page.locator("#result-count").inner_text() == "共 3 条"
    assert "上海甲二精密机械有限公司" not in page.content()  # another steward's zone

    # Filter by pinyin initials; htmx swaps the table without reloading the page.
    page.fill("#id_q", "tbj")
    wait_until(page, "() => document.querySelector('#result-count').innerText === '共 1 条'")
    assert "tbj" in page.url
    page.fill("#id_q", "")
    page.select_option("#id_is_above_scale", "true")
    wait_until(page, "() => document.querySelector('#result-count').innerText === '共 1 条'")
    page.select_option("#id_is_above_scale", "false")
    wait_until(page, "() => document.querySelector('#result-count').innerText === '共 2 条'")
    page.select_option("#id_is_above_scale", "true")
    wait_until(page, "() => document.querySelector('#result-count').innerText === '共 1 条'")
    # Each change replaces the query string; it used to append another copy of it.
    assert page.url.count("is_above_scale=") == 1 and "q=" not in page.url.split("q=", 1)[1]

    with page.expect_download() as download_info:
        page.click("#export-xlsx")
    content = Path(download_info.value.path()).read_bytes()
    rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    assert [row[0] for row in rows[1:]] == ["特百佳动力科技股份有限公司"]

    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.get_by_role("link", name="特百佳动力科技股份有限公司").click()
    page.wait_for_load_state("load")
    assert not errors, errors
    page.wait_for_selector("#chart-years canvas")  # ECharts drew the trends
    assert page.locator("h1").inner_text() == "特百佳动力科技股份有限公司"
    assert page.locator("#steward").inner_text() == "steward_a1"
    assert "第 1 名" in page.locator("#ranks").inner_text()

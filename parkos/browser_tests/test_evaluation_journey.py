"""Statistics staff evaluate their park in a real browser: run, read an explanation, export."""

import io
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from parkos.testing.personas import make_evaluable

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_park_admin_runs_a_scheme_reads_an_explanation_and_exports(
    live_server, world, page, log_in
):
    make_evaluable(world)
    log_in("parkadmin_a")
    page.get_by_role("link", name="评价批次").click()
    page.select_option("#id_scheme", label="规上工业企业亩均效益评价 v1")
    page.fill("#id_year", "2024")
    page.click("#run-form button")
    page.wait_for_selector("#grade-counts")
    assert "参评 2 家" in page.content()
    assert "上海乙园新材料有限公司" not in page.content()  # another park's firm

    with page.expect_download() as download:
        page.click("#export-xlsx")
    rows = CalamineWorkbook.from_filelike(
        io.BytesIO(Path(download.value.path()).read_bytes())
    ).get_sheet_by_index(0)
    names = {row[1] for row in rows.to_python()[1:]}
    assert names == {"上海甲一生物科技有限公司", "上海甲二精密机械有限公司"}

    page.get_by_role("link", name="上海甲二精密机械有限公司").click()
    explanation = page.locator("#explanation").inner_text()
    assert "亩均税收" in explanation and "÷ 基准" in explanation and "× 30.00 =" in explanation
    page.go_back()
    page.click("#publish-run")
    page.wait_for_selector(".alert-success")
    assert page.locator("#publish-run").count() == 0

"""The leaders' figures in a real browser: the clusters page draws its chart and a bar opens the
firms behind it; an anchor's chain map draws and the chain's weak links lead into the pipeline;
a steward follows an early warning to the portrait and acknowledges it; the park's staff write,
edit and publish a monthly analysis; the dashboard's yearly report downloads as .docx and .xlsx
holding the figures the dashboard shows."""

from decimal import Decimal

import docx
import pytest
from python_calamine import CalamineWorkbook

from parkos.browser_tests.conftest import wait_until
from parkos.enterprises.models import IndicatorMonth
from parkos.investment.models import Project
from parkos.investment.rules import today
from parkos.reports import actions
from parkos.reports.early_warnings import evaluate
from parkos.reports.models import EarlyWarning, MonthlyAnalysis, WarningRule
from parkos.testing.factories import ClusterFactory, IndicatorMonthFactory, panel_chain

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WAN = Decimal(10_000)
M = Decimal(1_000_000)


# 1. Clusters ---------------------------------------------------------------------------------


def _cluster_figures(world):
    """The world's district scheme (its cluster 生物医药 holds firm A1) gains 新材料 with park B's
    firm; every firm is above-scale. Output 2024 (2023): A1 50 M (40 M), A2 30 M, B 20 M; A2 is
    in no cluster."""
    life = world.firm_a1.clusters.get()
    materials = ClusterFactory(scheme=life.scheme, name="新材料", order=life.order + 1)
    world.firm_b.clusters.add(materials)
    for firm, now, before in (
        (world.firm_a1, 50, 40),
        (world.firm_a2, 30, 10),
        (world.firm_b, 20, 10),
    ):
        firm.is_above_scale = True
        firm.save()
        firm.years.filter(year=2024).update(output_value=now * M)
        firm.years.filter(year=2023).update(output_value=before * M)
    return life


# The centre of the bar of `cluster` in the series `year`, in page coordinates, once ECharts has
# finished growing it (a click during the animation could miss it).
BAR_CENTRE = """([cluster, year]) => {
  const el = document.getElementById('clusters-output');
  const chart = typeof echarts !== 'undefined' && echarts.getInstanceByDom(el);
  if (!chart) return null;
  const option = chart.getOption();
  const series = option.series.findIndex((s) => s.name === year);
  const index = option.xAxis[0].data.indexOf(cluster);
  const data = chart.getModel().getSeriesByIndex(series).getData();
  const layout = data.getItemLayout(index);
  const shape = data.getItemGraphicEl(index) && data.getItemGraphicEl(index).shape;
  if (!layout || !shape || Math.abs(shape.height - layout.height) > 0.5) return null;
  const box = el.getBoundingClientRect();
  return {x: box.left + layout.x + layout.width / 2, y: box.top + layout.y + layout.height / 2};
}"""


def test_a_leader_reads_the_clusters_and_a_bar_opens_the_firms_behind_it(
    live_server, world, page, log_in
):
    _cluster_figures(world)
    log_in("leader", "/clusters/")
    page.fill("#clusters-year", "2024")
    page.get_by_role("button", name="显示").click()
    page.wait_for_selector("h1:has-text('产业集群 · 2024')")

    # The table: 生物医药 is firm A1 alone, 50 M = 0.50 亿元, +25 % on 40 M, half of the
    # district's above-scale 100 M.
    row = page.locator("#clusters-table tbody tr", has_text="生物医药")
    cells = row.locator("td").all_inner_texts()
    assert cells[:3] == ["生物医药", "0.50", "+25.0%"]
    assert cells[4] == "50.0%" and cells[6:] == ["1", "1"]
    materials = page.locator("#clusters-table tbody tr", has_text="新材料")
    assert materials.locator("td").all_inner_texts()[:3] == ["新材料", "0.20", "+100.0%"]

    # ECharts drew both charts; a click on this year's 生物医药 bar opens the firms behind it.
    wait_until(page, "() => document.querySelector('#clusters-output canvas') !== null")
    wait_until(page, "() => document.querySelector('#clusters-targets canvas') !== null")
    wait_until(page, BAR_CENTRE, ["生物医药", "2024"])
    centre = page.evaluate(BAR_CENTRE, ["生物医药", "2024"])
    page.mouse.click(centre["x"], centre["y"])
    page.wait_for_url("**/enterprises/?**")
    listed = page.locator("#object-table tbody").inner_text()
    assert world.firm_a1.name in listed
    assert world.firm_a2.name not in listed  # in park A, in no cluster
    assert world.firm_b.name not in listed  # another park's firm, in 新材料

    # The row's firm count leads to the same firm.
    page.go_back()
    materials.locator("td").nth(6).get_by_role("link").click()
    page.wait_for_url("**/enterprises/?**")
    listed = page.locator("#object-table tbody").inner_text()
    assert world.firm_b.name in listed
    assert world.firm_a1.name not in listed and world.firm_a2.name not in listed


# 2. Industry chains ----------------------------------------------------------------------------


def _chain(world):
    """`panel_chain` of the cluster 生物医药 (firm A1's): its weak links lead into the pipeline
    of that cluster."""
    return panel_chain(world, cluster=world.firm_a1.clusters.get())


def test_an_anchors_chain_map_draws_and_its_weak_links_lead_into_the_pipeline(
    live_server, world, page, log_in
):
    template = _chain(world)
    anchor = world.firm_a1
    log_in("investment_a", anchor.get_absolute_url())
    # The portrait's 产业链 section links to the full map.
    page.locator(f"a[href='/chains/anchors/{anchor.pk}/']", has_text="产业链图谱").click()
    page.wait_for_selector(f"h1:has-text('{anchor.name}的产业链图谱')")
    summary = page.locator("#chain-summary").inner_text()
    assert summary.startswith("2 条关系：本地 1 家，区外 1 家")
    assert "15.00" in summary  # 10 + 5 亿元 of chain projects
    # ECharts drew the graph: the anchor, its local supplier and the outside customer.
    wait_until(page, "() => document.querySelector('#chain-graph canvas') !== null")
    names = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('chain-graph'))"
        ".getOption().series[0].data.map((n) => n.name)"
    )
    assert sorted(names) == sorted([anchor.name, world.firm_a2.name, "区外整机厂"])
    links = page.locator("#chain-links tbody").inner_text()
    assert world.firm_a2.name in links and "区外整机厂" in links

    # The chain's page (sidebar 产业链模板): the nodes with their local firms, weak links marked.
    page.locator("#sidebar a", has_text="产业链模板").click()
    page.locator("#object-table tbody a", has_text="显示产业链").click()
    page.wait_for_selector("#chain-nodes")
    weak = page.locator("#chain-nodes tbody tr", has_text="薄弱环节")
    assert [r.locator("td").nth(1).inner_text() for r in weak.all()] == ["材料", "终端"]
    panel = page.locator("#chain-nodes tbody tr", has_text="面板")
    assert "薄弱环节" not in panel.inner_text()
    assert page.locator("#chain-weak").inner_text() == "2 个薄弱环节：招商引资的目标。"

    # 终端 has no local firm: its lead opens the pipeline's new project, chain and park filled in.
    terminal = page.locator("#chain-nodes tbody tr", has_text="终端")
    assert terminal.locator("td").nth(2).inner_text() == "0"
    terminal.get_by_role("link", name="新建招商线索").click()
    page.wait_for_url("**/investment/projects/new/?**")
    assert page.input_value("#id_name") == "补链招商：显示产业链 · 终端"
    assert page.input_value("#id_park") == str(world.park_a.pk)
    assert page.input_value("#id_cluster") == str(template.cluster_id)
    assert page.input_value("#id_notes") == "显示产业链薄弱环节：终端"
    page.fill("#id_investor_name", "某整机制造集团")
    assert page.input_value("#id_stage_since") == today().isoformat()  # a lead since today
    page.get_by_role("button", name="保存").click()
    page.wait_for_selector("h1:has-text('补链招商：显示产业链 · 终端')")
    project = Project.objects.get(name="补链招商：显示产业链 · 终端")
    assert project.park == world.park_a and project.cluster_id == template.cluster_id


# 3. Early warnings -----------------------------------------------------------------------------


def _warnings(world):
    """The district's rule "output down 20 %" and January's figures of both zones of park A:
    100 万元 in 2023, 10 万元 in 2024. The monthly evaluation writes one warning a firm."""
    actions.save_rule(
        actor=world.users["district_admin"],
        instance=WarningRule(),
        values={"kind": "output_down", "threshold": Decimal(20)},
    )
    for firm in (world.firm_a1, world.firm_a2):
        IndicatorMonthFactory(enterprise=firm, year=2023, month=1, output_value=100 * WAN)
        IndicatorMonthFactory(enterprise=firm, year=2024, month=1, output_value=10 * WAN)
    assert evaluate(2024, 1) == 2
    return EarlyWarning.objects.get(enterprise=world.firm_a1)


def test_a_steward_follows_a_warning_to_the_portrait_and_acknowledges_it(
    live_server, world, page, log_in
):
    warning = _warnings(world)
    log_in("steward_a1", "/dashboard/?year=2024")
    # The dashboard's card counts the open warnings of the steward's zone and opens them.
    card = page.locator("#dashboard-warnings a", has_text="未处理预警")
    assert card.locator(".fs-4").inner_text() == "1"
    card.click()
    page.wait_for_url("**/warnings/?**open=true**")
    open_list = page.url
    rows = page.locator("#object-table tbody")
    assert world.firm_a1.name in rows.inner_text()
    assert world.firm_a2.name not in rows.inner_text()  # the other steward's zone

    # The warning, then the enterprise's portrait, which shows it among the open ones.
    rows.locator("tr", has_text=world.firm_a1.name).locator("td").nth(3).locator("a").click()
    page.wait_for_selector("#warning-acknowledge")
    assert "-90.0%" in page.locator("#object-fields").inner_text()
    page.click("#warning-portrait")
    page.wait_for_selector("#portrait-warnings")
    assert world.firm_a1.name in page.locator("h1").inner_text()
    page.locator("#portrait-warnings a", has_text="2024-01").click()

    # Acknowledged with a note: it leaves the open list.
    page.fill("#id_note", "已走访，订单转移到新厂区")
    page.locator("#warning-acknowledge").get_by_role("button", name="确认").click()
    page.wait_for_selector("text=预警已确认。")
    done = page.locator("#warning-acknowledged").inner_text()
    assert done.startswith("已于 ") and done.endswith(" 由 steward_a1 确认。")
    assert page.locator("#warning-acknowledge").count() == 0
    assert "已走访，订单转移到新厂区" in page.locator("#object-fields").inner_text()
    page.goto(open_list)
    assert world.firm_a1.name not in page.locator("#object-table").inner_text()
    assert "暂无预警。" in page.locator("#object-table").inner_text()
    warning.refresh_from_db()
    assert warning.acknowledged_by == world.users["steward"]


# 4. Monthly analysis ---------------------------------------------------------------------------


def _monthly_figures(world):
    """January and February: A1 100 → 150 万元 a month, A2 100 → 80 (park A: 400 → 460)."""
    for firm, before, now in ((world.firm_a1, 100, 150), (world.firm_a2, 100, 80)):
        for year, value in ((2023, before), (2024, now)):
            for month in (1, 2):
                IndicatorMonthFactory(
                    enterprise=firm, year=year, month=month, output_value=value * WAN
                )


def test_staff_write_edit_and_publish_the_monthly_analysis(live_server, world, page, log_in):
    _monthly_figures(world)
    log_in("parkadmin_a", "/analyses/")
    page.get_by_role("link", name="新增").click()
    page.fill("#id_year", "2024")
    page.fill("#id_month", "2")
    page.get_by_role("button", name="保存").click()
    text = page.locator("#analysis-text")
    # Written from the figures: park A's two months, 460 万元 against 400.
    assert text.inner_text().startswith("甲园区2024年2月经济运行分析")
    assert "规上工业累计产值460.00万元，同比增长15.0%" in text.inner_text()
    assert f"{world.firm_a1.name}（+100.00万元）" in text.inner_text()
    assert world.firm_b.name not in text.inner_text()

    # The staff change the words; a number typed by hand is refused.
    page.click("#object-edit")
    page.fill("#id_body", "{园区}{月份}月产值增长了20%，形势良好。")
    page.get_by_role("button", name="保存").click()
    error = page.locator(".invalid-feedback").inner_text()
    assert error.startswith("数字须来自统计数据：请用占位符代替手工输入的“月产值增长了20%")
    edited = (
        "{园区}{年份}年{月份}月，规上工业累计产值{产值累计}万元，同比{产值增减}{产值增速}。"
        "主要由生物医药企业扩产带动，请各片区继续跟进。"
    )
    page.fill("#id_body", edited)
    page.get_by_role("button", name="保存").click()
    shown = (
        "甲园区2024年2月，规上工业累计产值460.00万元，同比增长15.0%。"
        "主要由生物医药企业扩产带动，请各片区继续跟进。"
    )
    assert page.locator("#analysis-text").inner_text() == shown

    # Published: the text is the edit, the figures frozen, no more publishing.
    page.locator("#analysis-publish").get_by_role("button", name="发布").click()
    page.wait_for_selector("text=分析已发布。")
    assert page.locator("#analysis-text").inner_text() == shown
    assert page.locator("#analysis-publish").count() == 0
    IndicatorMonth.objects.filter(year=2024, month=2).update(output_value=WAN)
    page.reload()
    assert page.locator("#analysis-text").inner_text() == shown
    analysis = MonthlyAnalysis.objects.get(park=world.park_a, year=2024, month=2)
    assert not analysis.is_draft and analysis.published_by == world.users["park_admin"]


# 5. Yearly report ------------------------------------------------------------------------------


def _docx_text(path) -> str:
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_the_dashboards_yearly_report_downloads_with_its_figures(live_server, world, page, log_in):
    log_in("leader", "/dashboard/?year=2024")
    page.select_option("#dashboard-park", label=world.park_a.name)
    page.get_by_role("button", name="显示").click()
    page.wait_for_selector(f"h1:has-text('{world.park_a.name}')")
    tax = page.locator("#dashboard-economy a", has_text="税收").locator(".fs-4").inner_text()
    # Park A's 2024 tax: 987,654,321.12 + 876,543,219.34 yuan = 18.64 亿元.
    assert tax == "18.64 亿元"
    shown = tax.split()[0]

    buttons = page.locator("#dashboard-report")
    with page.expect_download() as word:
        buttons.get_by_role("link", name="年度报告（Word）").click()
    assert word.value.suggested_filename == f"yearly-report-2024-{world.park_a.name}.docx"
    text = _docx_text(word.value.path())
    assert text.startswith(f"{world.park_a.name}2024年度工作报告")
    # The dashboard's figure, in the summary and in the table of the economy (2023: half).
    assert f"税收{shown}亿元" in text
    assert f"税收（亿元） | {shown} | 9.32 | 100.0" in text
    assert world.park_b.name not in text

    with page.expect_download() as excel:
        buttons.get_by_role("link", name="年度报告（Excel）").click()
    assert excel.value.suggested_filename == f"yearly-report-2024-{world.park_a.name}.xlsx"
    book = CalamineWorkbook.from_path(str(excel.value.path()))
    assert book.sheet_names[0] == "经济运行"
    economy = book.get_sheet_by_name("经济运行").to_python()
    assert ["税收（亿元）", 18.64, 9.32, 100.0] in economy

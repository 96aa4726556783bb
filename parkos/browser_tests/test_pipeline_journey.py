"""Investment staff drag a project card from "negotiating" to "signed", confirm the date, and
watch the year's target gauge move."""

import datetime as dt
from decimal import Decimal

import pytest

from parkos.investment.choices import Stage
from parkos.investment.models import Project
from parkos.investment.services import today
from parkos.testing.factories import AnnualTargetFactory, ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def gauge_value(page):
    return page.evaluate(
        "echarts.getInstanceByDom(document.getElementById('target-gauge'))"
        ".getOption().series[0].data[0].value"
    )


def test_dragging_a_card_to_signed_moves_the_target_gauge(live_server, world, page, log_in):
    year = today().year
    AnnualTargetFactory(park=world.park_a, year=year, signed_investment=Decimal(10**9))
    ProjectFactory(
        park=world.park_a,
        name="已签约的电驱项目",
        stage=Stage.SIGNED,
        stage_since=dt.date(year, 1, 2),
        signed_on=dt.date(year, 1, 2),
        planned_investment=Decimal(5 * 10**8),
    )
    project = ProjectFactory(
        park=world.park_a,
        name="洽谈中的医疗器械项目",
        stage=Stage.NEGOTIATING,
        stage_since=dt.date(year, 1, 2),
        planned_investment=Decimal(3 * 10**8),
        floor_need_m2=Decimal(3000),
    )

    log_in("investment_a", "/investment/")
    page.wait_for_selector("#board")
    assert "= 50%" in page.locator("#target-completion").inner_text()
    page.wait_for_function(
        "typeof echarts !== 'undefined'"
        " && echarts.getInstanceByDom(document.getElementById('target-gauge'))"
    )
    assert gauge_value(page) == 50

    card = page.locator(f'.kanban-card[data-project="{project.pk}"]').bounding_box()
    column = page.locator('.kanban-cards[data-stage="signed"]').bounding_box()
    page.mouse.move(card["x"] + 20, card["y"] + 20)
    page.mouse.down()
    page.mouse.move(column["x"] + 40, column["y"] + column["height"] - 10, steps=20)
    page.mouse.up()
    page.wait_for_selector("#move-modal.show")
    assert "洽谈中的医疗器械项目 → 已签约" in page.locator("#move-summary").inner_text()
    assert page.input_value("#id_on") == today().isoformat()
    page.click("#move-confirm")
    page.wait_for_selector("#move-modal", state="hidden")
    page.wait_for_function("document.getElementById('target-completion').innerText.includes('80%')")
    assert gauge_value(page) == 80
    signed_column = page.locator('.kanban-cards[data-stage="signed"]')
    assert "洽谈中的医疗器械项目" in signed_column.inner_text()
    project.refresh_from_db()
    assert project.stage == Stage.SIGNED and project.signed_on == today()
    assert Project.objects.get(pk=project.pk).stage_changes.last().by == world.users["investment"]

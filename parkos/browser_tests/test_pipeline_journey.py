"""Investment staff drag a project card from "negotiating" to "signed", confirm the date, and
watch the year's target gauge move."""

import datetime as dt
from decimal import Decimal

import pytest

from parkos.browser_tests.conftest import wait_until
from parkos.evaluation.models import AdmissionBar
from parkos.investment.choices import Stage
from parkos.investment.models import Project
from parkos.investment.rules import today
from parkos.testing.factories import AnnualTargetFactory, ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def drag(page, project, stage):
    # The board's script makes the columns draggable once the page has loaded: wait for it.
    wait_until(
        page,
        "stage => typeof Sortable !== 'undefined'"
        " && !!Sortable.get(document.querySelector(`.kanban-cards[data-stage='${stage}']`))",
        stage,
    )
    card = page.locator(f'.kanban-card[data-project="{project.pk}"]').bounding_box()
    column = page.locator(f'.kanban-cards[data-stage="{stage}"]').bounding_box()
    page.mouse.move(card["x"] + 20, card["y"] + 20)
    page.mouse.down()
    page.mouse.move(column["x"] + 40, column["y"] + column["height"] - 10, steps=20)
    page.mouse.up()
    page.wait_for_selector("#move-modal.show")


def closed(page):
    """The dialog is gone, its fading backdrop included (it would catch the next drag)."""
    page.wait_for_selector("#move-modal", state="hidden")
    page.wait_for_selector(".modal-backdrop", state="detached")


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
    wait_until(
        page,
        "() => typeof echarts !== 'undefined'"
        " && !!echarts.getInstanceByDom(document.getElementById('target-gauge'))",
    )
    assert gauge_value(page) == 50

    drag(page, project, "signed")
    assert "洽谈中的医疗器械项目 → 已签约" in page.locator("#move-summary").inner_text()
    assert page.input_value("#id_on") == today().isoformat()
    page.click("#move-confirm")
    closed(page)
    wait_until(page, "() => document.getElementById('target-completion').innerText.includes('80%')")
    assert gauge_value(page) == 80
    signed_column = page.locator('.kanban-cards[data-stage="signed"]')
    assert "洽谈中的医疗器械项目" in signed_column.inner_text()
    project.refresh_from_db()
    assert project.stage == Stage.SIGNED and project.signed_on == today()
    assert Project.objects.get(pk=project.pk).stage_changes.last().by == world.users["investment"]


def test_a_park_admin_lets_a_land_project_below_the_bar_start_building(
    live_server, world, page, log_in
):
    AdmissionBar.objects.create(
        park=world.park_a,
        investment_per_mu=Decimal(6_000_000),
        output_per_mu=Decimal(8_000_000),
        tax_per_mu=Decimal(1_000_000),
    )
    project = ProjectFactory(
        park=world.park_a,
        name="亩均税收偏低的用地项目",
        stage=Stage.SIGNED,
        stage_since=dt.date(today().year, 1, 2),
        signed_on=dt.date(today().year, 1, 2),
        land_need_mu=Decimal(20),
        planned_investment=Decimal(20 * 7_000_000),
        promised_output=Decimal(20 * 9_000_000),
        promised_tax=Decimal(20 * 800_000),  # 80 万元 per mu: below the bar of 100
    )
    log_in("parkadmin_a", "/investment/")
    page.wait_for_selector("#board")
    drag(page, project, "construction_started")
    assert page.locator("#move-field-override_reason").is_visible()
    page.click("#move-confirm")
    page.wait_for_selector("#move-errors div")
    assert "亩均税收 80.00 < 100.00" in page.locator("#move-errors").inner_text()
    page.fill("#id_override_reason", "区重点产业链项目，经管委会会议同意")
    page.click("#move-confirm")
    closed(page)
    column = page.locator('.kanban-cards[data-stage="construction_started"]')
    column.get_by_text("亩均税收偏低的用地项目").wait_for()
    change = Project.objects.get(pk=project.pk).stage_changes.last()
    assert change.to_stage == Stage.CONSTRUCTION_STARTED
    assert change.override_reason == "区重点产业链项目，经管委会会议同意"
    assert change.by == world.users["park_admin"]
    # A cancelled drag puts the card back.
    drag(page, project, "signed")
    page.click("#move-modal .btn-outline-secondary")
    closed(page)
    assert "亩均税收偏低的用地项目" in column.inner_text()


def test_an_accidental_drag_is_undone_and_a_drag_back_offers_the_old_date(
    live_server, world, page, log_in
):
    """A signed 2024 project dragged by accident: its author undoes the move from the board and
    the 2024 figures are as they were; dragged back by hand, the dialog offers its old date."""
    signed_on = dt.date(2024, 6, 3)
    project = ProjectFactory(
        park=world.park_a,
        name="二〇二四年签约的项目",
        stage=Stage.NEGOTIATING,
        stage_since=dt.date(2024, 3, 1),
        planned_investment=Decimal(3 * 10**8),
    )
    from parkos.investment.actions import move_stage

    move_stage(project, Stage.SIGNED, on=signed_on, actor=world.users["investment"])
    log_in("investment_a", "/investment/")
    page.wait_for_selector("#board")

    drag(page, project, "construction_started")
    page.click("#move-confirm")
    closed(page)
    page.wait_for_selector("#moved")
    page.click("#undo-move")
    page.wait_for_selector("#notice")
    assert "已撤销" in page.locator("#notice").inner_text()
    project.refresh_from_db()
    assert (project.stage, project.stage_since, project.signed_on) == (
        Stage.SIGNED,
        signed_on,
        signed_on,
    )

    # Dragged by accident again, then dragged back by hand: the dialog offers the old date,
    # and confirming it takes the accidental move back whole.
    drag(page, project, "construction_started")
    page.click("#move-confirm")
    closed(page)
    page.wait_for_selector("#moved")
    drag(page, project, "signed")
    assert page.input_value("#id_on") == signed_on.isoformat()
    page.click("#move-confirm")
    closed(page)
    page.locator('.kanban-cards[data-stage="signed"]').get_by_text(project.name).wait_for()
    project.refresh_from_db()
    assert (project.stage_since, project.signed_on) == (signed_on, signed_on)
    assert project.stage_changes.count() == 2  # created, signed: the accidental move is gone

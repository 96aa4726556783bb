"""The monthly analysis: its text is written from the month's figures, staff change the words
but type no number, and publishing freezes the figures."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from parkos.enterprises.models import IndicatorMonth
from parkos.reports import actions
from parkos.reports.models import MonthlyAnalysis
from parkos.reports.views import analysis_text

WAN = Decimal(10_000)


@pytest.fixture
def figures(world):
    for firm, before, now in ((world.firm_a1, 100, 150), (world.firm_a2, 100, 80)):
        for month in (1, 2):
            IndicatorMonth.objects.create(
                enterprise=firm, year=2023, month=month, output_value=before * WAN
            )
            IndicatorMonth.objects.create(
                enterprise=firm, year=2024, month=month, output_value=now * WAN
            )
    return world


def _create(client, world):
    client.force_login(world.users["park_admin"])
    answer = client.post(
        reverse("reports:monthlyanalysis-create"),
        {"park": world.park_a.pk, "year": 2024, "month": 2, "body": ""},
    )
    assert answer.status_code == 302
    return MonthlyAnalysis.objects.get(park=world.park_a, year=2024, month=2)


def test_the_text_is_written_from_the_months_figures(figures, client):
    world = figures
    analysis = _create(client, world)
    assert "{产值累计}" in analysis.body  # the figures stay placeholders in the draft
    page = client.get(analysis.get_absolute_url()).content.decode()
    # Park A, months 1–2: 150 + 150 + 80 + 80 = 460 against 400 a year before.
    assert "460.00万元" in page and "增长15.0%" in page
    assert f"{world.firm_a1.name}（+100.00万元）" in page
    assert f"{world.firm_a2.name}（-40.00万元）" in page
    assert world.firm_b.name not in page
    assert 'id="analysis-publish"' in page


def test_staff_change_the_words_but_type_no_number(figures, client):
    analysis = _create(client, figures)
    admin = figures.users["park_admin"]
    with pytest.raises(ValidationError, match="25"):
        actions.save_analysis(
            actor=admin, instance=analysis, values={"body": "产值增长了25%，{产值累计}"}
        )
    with pytest.raises(ValidationError, match="产值总计"):
        actions.save_analysis(actor=admin, instance=analysis, values={"body": "{产值总计}"})
    edited = client.post(
        reverse("reports:monthlyanalysis-edit", args=[analysis.pk]),
        {"body": "本月{园区}产值{产值增减}{产值增速}，形势良好。"},
    )
    assert edited.status_code == 302
    analysis.refresh_from_db()
    assert analysis_text(analysis) == "本月甲园区产值增长15.0%，形势良好。"


def test_publishing_freezes_the_figures_and_the_text(figures, client):
    world = figures
    analysis = _create(client, world)
    client.post(reverse("reports:monthlyanalysis-publish", args=[analysis.pk]))
    analysis.refresh_from_db()
    assert not analysis.is_draft and analysis.published_by == world.users["park_admin"]
    before = analysis_text(analysis)
    IndicatorMonth.objects.filter(year=2024, month=2).update(output_value=WAN)
    assert analysis_text(analysis) == before
    with pytest.raises(ValidationError):
        actions.save_analysis(
            actor=world.users["park_admin"], instance=analysis, values={"body": "{园区}"}
        )


def test_stewards_read_an_analysis_but_do_not_publish_it(figures, client):
    analysis = _create(client, figures)
    client.force_login(figures.users["steward"])
    page = client.get(analysis.get_absolute_url()).content.decode()
    assert "460.00万元" in page and 'id="analysis-publish"' not in page
    url = reverse("reports:monthlyanalysis-publish", args=[analysis.pk])
    assert client.post(url).status_code == 403
    analysis.refresh_from_db()
    assert analysis.is_draft

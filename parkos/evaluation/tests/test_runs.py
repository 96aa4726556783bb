"""Runs through the service layer: snapshots, scoping, publishing, the command, the bar."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from parkos.enterprises.models import IndicatorYear
from parkos.evaluation.models import Adjustment, AdmissionBar, Result, Run, Scheme
from parkos.evaluation.services import check_admission, explain, publish, run_evaluation
from parkos.testing.personas import make_evaluable

ABOVE = "huangyan-above-scale"


@pytest.fixture
def rated_world(world):
    make_evaluable(world)
    return world


def test_a_run_is_a_snapshot(rated_world):
    admin = rated_world.users["district_admin"]
    run = run_evaluation(actor=admin, scheme=Scheme.objects.get(slug=ABOVE), year=2024)
    result = Result.objects.get(run=run, enterprise=rated_world.firm_a1)
    before = (result.total, result.grade, result.inputs["tax_paid"])
    IndicatorYear.objects.filter(enterprise=rated_world.firm_a1, year=2024).update(tax_paid=1)
    scheme = Scheme.objects.get(slug=ABOVE)
    scheme.indicators.update(weight=1)
    result.refresh_from_db()
    assert (result.total, result.grade, result.inputs["tax_paid"]) == before
    assert run.definition["indicators"][0]["weight"] == "30.00"
    rerun = run_evaluation(actor=admin, scheme=scheme, year=2024)
    assert (
        rerun.pk != run.pk
        and Result.objects.get(run=rerun, enterprise=rated_world.firm_a1).total != before[0]
    )


def test_results_are_written_as_the_orm_would_write_them(rated_world):
    """The results bypass the ORM on the way in (COPY, executemany of prepared values): read back,
    they are what saving a Result would have stored, text with quotes, backslashes, tabs and line
    breaks included."""
    reason = '罚款 "5" 万\\元\t附件\n第二行'
    Adjustment.objects.create(
        enterprise=rated_world.firm_a1,
        year=2024,
        kind="bonus",
        points=Decimal("2.5"),
        reason=reason,
    )
    admin = rated_world.users["district_admin"]
    run = run_evaluation(actor=admin, scheme=Scheme.objects.get(slug=ABOVE), year=2024)
    result = Result.objects.get(run=run, enterprise=rated_world.firm_a1)
    assert result.adjustments == [
        {"kind": "bonus", "points": "2.50", "grade": "", "reason": reason}
    ]
    for written in Result.objects.filter(run=run):
        assert isinstance(written.land_mu, Decimal)
        assert written.rated == (written.reason == "") == (written.total is not None)
        assert written.rated or (written.scores == {} and written.rank is None)
    assert result.rated and result.total == Decimal(str(result.total)).quantize(Decimal("0.01"))


def test_explanation_reads_like_the_formula(rated_world):
    run = run_evaluation(
        actor=rated_world.users["district_admin"], scheme=Scheme.objects.get(slug=ABOVE), year=2024
    )
    lines = {
        line.code: line
        for line in explain(Result.objects.get(run=run, enterprise=rated_world.firm_a1))
    }
    tax = lines["tax_per_mu"]
    # 987,654,321.12 yuan over 20 mu = 49,382,716.06 yuan = 4,938.27 万元 per mu
    assert tax.value == pytest.approx(4938.2716, abs=1e-4)
    assert tax.score == pytest.approx(min(45, 30 * tax.value / tax.benchmark), abs=0.01)


def test_park_staff_evaluate_their_park_and_see_only_their_scope(rated_world, client):
    run = run_evaluation(
        actor=rated_world.users["park_admin"], scheme=Scheme.objects.get(slug=ABOVE), year=2024
    )
    assert run.park == rated_world.park_a
    assert set(run.results.values_list("enterprise__name", flat=True)) == {
        rated_world.firm_a1.name,
        rated_world.firm_a2.name,
    }
    steward = rated_world.users["steward"]
    assert not Result.objects.visible_to(steward).exists()  # a draft is for evaluation staff
    publish(actor=rated_world.users["park_admin"], run=run)
    assert list(Result.objects.visible_to(steward).values_list("enterprise", flat=True)) == [
        rated_world.firm_a1.pk
    ]
    owner = rated_world.users["enterprise"]
    assert list(Result.objects.visible_to(owner).values_list("enterprise", flat=True)) == [
        rated_world.firm_a1.pk
    ]
    assert not Result.objects.visible_to(rated_world.users["investment"]).exists()
    assert Run.objects.visible_to(steward).get() == run  # a run of the steward's park


def test_only_evaluation_staff_run_and_publish(rated_world):
    scheme = Scheme.objects.get(slug=ABOVE)
    with pytest.raises(PermissionDenied):
        run_evaluation(actor=rated_world.users["leader_district"], scheme=scheme, year=2024)
    run = run_evaluation(actor=rated_world.users["park_admin"], scheme=scheme, year=2024)
    with pytest.raises(PermissionDenied):
        publish(actor=rated_world.users["steward"], run=run)
    publish(actor=rated_world.users["park_admin"], run=run)
    with pytest.raises(ValidationError):
        publish(actor=rated_world.users["park_admin"], run=run)


def test_evaluate_command(rated_world, capsys):
    call_command("evaluate", "--scheme", ABOVE, "--year", "2024", "--publish")
    out = capsys.readouterr().out
    assert "3 rated" in out and "(published)" in out
    assert Run.objects.get().status == "published"


def test_admission_bar_check():
    bar = AdmissionBar(
        investment_per_mu=Decimal(6_000_000),
        output_per_mu=Decimal(8_000_000),
        tax_per_mu=Decimal(1_000_000),
    )
    # 50 亩: 3.5 亿 investment (700 万/亩), 3.5 亿 output (700 万/亩), 5,000 万 tax (100 万/亩)
    criteria = check_admission(
        bar, investment=350_000_000, land_mu=50, output=350_000_000, tax=50_000_000
    )
    assert [(c.actual, c.passed) for c in criteria] == [
        (Decimal(7_000_000), True),
        (Decimal(7_000_000), False),
        (Decimal(1_000_000), True),
    ]
    with pytest.raises(ValidationError):
        check_admission(bar, investment=1, land_mu=0, output=1, tax=1)

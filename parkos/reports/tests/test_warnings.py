"""Early warnings on hand-built monthly figures: each rule fires on the exact month and not
before, once per enterprise, rule and month; a steward reads only its zones' warnings; only the
acknowledge action changes a warning."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from parkos.core.choices import BatchStatus
from parkos.core.services import run_batch, start_import
from parkos.enterprises.models import IndicatorMonth
from parkos.evaluation.choices import RunStatus
from parkos.evaluation.models import Result, Run, Scheme
from parkos.reports import actions
from parkos.reports.dashboard import Place, dashboard
from parkos.reports.early_warnings import evaluate, last_month
from parkos.reports.models import EarlyWarning, WarningRule
from parkos.testing.factories import ProjectFactory
from parkos.testing.files import csv_bytes, upload

WAN = Decimal(10_000)


def months(firm, year, field, values):
    """Monthly figures of `firm`: {month: value in yuan}."""
    for month, value in values.items():
        IndicatorMonth.objects.update_or_create(
            enterprise=firm, year=year, month=month, defaults={field: value}
        )


def rule(kind, threshold=None, park=None, **extra):
    return WarningRule.objects.create(kind=kind, threshold=threshold, park=park, **extra)


def fired(rule_, year, month):
    return {
        w.enterprise.name: w.figures
        for w in EarlyWarning.objects.filter(rule=rule_, year=year, month=month)
    }


def test_output_down_fires_in_the_month_the_cumulative_falls_past_the_threshold(world):
    firm = world.firm_a1
    months(firm, 2023, "output_value", dict.fromkeys((1, 2, 3, 4), 100 * WAN))
    months(firm, 2024, "output_value", {1: 90 * WAN, 2: 90 * WAN, 3: 90 * WAN, 4: 10 * WAN})
    down = rule("output_down", 20)
    assert evaluate(2024, 3) == 0  # 270 against 300: -10 %
    assert evaluate(2024, 4) == 1  # 280 against 400: -30 %
    figures = fired(down, 2024, 4)[firm.name]
    assert "280.00" in figures and "400.00" in figures and "-30.0%" in figures
    assert fired(down, 2024, 3) == {}


def test_output_is_compared_only_over_the_months_both_years_report(world):
    firm = world.firm_a1
    months(firm, 2023, "output_value", {1: 100 * WAN, 2: 100 * WAN})
    months(firm, 2024, "output_value", {2: 10 * WAN})  # January not reported this year
    rule("output_down", 20)
    assert evaluate(2024, 2) == 0


def test_evaluating_a_month_again_writes_nothing_new(world):
    firm = world.firm_a1
    months(firm, 2023, "output_value", {1: 100 * WAN})
    months(firm, 2024, "output_value", {1: 50 * WAN})
    down = rule("output_down", 20)
    assert evaluate(2024, 1) == 1
    assert evaluate(2024, 1) == 0
    out = call_command_output("--month", "2024-01")
    assert "0" in out
    assert EarlyWarning.objects.filter(rule=down).count() == 1


def call_command_output(*args):
    import io

    stdout = io.StringIO()
    call_command("evaluate_warnings", *args, stdout=stdout)
    return stdout.getvalue()


def test_the_command_evaluates_the_month_named_or_the_last_one(world):
    firm = world.firm_a1
    months(firm, 2023, "output_value", {1: 100 * WAN})
    months(firm, 2024, "output_value", {1: 50 * WAN})
    rule("output_down", 20)
    assert call_command_output("--month", "2024-01").strip() == "2024-01: 1 new warnings"
    assert last_month(dt.date(2025, 1, 15)) == (2024, 12)
    assert last_month(dt.date(2025, 3, 1)) == (2025, 2)


def test_tax_down_three_months_running_fires_in_the_third_month(world):
    firm = world.firm_a1
    months(firm, 2023, "tax_paid", dict.fromkeys((1, 2, 3, 4), 10 * WAN))
    months(firm, 2024, "tax_paid", {1: 12 * WAN, 2: 9 * WAN, 3: 9 * WAN, 4: 8 * WAN})
    down = rule("tax_down", 3)
    evaluate(2024, 3)  # February and March down, January up: two months
    assert fired(down, 2024, 3) == {}
    evaluate(2024, 4)
    figures = fired(down, 2024, 4)[firm.name]
    assert "2024-01" not in figures
    assert all(text in figures for text in ("2024-02", "2024-04", "9.00", "8.00", "10.00"))


def test_energy_per_unit_of_output_up(world):
    firm = world.firm_a1
    for year in (2023, 2024):
        months(firm, year, "output_value", {1: 100 * WAN, 2: 100 * WAN})
    months(firm, 2023, "energy_tce", {1: 10, 2: 10})
    months(firm, 2024, "energy_tce", {1: 10, 2: 16})
    up = rule("energy_up", 20)
    evaluate(2024, 1)
    assert fired(up, 2024, 1) == {}  # same energy per output in January
    evaluate(2024, 2)  # 26 tce for 200 against 20: +30 %
    figures = fired(up, 2024, 2)[firm.name]
    assert "0.1300" in figures and "0.1000" in figures and "30.0%" in figures


def test_no_monthly_report_of_an_above_scale_firm_that_reports(world):
    firm, other = world.firm_a1, world.firm_a2
    firm.is_above_scale = other.is_above_scale = True
    firm.save()
    other.save()
    IndicatorMonth.objects.all().delete()
    months(firm, 2024, "output_value", {1: WAN, 2: WAN, 3: WAN})
    missing = rule("no_report")
    evaluate(2024, 3)
    assert fired(missing, 2024, 3) == {}
    evaluate(2024, 4)
    # firm_a2 reported nothing in the year before: it does not report monthly.
    assert list(fired(missing, 2024, 4)) == [firm.name]
    assert "2024-03" in fired(missing, 2024, 4)[firm.name]


def test_a_parks_rule_reads_only_its_parks_firms(world):
    months(world.firm_a1, 2023, "output_value", {1: 100 * WAN})
    months(world.firm_a1, 2024, "output_value", {1: 10 * WAN})
    months(world.firm_b, 2023, "output_value", {1: 100 * WAN})
    months(world.firm_b, 2024, "output_value", {1: 10 * WAN})
    park_b = rule("output_down", 20, park=world.park_b)
    evaluate(2024, 1)
    assert list(fired(park_b, 2024, 1)) == [world.firm_b.name]


def _run(year, published, grades):
    scheme = Scheme.objects.filter(is_preset=True).first()
    run = Run.objects.create(
        scheme=scheme,
        scheme_version=1,
        definition={},
        year=year,
        status=RunStatus.PUBLISHED,
        published_at=timezone.make_aware(published),
    )
    for firm, grade in grades.items():
        Result.objects.create(run=run, enterprise=firm, grade=grade)
    return run


def test_grade_fell_two_levels_fires_in_the_month_the_run_is_published(world):
    _run(2023, dt.datetime(2024, 3, 5), {world.firm_a1: "A", world.firm_a2: "B"})
    _run(2024, dt.datetime(2025, 3, 10), {world.firm_a1: "C", world.firm_a2: "C"})
    fell = rule("grade_fell", 2)
    evaluate(2025, 2)
    assert fired(fell, 2025, 2) == {}
    evaluate(2025, 3)
    found = fired(fell, 2025, 3)
    assert list(found) == [world.firm_a1.name]  # firm_a2 fell one level
    assert "A" in found[world.firm_a1.name] and "C" in found[world.firm_a1.name]
    evaluate(2025, 4)
    assert fired(fell, 2025, 4) == {}


def test_a_large_projects_promise_behind_its_figures_once_a_year(world):
    firm = world.firm_a1
    # The world's 2024 figures of firm_a1 are read against the promise.
    actual = firm.years.get(year=2024)
    ProjectFactory(
        park=world.park_a,
        enterprise=firm,
        planned_investment=Decimal(300_000_000),
        promised_output=actual.output_value * 2,
    )
    ProjectFactory(  # a small project: below the rule's investment
        park=world.park_a,
        enterprise=world.firm_a2,
        planned_investment=Decimal(10_000_000),
        promised_output=world.firm_a2.years.get(year=2024).output_value * 2,
    )
    behind = rule("promise_behind", 80, min_investment=Decimal(100_000_000))
    evaluate(2025, 1)
    found = fired(behind, 2025, 1)
    assert list(found) == [firm.name]
    assert "50.0%" in found[firm.name] and "2024" in found[firm.name]
    evaluate(2025, 2)
    assert fired(behind, 2025, 2) == {}  # once a year


def test_rules_read_their_threshold_as_the_kind_says(world):
    admin = world.users["district_admin"]
    with pytest.raises(ValidationError):
        actions.save_rule(actor=admin, instance=WarningRule(), values={"kind": "tax_down"})
    with pytest.raises(ValidationError):
        actions.save_rule(
            actor=admin,
            instance=WarningRule(),
            values={"kind": "tax_down", "threshold": Decimal("2.5")},
        )
    saved = actions.save_rule(
        actor=admin, instance=WarningRule(), values={"kind": "tax_down", "threshold": 3}
    )
    assert saved.history.first().history_user == admin


def _warnings_for_both_zones(world):
    for firm in (world.firm_a1, world.firm_a2, world.firm_b):
        months(firm, 2023, "output_value", {1: 100 * WAN})
        months(firm, 2024, "output_value", {1: 10 * WAN})
    rule("output_down", 20)
    evaluate(2024, 1)


def test_a_steward_reads_only_its_zones_warnings(world, client):
    _warnings_for_both_zones(world)
    client.force_login(world.users["steward"])
    page = client.get(reverse("reports:earlywarning-list")).content.decode()
    assert world.firm_a1.name in page
    assert world.firm_a2.name not in page and world.firm_b.name not in page
    other = EarlyWarning.objects.get(enterprise=world.firm_a2)
    assert client.get(other.get_absolute_url()).status_code == 404
    client.force_login(world.users["park_admin"])
    page = client.get(reverse("reports:earlywarning-list")).content.decode()
    assert world.firm_a2.name in page and world.firm_b.name not in page


def test_each_warning_links_to_the_portrait_which_shows_it_open(world, client):
    _warnings_for_both_zones(world)
    warning = EarlyWarning.objects.get(enterprise=world.firm_a1)
    client.force_login(world.users["steward"])
    page = client.get(warning.get_absolute_url()).content.decode()
    assert world.firm_a1.get_absolute_url() in page
    portrait = client.get(world.firm_a1.get_absolute_url()).content.decode()
    assert 'id="portrait-warnings"' in portrait and warning.get_absolute_url() in portrait


def test_acknowledge_only_through_the_action(world, client):
    _warnings_for_both_zones(world)
    warning = EarlyWarning.objects.get(enterprise=world.firm_a1)
    with pytest.raises(NoReverseMatch):
        reverse("reports:earlywarning-edit", args=[warning.pk])
    # Leaders read warnings; they do not acknowledge them.
    with pytest.raises(PermissionDenied):
        actions.acknowledge(warning, actor=world.users["leader_park"], note="看过")
    client.force_login(world.users["leader_park"])
    url = reverse("reports:earlywarning-acknowledge", args=[warning.pk])
    assert client.post(url, {"note": "看过"}).status_code == 403
    client.force_login(world.users["steward"])
    assert 'id="warning-acknowledge"' in client.get(warning.get_absolute_url()).content.decode()
    client.post(url, {"note": "已走访，订单转移到新厂区"})
    warning.refresh_from_db()
    assert warning.acknowledged_by == world.users["steward"]
    assert warning.note == "已走访，订单转移到新厂区"
    assert warning.history.first().history_user == world.users["steward"]
    with pytest.raises(ValidationError):
        actions.acknowledge(warning, actor=world.users["steward"], note="again")
    page = client.get(reverse("reports:earlywarning-list") + "?open=true").content.decode()
    assert world.firm_a1.name not in page
    # The API reads warnings and acknowledges them; it changes nothing else.
    api = f"/api/v1/reports/warnings/{warning.pk}"
    assert client.patch(api, {"note": "x"}, content_type="application/json").status_code in (
        404,
        405,
    )


def test_the_dashboard_counts_open_warnings_and_links_to_them(world, client):
    _warnings_for_both_zones(world)
    admin = world.users["district_admin"]
    actions.acknowledge(EarlyWarning.objects.get(enterprise=world.firm_b), actor=admin)
    card = dashboard(admin, 2024, Place()).warnings[0]
    assert card.value == 2
    assert card.drill == reverse("reports:earlywarning-list") + "?open=true"
    steward = dashboard(world.users["steward"], 2024, Place()).warnings[0]
    assert steward.value == 1
    client.force_login(admin)
    page = client.get(card.drill).content.decode()
    assert world.firm_a1.name in page and world.firm_a2.name in page
    assert world.firm_b.name not in page


def test_an_import_of_monthly_figures_evaluates_its_month(
    world, django_capture_on_commit_callbacks
):
    months(world.firm_a1, 2023, "output_value", {5: 100 * WAN})
    down = rule("output_down", 20)
    headers = ["统一社会信用代码", "年份", "月份", "产值（万元）"]
    content = csv_bytes(headers, [[world.firm_a1.uscc, 2024, 5, 10]])
    batch = start_import(
        actor=world.users["park_admin"],
        entity="indicator-months",
        upload=upload("m.csv", content),
    )
    batch.status = BatchStatus.IMPORTING
    batch.save()
    with django_capture_on_commit_callbacks(execute=True):
        run_batch(batch.pk, "commit")
    assert IndicatorMonth.objects.get(enterprise=world.firm_a1, year=2024, month=5)
    assert list(fired(down, 2024, 5)) == [world.firm_a1.name]


def test_admins_set_the_rules_of_their_place(world, client):
    district = rule("output_down", 20)
    park_b = rule("tax_down", 3, park=world.park_b)
    client.force_login(world.users["park_admin"])
    page = client.get(reverse("reports:warningrule-list")).content.decode()
    assert district.get_absolute_url() in page and park_b.get_absolute_url() not in page
    created = client.post(
        reverse("reports:warningrule-create"),
        {"kind": "energy_up", "park": world.park_a.pk, "threshold": "15", "is_active": "on"},
    )
    assert created.status_code == 302
    assert WarningRule.objects.get(kind="energy_up").park == world.park_a
    # The district's rule is the district admin's.
    edit = reverse("reports:warningrule-edit", args=[district.pk])
    assert client.get(edit).status_code in (403, 404)
    client.force_login(world.users["steward"])
    assert client.get(reverse("reports:warningrule-list")).status_code == 403

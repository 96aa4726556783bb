"""The rules of the pipeline: stage moves, the admission bar, targets from rows, promises,
reminders, and enquiries arriving as leads."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from parkos.evaluation.models import AdmissionBar
from parkos.investment import actions, queries, rules
from parkos.investment.choices import Stage
from parkos.investment.models import Project
from parkos.testing.factories import (
    AnnualTargetFactory,
    ClusterFactory,
    IndicatorYearFactory,
    ProjectFactory,
)

WAN = Decimal(10_000)
D = dt.date
MARCH = D(2024, 3, 1)


@pytest.fixture
def bar(world):
    # 600 / 800 / 100 万元 per mu: the seed district's bar
    return AdmissionBar.objects.create(
        park=world.park_a,
        investment_per_mu=600 * WAN,
        output_per_mu=800 * WAN,
        tax_per_mu=100 * WAN,
    )


def land_project(world, *, output_per_mu=900, tax_per_mu=120, stage=Stage.NEGOTIATING):
    return ProjectFactory(
        park=world.park_a,
        stage=stage,
        land_need_mu=Decimal(50),
        planned_investment=50 * 700 * WAN,
        promised_output=50 * output_per_mu * WAN,
        promised_tax=50 * tax_per_mu * WAN,
    )


def move(project, to, user, on=MARCH, **kw):
    return actions.move_stage(project, to, on=on, actor=user, **kw)


def errors_of(excinfo):
    return excinfo.value.message_dict


def test_a_project_moves_forward_and_its_timeline_grows(world):
    project = ProjectFactory(park=world.park_a)
    investment = world.users["investment"]
    move(project, Stage.CONTACTED, investment, on=D(2024, 2, 1))
    move(project, Stage.SIGNED, investment, on=D(2024, 5, 20), note="签约仪式")
    project.refresh_from_db()
    assert project.stage == Stage.SIGNED and project.signed_on == D(2024, 5, 20)
    assert [(c.from_stage, c.to_stage, c.on) for c in project.stage_changes.all()] == [
        ("", "lead", D(2024, 1, 10)),
        ("lead", "contacted", D(2024, 2, 1)),
        ("contacted", "signed", D(2024, 5, 20)),
    ]
    # Moved back (the agreement fell through): no longer signed, nor counted.
    move(project, Stage.NEGOTIATING, investment, on=D(2024, 6, 1))
    project.refresh_from_db()
    assert project.signed_on is None


def test_dates_are_neither_future_nor_before_the_last_change(world):
    project = ProjectFactory(park=world.park_a)
    with pytest.raises(ValidationError) as excinfo:
        move(project, Stage.CONTACTED, world.users["investment"], on=D(2023, 12, 31))
    assert "2024-01-10" in errors_of(excinfo)["on"][0]
    with pytest.raises(ValidationError) as excinfo:
        move(
            project,
            Stage.CONTACTED,
            world.users["investment"],
            on=rules.today() + dt.timedelta(1),
        )
    assert errors_of(excinfo)["on"] == ["日期不能晚于今天。"]
    with pytest.raises(ValidationError):
        move(project, Stage.LEAD, world.users["investment"])


def test_a_lost_project_needs_its_reason(world):
    project = ProjectFactory(park=world.park_a, stage=Stage.NEGOTIATING)
    with pytest.raises(ValidationError) as excinfo:
        move(project, Stage.LOST, world.users["investment"], note="  ")
    assert list(errors_of(excinfo)) == ["note"]
    move(project, Stage.LOST, world.users["investment"], note="改投外省")
    project.refresh_from_db()
    assert project.stage == Stage.LOST and project.lost_reason == "改投外省"


def test_no_land_without_clearing_the_bar(world, bar):
    project = land_project(world, tax_per_mu=80)  # 80 万元 per mu < 100
    investment = world.users["investment"]
    move(project, Stage.SIGNED, investment, on=D(2024, 2, 1))
    with pytest.raises(ValidationError) as excinfo:
        move(project, Stage.LAND_ACQUIRED, investment)
    message = errors_of(excinfo)["override_reason"][0]
    assert "80.00 < 100.00" in message
    # Skipping past "land acquired" is no way round the bar.
    with pytest.raises(ValidationError):
        move(project, Stage.CONSTRUCTION_STARTED, investment)
    # Investment staff cannot override, even with a reason.
    with pytest.raises(ValidationError) as excinfo:
        move(project, Stage.LAND_ACQUIRED, investment, override_reason="区重点项目")
    assert "只有园区管理员" in errors_of(excinfo)["override_reason"][0]
    project.refresh_from_db()
    assert project.stage == Stage.SIGNED
    change = move(
        project, Stage.LAND_ACQUIRED, world.users["park_admin"], override_reason="区重点项目"
    )
    assert change.override_reason == "区重点项目" and change.by == world.users["park_admin"]
    assert [c["passed"] for c in change.admission] == [True, True, False]


def test_a_project_that_clears_the_bar_acquires_land(world, bar):
    project = land_project(world, stage=Stage.SIGNED)
    change = move(project, Stage.LAND_ACQUIRED, world.users["investment"], override_reason="x")
    assert all(c["passed"] for c in change.admission)
    assert change.override_reason == ""  # nothing was overridden


def test_without_a_bar_land_needs_an_override(world):
    project = land_project(world, stage=Stage.SIGNED)
    with pytest.raises(ValidationError) as excinfo:
        move(project, Stage.LAND_ACQUIRED, world.users["park_admin"])
    assert "园区尚未设定准入标准" in errors_of(excinfo)["override_reason"][0]


def test_negotiation_records_the_check_without_blocking(world, bar):
    project = land_project(world, stage=Stage.CONTACTED, output_per_mu=500)
    change = move(project, Stage.NEGOTIATING, world.users["investment"])
    assert change.admission[1]["passed"] is False


def test_a_floor_space_project_has_no_land_to_acquire(world):
    project = ProjectFactory(park=world.park_a, stage=Stage.SIGNED, floor_need_m2=Decimal(3000))
    with pytest.raises(ValidationError) as excinfo:
        move(project, Stage.LAND_ACQUIRED, world.users["investment"])
    assert list(errors_of(excinfo)) == ["stage"]
    move(project, Stage.IN_PRODUCTION, world.users["investment"])


def test_target_completion_is_computed_from_the_rows(world):
    a, b = world.park_a, world.park_b
    AnnualTargetFactory(park=a, year=2024, signed_investment=10 * 10**8, signed_count=4)
    cluster = ClusterFactory()
    AnnualTargetFactory(park=a, year=2024, cluster=cluster, signed_investment=5 * 10**8)

    def signed(park, amount_yi, on, stage=Stage.SIGNED, **kw):
        return ProjectFactory(
            park=park,
            stage=stage,
            stage_since=on,
            signed_on=on,
            planned_investment=Decimal(amount_yi) * 10**8,
            **kw,
        )

    signed(a, "4.5", D(2024, 3, 1), cluster=cluster)
    signed(
        a,
        "6.5",
        D(2024, 11, 6),
        stage=Stage.IN_PRODUCTION,
        is_foreign=True,
        foreign_capital=Decimal(2 * 10**8),
    )
    signed(a, 9, D(2023, 12, 30))  # another year
    signed(a, 7, D(2024, 6, 1), stage=Stage.LOST)  # lost after signing: no longer counts
    signed(b, 30, D(2024, 5, 1))  # another park
    ProjectFactory(park=a, stage=Stage.NEGOTIATING, planned_investment=Decimal(10**10))

    done = queries.completion(Project.objects.filter(park=a), a.targets.all(), 2024)
    assert (done.count, done.investment) == (2, Decimal(11 * 10**8))
    assert done.investment_ratio == Decimal("1.1") and done.count_ratio == Decimal("0.5")
    assert done.foreign == Decimal(2 * 10**8) and done.foreign_ratio is None
    rows = {
        (t.cluster_id, t.done_count, t.done_investment)
        for t in queries.with_completion(a.targets.all())
    }
    assert rows == {(None, 2, Decimal(11 * 10**8)), (cluster.id, 1, Decimal("4.5") * 10**8)}


def test_promise_tracking_by_hand(world, login):
    firm = world.firm_a1
    firm.own_land_mu, firm.rented_floor_m2 = Decimal(40), Decimal(0)
    firm.save()
    firm.years.filter(year=2024).update(output_value=40 * 900 * WAN, tax_paid=40 * 90 * WAN)
    kept = ProjectFactory(
        park=world.park_a,
        name="守诺项目",
        enterprise=firm,
        stage=Stage.AT_CAPACITY,
        land_need_mu=Decimal(40),
        promised_output=40 * 850 * WAN,  # 850 per mu promised, 900 made
        promised_tax=40 * 80 * WAN,  # 80 promised, 90 paid
    )
    short = ProjectFactory(
        park=world.park_a,
        name="未达承诺项目",
        enterprise=firm,
        stage=Stage.AT_CAPACITY,
        land_need_mu=Decimal(20),
        promised_output=20 * 1000 * WAN,  # 1000 per mu promised, 900 made
        promised_tax=20 * 100 * WAN,  # 100 promised, 90 paid
    )
    portrait = login(world.users["park_admin"]).get(firm.get_absolute_url()).content.decode()
    assert "守诺项目" in portrait and "未达承诺项目" in portrait
    rows = {p.project: p for p in queries.promises(Project.objects.all(), 2024)}
    assert not rows[kept].below
    assert rows[short].below and rows[short].year == 2024 and rows[short].per_mu
    assert rows[short].output_ratio == Decimal("0.9") and rows[short].tax_ratio == Decimal("0.9")
    assert rows[short].output_pair == (900 * WAN, 1000 * WAN)


def test_promise_of_a_floor_space_project_compares_totals(world):
    firm = world.firm_a2
    firm.own_land_mu, firm.rented_floor_m2 = Decimal(0), Decimal(0)
    firm.save()
    IndicatorYearFactory(enterprise=firm, year=2025, output_value=800 * WAN, tax_paid=50 * WAN)
    project = ProjectFactory(
        park=world.park_a,
        enterprise=firm,
        floor_need_m2=Decimal(3000),
        promised_output=1000 * WAN,
        promised_tax=40 * WAN,
    )
    (row,) = queries.promises(Project.objects.filter(pk=project.pk))
    assert row.year == 2025 and not row.per_mu
    assert row.output_ratio == Decimal("0.8") and row.tax_ratio == Decimal("1.25") and row.below


def test_reminders(world):
    today = rules.today()
    owner = world.users["investment"]
    late = ProjectFactory(
        park=world.park_a,
        owner=owner,
        next_action_on=today - dt.timedelta(1),
        stage_since=today,
    )
    ProjectFactory(park=world.park_a, owner=owner, next_action_on=today)
    ProjectFactory(park=world.park_a, stage=Stage.LOST, next_action_on=today - dt.timedelta(9))
    old = ProjectFactory(park=world.park_a, stage_since=today - dt.timedelta(45))
    projects = Project.objects.all()
    assert list(queries.overdue_actions(projects)) == [late]
    assert old in queries.stale(projects, days=30) and late not in queries.stale(projects, 30)
    assert old not in queries.stale(projects, days=60)


def test_an_online_park_enquiry_arrives_as_a_lead(world, login, django_capture_on_commit_callbacks):
    from parkos.portal.forms import EnquiryForm
    from parkos.portal.models import EnquiryStatus
    from parkos.portal.services import save_enquiry

    form = EnquiryForm(
        {
            "name": "王先生",
            "company": "宁波某某新材料有限公司",
            "phone": "13600000000",
            "area_m2": "3000",
            "message": "需要单层厂房",
            "consent": "on",
        }
    )
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):
        enquiry = save_enquiry(form, world.park_a)
    project = Project.objects.get(enquiry=enquiry)
    assert project.stage == Stage.LEAD and project.channel == "online_enquiry"
    assert project.park == world.park_a and project.floor_need_m2 == Decimal(3000)
    assert "需要单层厂房" in project.notes and project.next_action_on is not None
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.LEAD
    assert project.stage_changes.get().to_stage == Stage.LEAD
    page = login(world.users["investment"]).get(f"/enquiries/{enquiry.pk}/").content.decode()
    assert f'href="/investment/projects/{project.pk}/" id="enquiry-project"' in page


def test_a_stale_copy_of_a_project_sees_the_move_made_meanwhile(world):
    project = ProjectFactory(park=world.park_a)
    first, second = Project.objects.get(pk=project.pk), Project.objects.get(pk=project.pk)
    move(first, Stage.CONTACTED, world.users["investment"])
    with pytest.raises(ValidationError) as excinfo:
        move(second, Stage.CONTACTED, world.users["park_admin"])
    assert list(errors_of(excinfo)) == ["stage"]
    assert project.stage_changes.count() == 2


def test_owners_get_one_reminder_mail_each(world, settings):
    from django.core import mail
    from django.core.management import call_command

    settings.PARKOS_SITE_URL = "https://park.example.gov.cn"
    today = rules.today()
    owner = world.users["investment"]
    owner.email = "zhou@park.example.gov.cn"
    owner.save()
    late = ProjectFactory(
        park=world.park_a,
        name="逾期回访项目",
        owner=owner,
        next_action="回访投资方",
        next_action_on=today - dt.timedelta(2),
        stage_since=today,
    )
    ProjectFactory(
        park=world.park_a,
        name="久未推进项目",
        owner=owner,
        stage=Stage.NEGOTIATING,
        stage_since=today - dt.timedelta(40),
    )
    ProjectFactory(
        park=world.park_a,
        name="无邮箱负责人的项目",
        owner=world.users["park_admin"],
        next_action_on=today - dt.timedelta(2),
        stage_since=today,
    )
    call_command("send_reminders", "--days", "30", stdout=io.StringIO())
    (message,) = mail.outbox
    assert message.to == ["zhou@park.example.gov.cn"]
    assert "1 项逾期" in message.subject and "1 个待推进" in message.subject
    assert f"回访投资方  https://park.example.gov.cn/investment/projects/{late.pk}/" in message.body
    assert "久未推进项目（洽谈中" in message.body and "无邮箱" not in message.body

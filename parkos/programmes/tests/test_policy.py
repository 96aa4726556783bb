"""Policy projects and honours: the declared entities' suites; eligibility on hand cases; the
workflow's steps and dates only through actions (a step off the arrows refused with a clear
message); amounts summed to the cent; scoping per role; an import with a bad row writes nothing;
self-service; honours with new awards and re-certifications apart."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from parkos.core.importing import ImportContext, commit, read_table, validate
from parkos.core.importing import registry as imports
from parkos.core.models import ImportBatch
from parkos.enterprises.models import HonourAward, HonourType, IndicatorYear
from parkos.programmes import policy_actions as actions
from parkos.programmes.models import HonourApplication, HonourCriteria, PolicyCall, PolicyProject
from parkos.programmes.policy_entities import (
    honour_applications,
    honour_criteria,
    policy_calls,
    policy_projects,
)
from parkos.programmes.policy_figures import (
    honour_figures,
    project_figures,
    scoped_project_figures,
)
from parkos.programmes.rules import evaluate, portraits
from parkos.testing.files import xlsx_bytes
from parkos.testing.mixins import EntityTests
from parkos.testing.personas import ROLES

_n = itertools.count(1)
TODAY = timezone.localdate()
YEAR = TODAY.year
LATER = TODAY + dt.timedelta(days=30)
YESTERDAY = TODAY - dt.timedelta(days=1)


def call(park=None, *, kind="tech_renovation", level="district", criteria=None, **extra):
    n = next(_n)
    values = {
        "park": park,
        "title": f"技改申报通知{n}",
        "kind": kind,
        "level": level,
        "year": YEAR,
        "batch": 1,
        "department": "区经委",
        "deadline": LATER,
        "criteria": criteria or {},
        **extra,
    }
    return PolicyCall.objects.create(**values)


def honour(name=None, level="municipal"):
    return HonourType.objects.get_or_create(name=name or f"荣誉{next(_n)}", level=level)[0]


def figures(firm, year=YEAR, **values):
    IndicatorYear.objects.update_or_create(enterprise=firm, year=year, defaults=values)


# Suites of the declared entities -----------------------------------------------------------


PARK_ROWS = {
    "district_admin": {"a", "b"},
    "park_admin": {"a"},
    "investment": set(),
    "steward": {"a"},
    "leader_park": {"a"},
    "leader_district": {"a", "b"},
    "enterprise": {"a"},
    "system_admin": set(),
    "security_admin": set(),
    "audit_admin": set(),
}


class TestPolicyCalls(EntityTests):
    entity = policy_calls
    sees = PARK_ROWS
    import_keys = ("b", "a")

    def owners(self, world):
        return {"a": world.park_a, "b": world.park_b}

    def make(self, world, owner):
        return call(owner)

    def export_marker(self, row):
        return row.title

    def form_data(self, world, owner):
        return {
            "park": owner.pk,
            "title": f"产业扶持申报{next(_n)}",
            "kind": "industry_support",
            "level": "municipal",
            "year": YEAR,
            "batch": 2,
            "department": "市经信委",
            "deadline": f"{LATER:%Y-%m-%d}",
            "crit_above_scale": "on",
            "crit_min_tax": "50",
            "crit_grades": ["A", "B"],
        }


class TestPolicyProjects(EntityTests):
    entity = policy_projects
    import_keys = ("b", "a2")

    def make(self, world, firm):
        return PolicyProject.objects.create(
            call=call(firm.park), enterprise=firm, status="applied", applied_on=TODAY
        )

    def export_marker(self, row):
        return row.enterprise.name

    def import_file(self, world, firm):
        district = PolicyCall.objects.filter(title="区级产业扶持（导入）").first() or call(
            None, kind="industry_support", title="区级产业扶持（导入）"
        )
        headers = ["统一社会信用代码", "申报通知", "年度", "状态", "申报金额（万元）", "申报日期"]
        return headers, [[firm.uscc, district.title, YEAR, "已申报", "12.5", f"{TODAY:%Y-%m-%d}"]]


class TestHonourCriteria(EntityTests):
    entity = honour_criteria
    sees = {role: {"x", "y"} for role in ROLES}
    import_keys = ("x", "y")
    editor = "district_admin"

    def owners(self, world):
        return {"x": honour("专精特新甲"), "y": honour("专精特新乙")}

    def make(self, world, owner):
        fresh = honour(f"{owner.name}{next(_n)}")
        return HonourCriteria.objects.create(honour_type=fresh, criteria={"min_years": 2})

    def export_marker(self, row):
        return row.honour_type.name

    def form_data(self, world, owner):
        fresh = honour(f"{owner.name}{next(_n)}")
        return {"honour_type": fresh.pk, "crit_min_rd_intensity": "3", "crit_min_years": "2"}


class TestHonourApplications(EntityTests):
    entity = honour_applications

    def make(self, world, firm):
        return HonourApplication.objects.create(
            enterprise=firm, honour_type=honour(), year=YEAR, status="recommended"
        )

    def export_marker(self, row):
        return row.enterprise.name


# Eligibility on hand cases -----------------------------------------------------------------


def test_the_evaluator_passes_and_fails_with_a_reason_per_criterion(world):
    firm = world.firm_a1
    firm.is_above_scale, firm.own_land_mu, firm.founded_on = True, Decimal(30), dt.date(2015, 3, 1)
    firm.save()
    figures(
        firm,
        YEAR - 1,
        revenue=Decimal(50_000_000),
        tax_paid=Decimal(800_000),
        rd_spend=Decimal(2_000_000),
    )
    srdi = honour("专精特新中小企业")
    HonourAward.objects.create(enterprise=firm, honour_type=srdi, year=YEAR - 1)
    portrait = portraits([firm], YEAR)[firm.pk]
    assert portrait.figures_year == YEAR - 1 and portrait.rd_intensity == Decimal("4.00")
    passing = {
        "above_scale": True,
        "min_tax": "800000",  # exactly the bar passes
        "min_rd_intensity": "4",
        "min_land_mu": "30",
        "min_years": 5,
        "honours": [srdi.pk],
        "clusters": list(firm.clusters.values_list("pk", flat=True)),
    }
    verdict = evaluate(passing, portrait, park_id=world.park_a.pk)
    assert verdict.eligible, verdict.failures
    failing = {**passing, "min_tax": "800000.01", "min_rd_intensity": "4.5", "grades": ["A"]}
    verdict = evaluate(failing, portrait, park_id=world.park_b.pk)
    assert not verdict.eligible
    texts = "；".join(verdict.failures)
    assert len(verdict.failures) == 4, texts  # park, tax, R&D intensity, grade
    assert "80.00 万元" in texts and "4.00%" in texts and "其他园区" in texts


def test_a_firm_without_figures_fails_a_figure_criterion_and_says_so(world):
    IndicatorYear.objects.filter(enterprise=world.firm_a2).delete()
    verdict = evaluate({"min_revenue": "1"}, portraits([world.firm_a2], YEAR)[world.firm_a2.pk])
    assert not verdict.eligible and "无数据" in verdict.failures[0]


def test_the_call_form_keeps_declared_criteria_and_refuses_bad_ones(world, client):
    client.force_login(world.users["park_admin"])
    data = TestPolicyCalls().form_data(world, world.park_a)
    assert client.post("/programmes/policy-calls/new/", data).status_code == 302
    saved = PolicyCall.objects.latest("pk")
    assert saved.criteria == {"above_scale": True, "min_tax": "500000.00", "grades": ["A", "B"]}
    bad = {**data, "crit_min_rd_intensity": "-1"}
    assert client.post("/programmes/policy-calls/new/", bad).status_code == 200
    with pytest.raises(ValidationError, match="未知"):
        actions.save_call(actor=None, instance=saved, values={"criteria": {"shoe_size": 3}})


# The workflow: steps, dates and amounts only through actions -------------------------------


def test_a_project_goes_recommended_applied_approved_funded_with_its_dates(world):
    admin = world.users["park_admin"]
    steward = world.users["steward"]
    tech = call(world.park_a)
    project = actions.recommend_project(tech, world.firm_a1, actor=steward, on=YESTERDAY)
    assert project.status == "recommended" and project.recommended_on == YESTERDAY
    project = actions.apply_project(
        tech, world.firm_a1, actor=steward, amount=Decimal("300000.50"), on=TODAY
    )
    with pytest.raises(PermissionDenied):  # a steward does not decide
        actions.approve_project(project, actor=steward, amount=Decimal(1))
    with pytest.raises(ValidationError, match="超过"):
        actions.approve_project(project, actor=admin, amount=Decimal("300000.51"))
    project = actions.approve_project(project, actor=admin, amount=Decimal("250000.25"))
    project = actions.disburse_project(project, actor=admin, amount=Decimal("250000.25"))
    project.refresh_from_db()
    assert (project.status, project.applied_on, project.approved_on, project.disbursed_on) == (
        "funded",
        TODAY,
        TODAY,
        TODAY,
    )
    history = [h.status for h in project.history.order_by("history_id")]
    assert history == ["recommended", "applied", "approved", "funded"]
    assert project.history.latest().history_user == admin


def test_a_step_off_the_workflow_is_refused_with_a_clear_message(world):
    admin = world.users["park_admin"]
    project = actions.apply_project(
        call(world.park_a), world.firm_a1, actor=admin, amount=Decimal(100)
    )
    with pytest.raises(ValidationError) as refused:
        actions.disburse_project(project, actor=admin, amount=Decimal(100))
    message = " ".join(refused.value.messages)
    assert "“已申报”" in message and "“已拨款”" in message and "立项" in message
    actions.reject_project(project, actor=admin)
    with pytest.raises(ValidationError, match="已办结"):
        actions.approve_project(project, actor=admin, amount=Decimal(1))
    with pytest.raises(ValidationError, match="未来"):
        actions.apply_project(
            call(world.park_a), world.firm_a2, actor=admin, amount=Decimal(1), on=LATER
        )
    assert PolicyProject.objects.get(pk=project.pk).status == "rejected"


def test_status_and_dates_are_not_editable_in_any_form_or_api(world, client):
    project = actions.apply_project(
        call(world.park_a), world.firm_a1, actor=None, amount=Decimal(9)
    )
    client.force_login(world.users["district_admin"])
    assert client.get(f"/programmes/policy-projects/{project.pk}/edit/").status_code == 404
    answer = client.patch(
        f"/api/v1/programmes/policy-projects/{project.pk}",
        {"status": "funded"},
        content_type="application/json",
    )
    assert answer.status_code in (404, 405)
    assert PolicyProject.objects.get(pk=project.pk).status == "applied"


def test_an_ineligible_or_late_application_is_refused_with_the_reasons(world, client):
    strict = call(world.park_a, criteria={"above_scale": True})
    client.force_login(world.users["enterprise"])
    page = client.get(strict.get_absolute_url()).content.decode()
    assert "不符合" in page and "非规上企业" in page
    client.post(f"/programmes/policy-calls/{strict.pk}/apply/", {"amount": "10"})
    assert not PolicyProject.objects.exists()
    closed = call(world.park_a, deadline=YESTERDAY)
    with pytest.raises(ValidationError, match="截止"):
        actions.apply_project(closed, world.firm_a1, actor=None, amount=Decimal(1))


def test_an_enterprise_files_its_application_and_sees_its_calls(world, client):
    open_call = call(world.park_a, kind="industry_support")
    other_park = call(world.park_b)
    client.force_login(world.users["enterprise"])
    mine = client.get("/programmes/policy/mine/").content.decode()
    assert open_call.title in mine and other_park.title not in mine
    response = client.post(f"/programmes/policy-calls/{open_call.pk}/apply/", {"amount": "12.34"})
    project = PolicyProject.objects.get(call=open_call)
    assert response.status_code == 302 and project.enterprise == world.firm_a1
    assert project.applied_amount == Decimal("123400.00")
    answer = client.post(
        f"/api/v1/programmes/policy-calls/{open_call.pk}/applications",
        {"enterprise": world.firm_a2.uscc, "amount": "1"},
        content_type="application/json",
    )
    assert answer.status_code == 422  # not its own enterprise
    assert PolicyProject.objects.count() == 1


def test_the_to_do_lists_eligible_firms_of_the_stewards_zones_that_have_not_applied(world, client):
    tech = call(world.park_a)
    client.force_login(world.users["steward"])
    page = client.get(tech.get_absolute_url()).content.decode()
    assert world.firm_a1.name in page and world.firm_a2.name not in page  # a2: another zone
    client.post(
        f"/programmes/policy-calls/{tech.pk}/recommend/", {"enterprise_id": world.firm_a1.pk}
    )
    assert PolicyProject.objects.get(call=tech).status == "recommended"
    page = client.get(tech.get_absolute_url()).content.decode()
    assert "1 家符合条件" not in page and "0 家符合条件" in page


# Figures and amounts to the cent -----------------------------------------------------------


def test_amounts_are_summed_to_the_cent_by_kind_level_and_status(world, client):
    admin = world.users["park_admin"]
    tech = call(world.park_a)
    for firm, applied, approved in (
        (world.firm_a1, "100000.10", "0.10"),
        (world.firm_a2, "200000.21", "0.21"),
    ):
        p = actions.apply_project(tech, firm, actor=admin, amount=Decimal(applied))
        actions.approve_project(p, actor=admin, amount=Decimal(approved))
    data = project_figures(PolicyProject.objects.all(), YEAR)
    assert data["kinds"]["tech_renovation"]["applied_amount"] == Decimal("300000.31")
    assert data["levels"]["district"]["approved_amount"] == Decimal("0.31")
    assert data["statuses"]["approved"]["count"] == 2
    client.force_login(admin)
    page = client.get(f"/programmes/policy/figures/?year={YEAR}").content.decode()
    assert "30.00" in page and f"?year={YEAR}&amp;kind=tech_renovation&amp;status=approved" in page
    export = client.get(f"/programmes/policy/figures/?year={YEAR}&export=xlsx")
    assert export.status_code == 200


# Scoping -----------------------------------------------------------------------------------


def test_a_steward_sees_its_zones_projects_and_an_enterprise_only_its_own(world, client):
    district = call(None, kind="industry_support")
    for firm in (world.firm_a1, world.firm_a2, world.firm_b):
        actions.apply_project(district, firm, actor=None, amount=Decimal(1000))
    seen = {}
    for role in ("steward", "enterprise", "park_admin", "district_admin"):
        user = world.users[role]
        seen[role] = set(
            PolicyProject.objects.visible_to(user).values_list("enterprise__name", flat=True)
        )
        assert scoped_project_figures(user, YEAR)["total"]["count"] == len(seen[role])
    assert seen["steward"] == seen["enterprise"] == {world.firm_a1.name}
    assert seen["park_admin"] == {world.firm_a1.name, world.firm_a2.name}
    assert len(seen["district_admin"]) == 3
    client.force_login(world.users["steward"])
    listing = client.get("/programmes/policy-projects/").content.decode()
    assert world.firm_a1.name in listing and world.firm_a2.name not in listing
    api = client.get("/api/v1/programmes/policy-projects").json()
    assert [row["enterprise_id"] for row in api["items"]] == [world.firm_a1.pk]


# Import ------------------------------------------------------------------------------------


def _import(user, headers, rows):
    table = read_table("log.xlsx", xlsx_bytes(headers, rows))
    spec = imports["policy-projects"]
    ctx = ImportContext(user)
    return spec, ctx, validate(spec, table, ctx)


def test_an_import_with_one_bad_row_writes_nothing_and_names_row_and_column(world):
    district = call(None, kind="industry_support", title="区产业扶持")
    admin = world.users["park_admin"]
    headers = [
        "统一社会信用代码",
        "申报通知",
        "年度",
        "状态",
        "申报金额（万元）",
        "立项金额（万元）",
        "申报日期",
        "立项日期",
    ]
    good = [
        world.firm_a1.uscc,
        "区产业扶持",
        YEAR,
        "立项",
        "10",
        "8",
        f"{YESTERDAY:%Y-%m-%d}",
        f"{TODAY:%Y-%m-%d}",
    ]
    bad = [world.firm_a2.uscc, "区产业扶持", YEAR, "立项", "10", "12", f"{TODAY:%Y-%m-%d}", ""]
    _spec, _ctx, plan = _import(admin, headers, [good, bad])
    assert not plan.ok
    problems = {(e["row"], e["column"]) for e in plan.errors}
    assert problems == {(3, "立项金额"), (3, "立项日期")}, plan.errors
    said = {e["column"]: e["message"] for e in plan.errors}
    assert said["立项金额"] == "12.00 万元 超过了申报金额（10.00 万元）。", said
    assert not PolicyProject.objects.exists()
    spec, ctx, plan = _import(admin, headers, [good])
    assert plan.ok, plan.errors
    batch = ImportBatch.objects.create(
        entity="policy-projects", file_name="log.xlsx", park=world.park_a
    )
    commit(spec, plan, ctx, batch)
    project = PolicyProject.objects.get(call=district)
    assert (project.status, project.approved_amount) == ("approved", Decimal("80000.00"))
    _spec, _ctx, plan = _import(
        world.users["steward"], headers, [good, [world.firm_b.uscc, *good[1:]]]
    )
    # Row 2: the project is approved now, a log does not change it; row 3: park B's firm is
    # not the steward's.
    assert {(e["row"], e["column"]) for e in plan.errors} == {(2, "状态"), (3, "统一社会信用代码")}


# Honours -------------------------------------------------------------------------------------


def test_an_honour_goes_recommended_applied_awarded_and_writes_the_register(world, client):
    srdi = honour("专精特新中小企业")
    HonourCriteria.objects.create(honour_type=srdi, criteria={"min_rd_intensity": "3"})
    figures(world.firm_a1, YEAR, revenue=Decimal(10_000_000), rd_spend=Decimal(500_000))
    figures(world.firm_a2, YEAR, revenue=Decimal(10_000_000), rd_spend=Decimal(100_000))
    steward, admin = world.users["steward"], world.users["park_admin"]
    with pytest.raises(ValidationError, match="研发投入强度"):
        actions.recommend_honour(world.firm_a2, srdi, YEAR, actor=admin)
    application = actions.recommend_honour(world.firm_a1, srdi, YEAR, actor=steward)
    with pytest.raises(ValidationError, match="不能变为"):
        actions.decide_honour(application, actor=admin, outcome="recertified")
    application = actions.apply_honour(application, actor=steward)
    with pytest.raises(ValidationError, match="之前"):
        actions.decide_honour(application, actor=admin, outcome="recertified")
    application = actions.decide_honour(application, actor=admin, outcome="awarded")
    award = HonourAward.objects.get(enterprise=world.firm_a1, honour_type=srdi, year=YEAR)
    assert application.award == award and award.status == "awarded"
    client.force_login(world.users["enterprise"])
    assert srdi.name in client.get("/programmes/policy/mine/").content.decode()

    # The register's award stays while the application that made it says 'awarded'.
    client.force_login(admin)
    response = client.post(f"/enterprises/honours/{award.pk}/delete/", follow=True)
    assert "仍有其他记录引用" in response.content.decode()
    assert HonourAward.objects.filter(pk=award.pk).exists()


def test_honour_figures_keep_new_and_recertified_apart(world, client):
    giant = honour("专精特新“小巨人”企业", "national")
    HonourAward.objects.create(enterprise=world.firm_a2, honour_type=giant, year=YEAR - 3)
    admin = world.users["park_admin"]
    for firm, outcome in ((world.firm_a1, "awarded"), (world.firm_a2, "recertified")):
        application = actions.recommend_honour(firm, giant, YEAR, actor=admin)
        application = actions.apply_honour(application, actor=admin)
        actions.decide_honour(application, actor=admin, outcome=outcome)
    data = honour_figures(HonourApplication.objects.all(), YEAR)
    assert [(r["name"], r["new"], r["recertified"], r["honours"]) for r in data["types"]] == [
        ("专精特新“小巨人”企业", 1, 1, 2)
    ]
    assert data["total"] == {
        "new": 1,
        "recertified": 1,
        "not_awarded": 0,
        "pending": 0,
        "honours": 2,
    }
    client.force_login(admin)
    page = client.get(f"/programmes/honours/figures/?year={YEAR}").content.decode()
    assert "2 项荣誉" in page and "status=recertified" in page


# The demo ------------------------------------------------------------------------------------


def test_the_demo_reproduces_the_articles_figures_from_rows(world, client):
    from parkos.enterprises.demo import MAIN_PARK, DemoSize, generate
    from parkos.programmes.demo import seed_policy

    generate(DemoSize(enterprises=150, months=1), seed=7)
    created = seed_policy()
    assert created > 600 and seed_policy() == 0  # idempotent
    main = PolicyCall.objects.filter(title__contains="技术改造").first().park
    assert main.name == MAIN_PARK
    projects = PolicyProject.objects.filter(enterprise__park=main)
    data = project_figures(projects, 2024)
    assert data["kinds"]["industry_support"]["count"] == 553
    tech = data["kind_status"]["tech_renovation"]
    assert (tech["approved"], tech["funded"], tech["recommended"]) == (6, 8, 12)
    assert (
        projects.filter(call__batch=2, status="recommended", call__kind="tech_renovation").count()
        == 12
    )
    honours = honour_figures(HonourApplication.objects.filter(enterprise__park=main), 2024)
    rows = {(r["name"], r["level"]): (r["new"], r["recertified"]) for r in honours["types"]}
    assert rows == {
        ("专精特新“小巨人”企业", "national"): (2, 2),
        ("专精特新中小企业", "municipal"): (23, 0),
        ("企业技术中心", "municipal"): (3, 0),
        ("智能工厂", "municipal"): (1, 0),
        ("数字化转型标杆企业", "district"): (1, 0),
        ("科技小巨人企业", "district"): (6, 0),
        ("企业工程技术研究中心", "district"): (2, 0),
        ("质量金奖", "district"): (2, 0),
    }
    assert honours["total"] == {
        "new": 40,
        "recertified": 2,
        "honours": 42,
        "not_awarded": 0,
        "pending": 0,
    }
    # The register agrees: each decision wrote its award.
    awards = HonourAward.objects.filter(enterprise__park=main, year=2024)
    assert awards.count() == 42
    client.force_login(world.users["district_admin"])
    page = client.get(f"/programmes/honours/figures/?year=2024&park={main.pk}").content.decode()
    assert "42 项荣誉：新认定 40 项，复核 2 项" in page
    page = client.get(f"/programmes/policy/figures/?year=2024&park={main.pk}").content.decode()
    assert 'data-key="industry_support"><td>产业扶持</td><td class="text-end"><a' in page


def test_the_api_moves_a_project_one_step_and_refuses_a_step_off_the_workflow(world, client):
    project = actions.apply_project(
        call(world.park_a), world.firm_a1, actor=None, amount=Decimal("1000.00")
    )
    client.force_login(world.users["park_admin"])
    url = f"/api/v1/programmes/policy-projects/{project.pk}/steps"
    refused = client.post(
        url, {"action": "disburse", "amount": "10"}, content_type="application/json"
    )
    assert refused.status_code == 422 and "立项" in refused.json()["detail"]
    done = client.post(
        url, {"action": "approve", "amount": "999.99"}, content_type="application/json"
    )
    assert done.status_code == 200 and done.json()["approved_amount"] == "999.99"
    assert done.json()["approved_on"] == f"{TODAY:%Y-%m-%d}"
    client.force_login(world.users["steward"])
    assert (
        client.post(
            url, {"action": "disburse", "amount": "1"}, content_type="application/json"
        ).status_code
        == 403
    )


def test_the_eligibility_route_gives_an_enterprise_its_own_verdict(world, client):
    strict = call(world.park_a, criteria={"above_scale": True})
    client.force_login(world.users["enterprise"])
    page = client.get(f"/api/v1/programmes/policy-calls/{strict.pk}/eligibility").json()
    assert page["count"] == 1
    answer = page["items"]
    assert [row["enterprise_id"] for row in answer] == [world.firm_a1.pk]
    assert answer[0]["eligible"] is False
    assert {"criterion": "above_scale", "passed": False, "text": "非规上企业"} in answer[0][
        "reasons"
    ]


def test_the_eligibility_route_pages_a_park_instead_of_cutting_it(world, client):
    open_call = call(world.park_a, criteria={})
    client.force_login(world.users["park_admin"])
    url = f"/api/v1/programmes/policy-calls/{open_call.pk}/eligibility"
    first = client.get(url, {"page_size": 1}).json()
    second = client.get(url, {"page_size": 1, "page": 2}).json()
    assert first["count"] == second["count"] == 2  # the park's two enterprises
    ids = [first["items"][0]["enterprise_id"], second["items"][0]["enterprise_id"]]
    assert sorted(ids) == sorted([world.firm_a1.pk, world.firm_a2.pk])

"""What a review of the policy, honours and financing work found, held: a steward serving two
zones sees a call once, oversized amounts and odd digits answer clearly instead of failing, the
honours' candidates and figures count the right rows, an enterprise cannot backdate or recommend
itself, an import never moves a decided project back, stewards do not write awards, and a bank
grants at most what was asked."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from parkos.core.roles import Role
from parkos.programmes import policy_actions
from parkos.programmes.financing import actions as financing
from parkos.programmes.financing.models import Bank
from parkos.programmes.models import HonourApplication, HonourCriteria, PolicyProject
from parkos.programmes.policy_views import honour_candidates
from parkos.programmes.tests.test_financing import demand, round7  # noqa: F401 — a fixture
from parkos.programmes.tests.test_policy import TODAY, YEAR, _import, call, honour
from parkos.testing.factories import ZoneFactory


def test_a_steward_of_two_zones_sees_a_park_call_once_and_opens_it(world, client):
    ZoneFactory(park=world.park_a, name="甲三片区", steward=world.users["steward"])
    a_call = call(world.park_a)
    client.force_login(world.users["steward"])
    listed = client.get("/api/v1/programmes/policy-calls").json()["items"]
    assert [row["id"] for row in listed].count(a_call.pk) == 1
    assert client.get(a_call.get_absolute_url()).status_code == 200


def test_an_amount_too_large_to_keep_is_refused_not_a_failure(world, client):
    a_call = call(world.park_a)
    client.force_login(world.users["park_admin"])
    answer = client.post(
        f"/api/v1/programmes/policy-calls/{a_call.pk}/applications",
        {"enterprise": world.firm_a1.uscc, "amount": 1e30},
        content_type="application/json",
    )
    assert answer.status_code == 422
    with pytest.raises(ValidationError, match=r"过大|too large"):
        policy_actions.apply_project(
            a_call, world.firm_a1, actor=world.users["park_admin"], amount=Decimal("1e20")
        )


@pytest.mark.parametrize(
    "url",
    [
        "/programmes/financing/figures/?park=²",
        "/programmes/policy/figures/?year=²&park=²",
        "/programmes/honours/figures/?year=²",
        "/service/figures/visits/?zone_id=²&steward_id=²",
        "/investment/figures/?park=²",
        "/programmes/figures/?year=²&park=²",
    ],
)
def test_a_superscript_digit_in_the_address_is_ignored(world, client, url):
    client.force_login(world.users["district_admin"])
    assert client.get(url).status_code == 200


def test_honour_candidates_are_those_not_put_forward_for_this_honour_this_year(world):
    wanted, other = honour("高新技术企业"), honour("专精特新")
    criteria = HonourCriteria.objects.create(honour_type=wanted)
    # Put forward for this honour last year, and for another honour this year: still a candidate.
    HonourApplication.objects.create(
        enterprise=world.firm_a1, honour_type=wanted, year=YEAR - 1, status="awarded"
    )
    HonourApplication.objects.create(
        enterprise=world.firm_a1, honour_type=other, year=YEAR, status="recommended"
    )
    HonourApplication.objects.create(
        enterprise=world.firm_a2, honour_type=wanted, year=YEAR, status="recommended"
    )
    found = [firm for firm, _held in honour_candidates(criteria, world.users["park_admin"], YEAR)]
    assert world.firm_a1 in found
    assert world.firm_a2 not in found


def test_the_honour_figures_link_lists_the_honours_it_counts(world, client):
    wanted = honour("企业技术中心")
    for firm, status in ((world.firm_a1, "awarded"), (world.firm_a2, "recommended")):
        HonourApplication.objects.create(
            enterprise=firm, honour_type=wanted, year=YEAR, status=status
        )
    client.force_login(world.users["park_admin"])
    page = client.get("/programmes/honours/figures/", {"year": YEAR})
    level = next(r for r in page.context["figures"]["levels"] if r["key"] == "municipal")
    listed = client.get(level["url"])
    assert listed.context["table"].paginator.count == level["honours"] == 1


def test_an_enterprise_files_today_and_does_not_recommend_itself(world):
    a_call = call(world.park_a)
    firm_user = world.users["enterprise"]
    with pytest.raises(ValidationError):
        policy_actions.recommend_project(a_call, world.firm_a1, actor=firm_user)
    late = a_call.deadline + dt.timedelta(days=20)
    with pytest.raises(ValidationError):
        policy_actions.apply_project(
            a_call, world.firm_a1, actor=firm_user, amount=Decimal(10), on=a_call.deadline
        )
    assert not PolicyProject.objects.exists()
    # The staff record a paper application filed before the deadline.
    project = policy_actions.apply_project(
        a_call, world.firm_a1, actor=world.users["park_admin"], amount=Decimal(10), on=TODAY
    )
    assert project.status == "applied" and late > project.applied_on


def test_an_import_does_not_move_a_decided_project_back(world):
    a_call = call(world.park_a, kind="industry_support", title="产业扶持")
    admin = world.users["park_admin"]
    project = policy_actions.apply_project(
        a_call, world.firm_a1, actor=admin, amount=Decimal(100), on=TODAY
    )
    policy_actions.approve_project(project, actor=world.users["district_admin"], amount=Decimal(80))
    headers = ["统一社会信用代码", "申报通知", "年度", "状态", "申报金额（万元）", "申报日期"]
    row = [world.firm_a1.uscc, "产业扶持", YEAR, "已申报", "0.01", f"{TODAY:%Y-%m-%d}"]
    _spec, _ctx, plan = _import(admin, headers, [row])
    assert not plan.ok
    assert {e["column"] for e in plan.errors} == {"状态"}
    assert PolicyProject.objects.get(pk=project.pk).approved_amount == Decimal(80)


def test_stewards_read_the_honour_register_but_do_not_write_it(world, client):
    steward = world.users["steward"]
    assert steward.role == Role.STEWARD
    assert steward.has_perm("enterprises.view_honouraward")
    assert not steward.has_perm("enterprises.add_honouraward")
    assert not steward.has_perm("enterprises.delete_honouraward")


def test_a_bank_grants_at_most_what_was_asked(world, round7):  # noqa: F811
    admin = world.users["park_admin"]
    d = demand(world.firm_a1, round7, amount=Decimal(1_000_000))
    d = financing.match(d, Bank.objects.get(name="工商银行"), actor=admin)
    with pytest.raises(ValidationError):
        financing.grant(d, Decimal("1000000.01"), TODAY, actor=admin)
    assert financing.grant(d, Decimal(1_000_000), TODAY, actor=admin).status == "granted"

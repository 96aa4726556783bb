"""Service requests: the declared entity's suite over every persona, the steps of the timeline
on the page and the API, the clock (deadline, reopening, escalation) and who sees what."""

import datetime as dt
import itertools

import pytest
from django.core.management import call_command
from django.utils import timezone

from parkos.core.roles import Role
from parkos.service.actions import escalate_overdue, take_step
from parkos.service.choices import Source, Status, Step
from parkos.service.entities import service_requests
from parkos.service.models import Department, RequestCategory, RequestEvent, ServiceRequest
from parkos.service.workdays import add_working_days
from parkos.testing.factories import RECEIVED, UserFactory, service_request
from parkos.testing.mixins import EntityTests

_n = itertools.count(1)


def category(code="policy"):
    return RequestCategory.objects.get(code=code)


class TestServiceRequests(EntityTests):
    entity = service_requests

    def make(self, world, firm):
        return service_request(firm, title=f"诉求{next(_n)}号")

    def form_data(self, world, firm):
        return {
            "enterprise": firm.uscc,
            "category": category("power").pk,
            "title": f"新诉求{next(_n)}",
            "description": "变压器容量不足，申请增容。",
            "assignee": "",
            "department": "",
            "received_at": "2026-03-02T10:00",
        }

    def import_file(self, world, firm):
        return (
            ["统一社会信用代码", "诉求类别", "诉求内容", "受理日期", "状态"],
            [[firm.uscc, "用电", f"申请增容{next(_n)}", "2026-03-02", "已受理"]],
        )


def test_an_enterprise_files_the_steward_answers_and_the_enterprise_closes(world, client):
    """The page journey: filed by the enterprise (for its zone's steward, due by its category's
    service level), accepted, worked on and answered by the steward, closed with a rating."""
    client.force_login(world.users["enterprise"])
    page = client.get("/service/requests/new/").content.decode()
    assert 'name="assignee"' not in page
    # The enterprise is the user's own, already filled in (it was empty: the page could not
    # be sent without typing a code into a hidden box).
    assert f'type="hidden" name="enterprise" value="{world.firm_a1.uscc}"' in page
    response = client.post(
        "/service/requests/new/",
        {
            "enterprise": world.firm_a1.uscc,
            "category": category("safety").pk,
            "title": "消防通道被占",
            "description": "隔壁企业堆放货物占用消防通道。",
        },
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    request = ServiceRequest.objects.get(title="消防通道被占")
    assert request.source == Source.ENTERPRISE and request.assignee == world.users["steward"]
    assert request.deadline == add_working_days(request.received_at, 3)
    url = request.get_absolute_url()

    steward = client.force_login(world.users["steward"]) or client
    assert 'id="step-accepted"' in steward.get(url).content.decode()
    for step, note in (
        ("accepted", ""),
        ("in_progress", ""),
        ("answered", "已协调清理，通道畅通。"),
    ):
        assert steward.post(f"{url}step/", {"step": step, "note": note}).status_code == 302
    request.refresh_from_db()
    assert request.status == Status.ANSWERED

    client.force_login(world.users["enterprise"])
    page = client.get(url).content.decode()
    assert 'id="step-closed"' in page and 'id="step-reopened"' in page
    client.post(f"{url}step/", {"step": "closed", "rating": "5", "note": "处理及时"})
    request.refresh_from_db()
    assert (request.status, request.rating, request.rating_comment) == (
        Status.CLOSED,
        5,
        "处理及时",
    )
    steps = list(request.events.order_by("at", "id").values_list("step", flat=True))
    assert steps == ["received", "accepted", "in_progress", "answered", "closed"]
    page = client.get(url).content.decode()
    assert "已协调清理，通道畅通。" in page and "5/5" in page and 'id="request-steps"' not in page


def test_each_side_takes_only_its_own_steps(world, client):
    request = service_request(world.firm_a1)
    url = request.get_absolute_url()
    client.force_login(world.users["enterprise"])
    assert client.post(f"{url}step/", {"step": "accepted"}).status_code == 403
    client.force_login(world.users["steward"])
    take_step(request, Step.ACCEPTED, actor=world.users["steward"])
    # An answer needs its text; the page says so and nothing moves.
    response = client.post(f"{url}step/", {"step": "answered", "note": " "}, follow=True)
    assert "请填写给企业的答复" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED
    take_step(request, Step.ANSWERED, actor=world.users["steward"], note="已答复")
    assert client.post(f"{url}step/", {"step": "closed", "rating": "4"}).status_code == 403
    client.force_login(world.users["enterprise"])
    response = client.post(f"{url}step/", {"step": "closed"}, follow=True)
    assert "请为本次服务评分" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.ANSWERED


def test_a_step_the_status_does_not_allow_is_refused_by_name(world):
    request = service_request(world.firm_a1)
    with pytest.raises(Exception, match="已接收") as caught:
        take_step(request, Step.CLOSED, actor=world.users["enterprise"], rating=5)
    assert caught.type.__name__ == "ValidationError"


def test_a_reopened_request_keeps_the_clock_of_every_round(world):
    steward, firm_user = world.users["steward"], world.users["enterprise"]
    request = service_request(world.firm_a1, category="power")  # 5 working days
    first_deadline = request.deadline
    take_step(request, Step.ACCEPTED, actor=steward, at=RECEIVED + dt.timedelta(hours=1))
    answered = RECEIVED + dt.timedelta(days=1)
    take_step(request, Step.ANSWERED, actor=steward, note="已联系供电所", at=answered)
    reopened_at = timezone.make_aware(dt.datetime(2026, 3, 6, 18, 0))  # Friday, after hours
    take_step(request, Step.REOPENED, actor=firm_user, note="仍未通电", at=reopened_at)
    request.refresh_from_db()
    # A new round: counted from Monday 9 March, five working days.
    assert request.status == Status.REOPENED
    assert request.deadline == timezone.make_aware(dt.datetime(2026, 3, 16, 17, 30))
    rounds = list(request.events.exclude(deadline=None).values_list("step", "deadline"))
    assert rounds == [(Step.RECEIVED, first_deadline), (Step.REOPENED, request.deadline)]
    first = request.events.get(step=Step.RECEIVED)
    first.note = "改写"
    with pytest.raises(ValueError, match="never rewritten"):
        first.save()
    take_step(request, Step.ANSWERED, actor=steward, note="已通电")
    take_step(request, Step.CLOSED, actor=firm_user, rating=3)
    assert request.events.count() == 6


def test_escalation_happens_exactly_when_the_deadline_passes_and_once(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    world.users["park_admin"].email = "admin@park-a.cn"
    world.users["park_admin"].save()
    request = service_request(world.firm_a1, category="safety")
    deadline = request.deadline
    assert deadline == timezone.make_aware(dt.datetime(2026, 3, 5, 17, 30))
    assert escalate_overdue(now=deadline) == []  # at the deadline it is still on time
    with django_capture_on_commit_callbacks(execute=True):
        assert escalate_overdue(now=deadline + dt.timedelta(microseconds=1)) == [request]
    request.refresh_from_db()
    assert request.escalated_at == deadline + dt.timedelta(microseconds=1)
    assert request.events.filter(step=Step.ESCALATED).count() == 1
    assert escalate_overdue(now=deadline + dt.timedelta(days=3)) == []
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["admin@park-a.cn"]
    assert request.title in mailoutbox[0].body and "1" in mailoutbox[0].subject


def test_an_answered_request_is_not_escalated_and_the_command_escalates_the_rest(world):
    answered = service_request(world.firm_a1)
    take_step(answered, Step.ACCEPTED, actor=None)
    take_step(answered, Step.ANSWERED, actor=None, note="已答复")
    late = service_request(world.firm_a2)
    call_command("escalate_overdue", stdout=open("/dev/null", "w"))  # noqa: SIM115
    late.refresh_from_db()
    answered.refresh_from_db()
    assert late.escalated_at is not None and answered.escalated_at is None


def test_the_list_filters_overdue_and_escalated_requests(world, client):
    late = service_request(world.firm_a1, title="逾期的诉求")
    recent = timezone.now() - dt.timedelta(minutes=1)
    fresh = service_request(world.firm_a1, title="新的诉求", received_at=recent)
    escalate_overdue()
    client.force_login(world.users["park_admin"])
    body = client.get("/service/requests/?overdue=true").content.decode()
    assert late.title in body and fresh.title not in body
    body = client.get("/service/requests/?escalated=true&status=received").content.decode()
    assert late.title in body and fresh.title not in body and "⚑" in body
    for no in ("overdue=false", "escalated=false"):  # 否: every other row
        body = client.get(f"/service/requests/?{no}").content.decode()
        assert fresh.title in body and late.title not in body


def test_the_list_answers_waiting_for_me_both_ways(world, client):
    """待我处理 是: the requests waiting for the viewer; 否: every other request it sees (zone A1's
    steward sees the request of its zone given to a colleague)."""
    colleague = UserFactory(username="safety_officer", role=Role.STEWARD, park=world.park_a)
    mine = service_request(world.firm_a1, title="片区管家的诉求")  # to the zone's steward
    theirs = service_request(world.firm_a1, title="同事经办的诉求", assignee=colleague)
    client.force_login(world.users["steward"])
    body = client.get("/service/requests/?mine=true").content.decode()
    assert mine.title in body and theirs.title not in body
    body = client.get("/service/requests/?mine=false").content.decode()
    assert theirs.title in body and mine.title not in body


def test_a_department_member_sees_what_is_assigned_to_the_department(world, client):
    """A department's members are stewards of the park (the staff who serve enterprises); one
    without zones sees only the requests given to their department or to them."""
    member = UserFactory(username="safety_officer", role=Role.STEWARD, park=world.park_a)
    department = Department.objects.create(park=world.park_a, name="安全生产办")
    department.members.add(member)
    theirs = service_request(world.firm_a2, title="危化品仓库检查", department=department)
    other = service_request(world.firm_a2, title="招工咨询")
    personal = service_request(world.firm_a1, title="指派给本人", assignee=member)
    client.force_login(member)
    body = client.get("/service/requests/").content.decode()
    assert theirs.title in body and personal.title in body and other.title not in body
    assert client.get(other.get_absolute_url()).status_code == 404
    take_step(theirs, Step.ACCEPTED, actor=member)  # they handle it, too
    api = client.get("/api/v1/service/requests").json()
    assert {item["title"] for item in api["items"]} == {theirs.title, personal.title}
    # The zones' stewards still see their zones' requests; steward A1 not A2's.
    client.force_login(world.users["steward"])
    body = client.get("/service/requests/").content.decode()
    assert personal.title in body and theirs.title not in body


@pytest.mark.parametrize(
    "change,error",
    [
        ({"received_at": "2099-01-05T10:00"}, "不能是将来"),
        ({"received_at": "2023-06-01T10:00"}, "2023"),
    ],
)
def test_a_receipt_time_without_a_deadline_is_refused_on_the_form(world, client, change, error):
    client.force_login(world.users["park_admin"])
    data = {
        "enterprise": world.firm_a1.uscc,
        "category": category().pk,
        "title": "时间有误的诉求",
        "description": "x",
        **change,
    }
    response = client.post("/service/requests/new/", data)
    assert response.status_code == 200 and error in response.content.decode()
    assert not ServiceRequest.objects.filter(title="时间有误的诉求").exists()


def test_a_request_goes_to_a_steward_or_a_department_of_its_own_park(world, client):
    department = Department.objects.create(park=world.park_a, name="经济发展部")
    client.force_login(world.users["district_admin"])
    base = {"category": category().pk, "title": "指派有误", "description": "x"}
    both = {**base, "enterprise": world.firm_a1.uscc, "assignee": world.users["steward"].pk}
    response = client.post("/service/requests/new/", {**both, "department": department.pk})
    assert "不能同时" in response.content.decode()
    other_park = {**base, "enterprise": world.firm_b.uscc, "department": department.pk}
    response = client.post("/api/v1/service/requests", other_park, content_type="application/json")
    assert response.status_code == 422 and "department" in response.json()["detail"]
    assert not ServiceRequest.objects.filter(title="指派有误").exists()


def test_the_api_gives_the_timeline_and_takes_steps(world, client):
    request = service_request(world.firm_a1)
    client.force_login(world.users["steward"])
    url = f"/api/v1/service/requests/{request.pk}"
    response = client.post(f"{url}/steps", {"step": "answered"}, content_type="application/json")
    assert response.status_code == 422 and "已接收" in response.json()["detail"]
    response = client.post(f"{url}/steps", {"step": "accepted"}, content_type="application/json")
    assert response.status_code == 201 and response.json()["step"] == "accepted"
    body = client.get(url).json()
    assert body["status"] == "accepted" and body["category"] == "policy"
    assert [e["step"] for e in body["timeline"]] == ["received", "accepted"]
    client.force_login(world.users["enterprise"])
    response = client.post(f"{url}/steps", {"step": "accepted"}, content_type="application/json")
    assert response.status_code == 403
    assert RequestEvent.objects.filter(request=request).count() == 2


def test_a_deadline_in_the_year_without_a_notice_is_marked_provisional(world, client):
    # 30 working days from 4 December 2026 end in January 2027, whose notice is not shipped.
    RequestCategory.objects.create(code="plan", name="规划调整", service_days=30)
    late_year = service_request(
        world.firm_a1,
        category="plan",
        title="规划调整诉求",
        received_at=dt.datetime(2026, 12, 4, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    )
    inside = service_request(world.firm_a1, title="年内的诉求")
    assert timezone.localtime(late_year.deadline).date() == dt.date(2027, 1, 18)
    client.force_login(world.users["park_admin"])
    rows = {
        row.split("</a>")[0].rsplit(">", 1)[-1]: row
        for row in client.get("/service/requests/").content.decode().split("<tr>")[1:]
    }
    assert "（暂定）" in rows[late_year.title] and "（暂定）" not in rows[inside.title]
    page = client.get(late_year.get_absolute_url()).content.decode()
    assert 'id="deadline-provisional"' in page and "2027" in page
    assert 'id="deadline-provisional"' not in client.get(inside.get_absolute_url()).content.decode()

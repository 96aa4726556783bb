"""My work (我的工作): what waits for a steward or a department member today, read in a handful
of queries, on the page they land on after signing in."""

import datetime as dt

from django.test import override_settings
from django.utils import timezone

from parkos.core.roles import Role
from parkos.service import queries
from parkos.service.actions import take_step
from parkos.service.choices import Step, VisitStatus
from parkos.service.models import Department, Visit
from parkos.testing.factories import EnterpriseFactory, UserFactory, service_request


def visit(firm, on, status=VisitStatus.DONE, steward=None):
    return Visit.objects.create(
        enterprise=firm, steward=steward or firm.steward, on=on, status=status
    )


def test_a_steward_sees_their_overdue_requests_due_visits_and_unvisited_firms(world, client):
    steward = world.users["steward"]
    today = timezone.localdate()
    late = service_request(world.firm_a1, title="道路积水")  # received in March: overdue
    answered = service_request(world.firm_a1, title="已答复的诉求")
    take_step(answered, Step.ACCEPTED, actor=steward)
    take_step(answered, Step.ANSWERED, actor=steward, note="已协调市政")
    others = service_request(world.firm_a2, title="甲二片区的诉求")  # steward A2's
    planned = visit(world.firm_a1, today - dt.timedelta(days=3), VisitStatus.PLANNED)
    visit(world.firm_a1, today + dt.timedelta(days=3), VisitStatus.PLANNED)  # not due yet
    recent = EnterpriseFactory(name="近期走访过的公司", park=world.park_a, zone=world.zone_a1)
    visit(recent, today - dt.timedelta(days=10))
    long_ago = EnterpriseFactory(name="很久没走访的公司", park=world.park_a, zone=world.zone_a1)
    visit(long_ago, today - dt.timedelta(days=200))

    client.force_login(steward)
    body = client.get("/service/my-work/").content.decode()
    assert "我的工作" in body
    assert late.title in body and answered.title not in body and others.title not in body
    assert planned.get_absolute_url() in body
    assert long_ago.name in body and recent.name not in body
    assert (today - dt.timedelta(days=200)).isoformat() in body
    assert "从未走访" in body  # firm A1 itself: never visited
    assert world.firm_a2.name not in body and world.firm_b.name not in body

    # The window is the setting's, or the page's own.
    narrow = client.get("/service/my-work/?days=5").content.decode()
    assert recent.name in narrow
    with override_settings(PARKOS_VISIT_DUE_DAYS=365):
        assert queries.my_work(steward, days=365).not_visited.rows == [world.firm_a1]


def test_a_request_due_later_today_is_due_today_not_overdue(world):
    request = service_request(world.firm_a1, title="今日到期")
    on_the_day = request.deadline - dt.timedelta(hours=2)
    work = queries.my_work(world.users["steward"], now=on_the_day)
    assert work.due_today.rows == [request] and work.overdue.count == 0
    day_before = request.deadline - dt.timedelta(days=1)
    assert queries.my_work(world.users["steward"], now=day_before).due_today.count == 0
    after = request.deadline + dt.timedelta(minutes=1)
    work = queries.my_work(world.users["steward"], now=after)
    assert work.overdue.rows == [request] and work.due_today.count == 0


def test_a_department_member_sees_what_is_assigned_to_them_or_their_department(world, client):
    member = UserFactory(username="safety_officer", role=Role.STEWARD, park=world.park_a)
    department = Department.objects.create(park=world.park_a, name="安全生产办")
    department.members.add(member)
    theirs = service_request(world.firm_a2, title="危化品仓库检查", department=department)
    personal = service_request(world.firm_a1, title="指派给本人", assignee=member)
    stewards = service_request(world.firm_a1, title="片区管家的诉求")
    client.force_login(member)
    body = client.get("/service/my-work/").content.decode()
    assert theirs.title in body and personal.title in body and stewards.title not in body
    # No zones: no enterprise to visit, said in Chinese.
    assert "您负责片区的企业近期都已走访" in body
    client.force_login(world.users["steward"])
    body = client.get("/service/my-work/").content.decode()
    assert stewards.title in body and theirs.title not in body and personal.title not in body


def test_each_section_lists_the_most_urgent_and_leads_to_every_row(world, client):
    steward = world.users["steward"]
    today = timezone.localdate()
    n = queries.MY_WORK_ROWS + 3
    firms = [
        EnterpriseFactory(name=f"片区企业{i:02}", park=world.park_a, zone=world.zone_a1)
        for i in range(n)
    ]
    for i, firm in enumerate(firms):
        service_request(firm, title=f"排水诉求{i:02}")  # received in March: overdue
        visit(firm, today - dt.timedelta(days=1 + i), VisitStatus.PLANNED)
    due_later = service_request(world.firm_a1, title="今天晚些到期")
    now = timezone.now()
    midnight = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time()))
    # Later today whatever the time: five minutes ahead failed at 23:57.
    due_later.deadline = now + (midnight - now) / 2
    due_later.save(update_fields=["deadline"])
    service_request(world.firm_a2, title="别的片区的逾期诉求")  # steward A2's

    client.force_login(steward)
    work = queries.my_work(steward)
    assert work.overdue.count == n and len(work.overdue.rows) == queries.MY_WORK_ROWS
    body = client.get("/service/my-work/").content.decode()
    assert f"共 {n} 条，仅列出前 {queries.MY_WORK_ROWS} 条" in body and "查看全部" in body
    assert body.count("排水诉求") == queries.MY_WORK_ROWS  # the earliest deadlines

    # Each "see them all" shows every row the section counted, and no other.
    overdue = client.get(f"{work.overdue.url}&per_page=50").content.decode()
    assert all(f"排水诉求{i:02}" in overdue for i in range(n))
    assert "别的片区的逾期诉求" not in overdue and due_later.title not in overdue
    due_today = client.get(work.due_today.url).content.decode()
    assert due_later.title in due_today and "排水诉求" not in due_today
    visits = client.get(f"{work.visits.url}&per_page=50").content.decode()
    assert all(f"片区企业{i:02}" in visits for i in range(n))
    assert work.not_visited.count == n + 1  # firm A1 too: never visited
    unvisited = client.get(f"{work.not_visited.url}&per_page=50").content.decode()
    assert all(firm.name in unvisited for firm in firms) and world.firm_a1.name in unvisited
    assert world.firm_a2.name not in unvisited


def test_nothing_waiting_is_said_so(world, client):
    steward = UserFactory(username="new_steward", role=Role.STEWARD, park=world.park_a)
    client.force_login(steward)
    body = client.get("/service/my-work/").content.decode()
    for empty in (
        "今天没有等待您处理的工作",
        "没有逾期的诉求",
        "没有今天到期的诉求",
        "没有到期的走访计划",
    ):
        assert empty in body


def test_the_page_reads_in_a_handful_of_queries(world, client, django_assert_max_num_queries):
    steward = world.users["steward"]
    today = timezone.localdate()
    for i in range(30):
        firm = EnterpriseFactory(name=f"片区企业{i}", park=world.park_a, zone=world.zone_a1)
        service_request(firm, title=f"诉求{i}")
        visit(firm, today - dt.timedelta(days=i), VisitStatus.PLANNED)
        visit(firm, today - dt.timedelta(days=100 + i))
    client.force_login(steward)
    client.get("/service/my-work/")  # warm the session and the user's permissions
    with django_assert_max_num_queries(10):
        body = client.get("/service/my-work/").content.decode()
    assert "片区企业" in body and body.count("诉求") >= queries.MY_WORK_ROWS


def test_who_has_a_work_list(world, client):
    client.force_login(world.users["enterprise"])
    assert client.get("/service/my-work/").status_code == 403
    client.force_login(world.users["park_admin"])
    assert client.get("/service/my-work/").status_code == 200
    menu = client.get("/").content.decode()
    assert "/service/my-work/" in menu


def test_a_steward_lands_on_their_work_list_after_signing_in(world, client):
    response = client.post("/accounts/login/", {"username": "steward_a1", "password": "pw"})
    assert response.status_code == 302 and response["Location"] == "/service/my-work/"
    client.logout()
    response = client.post(
        "/accounts/login/?next=/service/visits/", {"username": "steward_a1", "password": "pw"}
    )
    assert response["Location"] == "/service/visits/"

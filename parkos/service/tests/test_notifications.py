"""Notifications (通知): who is told what when a request moves, the list with its unread count
in the navbar, marking read; and the weekly digest each steward receives by mail."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from parkos.core.roles import Role
from parkos.service.actions import escalate_overdue, save_request, take_step
from parkos.service.choices import NotificationKind, Step, VisitStatus
from parkos.service.models import Department, Notification, ServiceRequest, Visit
from parkos.testing.factories import UserFactory, service_request


def _told(user):
    return list(
        Notification.objects.filter(recipient=user).order_by("id").values_list("kind", "text")
    )


def test_each_move_of_a_request_tells_the_people_it_concerns(world):
    steward, firm_user = world.users["steward"], world.users["enterprise"]
    admin = world.users["park_admin"]
    # The enterprise files: its zone's steward is told, once (it is theirs and it was filed).
    request = service_request(world.firm_a1, actor=firm_user, title="断电")
    assert _told(steward) == [(NotificationKind.ASSIGNED, f"{world.firm_a1}：断电")]
    assert _told(firm_user) == []  # nobody is told of their own act

    take_step(request, Step.ACCEPTED, actor=steward)
    take_step(request, Step.ANSWERED, actor=steward, note="已恢复供电")
    assert _told(firm_user) == [(NotificationKind.ANSWERED, f"{world.firm_a1}：断电")]

    take_step(request, Step.REOPENED, actor=firm_user, note="又断了")
    take_step(request, Step.ANSWERED, actor=steward, note="已更换开关")
    take_step(request, Step.CLOSED, actor=firm_user, rating=4)
    kinds = [kind for kind, _text in _told(steward)]
    assert kinds == [NotificationKind.ASSIGNED, NotificationKind.REOPENED, NotificationKind.CLOSED]
    assert len(_told(firm_user)) == 2
    assert _told(admin) == []


def test_a_department_assignment_reaches_its_members_and_escalation_the_park_admins(world):
    member = UserFactory(username="member_a", role=Role.STEWARD, park=world.park_a)
    department = Department.objects.create(park=world.park_a, name="企业服务部")
    department.members.add(member)
    admin = world.users["park_admin"]
    request = service_request(world.firm_a2, actor=admin, department=department, category="safety")
    assert [k for k, _t in _told(member)] == [NotificationKind.ASSIGNED]
    assert _told(world.zone_a2.steward) == []  # raised by the admin, handled by the department

    # Reassigned to a steward: the steward is told.
    values = {
        "enterprise": request.enterprise,
        "category": request.category,
        "title": request.title,
        "description": request.description,
        "assignee": world.zone_a2.steward,
        "department": None,
        "received_at": request.received_at,
    }
    save_request(actor=admin, instance=request, values=values)
    assert [k for k, _t in _told(world.zone_a2.steward)] == [NotificationKind.ASSIGNED]

    admin_b = UserFactory(username="admin_b", role=Role.PARK_ADMIN, park=world.park_b)
    escalate_overdue(now=request.deadline + dt.timedelta(seconds=1))
    assert [k for k, _t in _told(admin)] == [NotificationKind.ESCALATED]
    assert _told(admin_b) == []


def test_the_list_shows_the_unread_count_and_marks_read(world, client):
    steward = world.users["steward"]
    first = service_request(world.firm_a1, actor=world.users["enterprise"], title="第一件")
    service_request(world.firm_a1, actor=world.users["enterprise"], title="第二件")
    client.force_login(steward)
    page = client.get("/service/my-work/").content.decode()
    assert 'id="nav-unread">2<' in page
    page = client.get("/service/notifications/").content.decode()
    assert "第一件" in page and "第二件" in page and page.count('data-unread="1"') == 2

    # Opening one marks it read and goes to the request.
    note = Notification.objects.get(recipient=steward, request=first)
    response = client.post("/service/notifications/read/", {"id": note.pk, "open": "1"})
    assert response.status_code == 302 and response["Location"] == first.get_absolute_url()
    page = client.get("/service/notifications/").content.decode()
    assert 'id="nav-unread">1<' in page and page.count('data-unread="1"') == 1

    # Somebody else's notification is out of reach; "mark all read" clears the rest.
    other = Notification.objects.create(
        recipient=world.users["park_admin"], kind="escalated", text="别人的", link="/"
    )
    client.post("/service/notifications/read/", {"id": other.pk})
    other.refresh_from_db()
    assert other.read_at is None
    client.post("/service/notifications/read/", {})
    page = client.get("/service/notifications/").content.decode()
    assert 'id="nav-unread"' not in page and "别人的" not in page


def test_the_weekly_digest_lists_each_stewards_week(world, mailoutbox):
    steward = world.users["steward"]
    steward.email, steward.first_name, steward.last_name = "s1@park-a.cn", "管家", "王"
    steward.save()
    now = timezone.now()
    late = service_request(
        world.firm_a1, title="逾期的诉求", received_at=now - dt.timedelta(days=30)
    )
    soon = service_request(world.firm_a1, title="本周到期", category="safety", received_at=now)
    today = timezone.localdate(now)
    week_end = timezone.make_aware(  # Monday 00:00, local time
        dt.datetime.combine(today + dt.timedelta(days=7 - today.weekday()), dt.time())
    )
    # Due within the week whatever the time: five minutes ahead failed at 23:57 on a Sunday.
    ServiceRequest.objects.filter(pk=soon.pk).update(deadline=now + (week_end - now) / 2)
    later = service_request(world.firm_a1, title="下月的诉求", category="land", received_at=now)
    ServiceRequest.objects.filter(pk=later.pk).update(deadline=now + dt.timedelta(days=30))
    Visit.objects.create(
        enterprise=world.firm_a1,
        steward=steward,
        on=timezone.localdate() - dt.timedelta(days=1),
        status=VisitStatus.PLANNED,
    )
    steward_a2 = world.zone_a2.steward  # no e-mail address: no mail
    assert not steward_a2.email

    call_command("send_weekly_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in mailoutbox] == [["s1@park-a.cn"]]
    mail = mailoutbox[0]
    assert "1 项逾期" in mail.subject and "本周到期 1 项" in mail.subject
    body = mail.body
    assert "王管家" in body
    assert "逾期诉求（1）" in body and late.title in body and late.get_absolute_url() in body
    assert "本周到期的诉求（1）" in body and "本周到期" in body
    assert "下月的诉求" not in body
    assert "今日及已过期的走访计划（1）" in body
    assert world.firm_a1.name in body and "/service/my-work/" in body

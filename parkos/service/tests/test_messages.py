"""Questions and answers on a request's timeline (留言): the park asks, the enterprise answers,
each side is told, the clock and status stay; an enterprise keeps its own contacts."""

import pytest
from django.core.exceptions import ValidationError

from parkos.core.roles import Role
from parkos.enterprises.models import Contact
from parkos.service.actions import leave_message, take_step
from parkos.service.choices import NotificationKind, Status, Step
from parkos.service.models import Notification
from parkos.testing.factories import UserFactory, service_request


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_question_and_its_answer_on_the_timeline_reach_the_other_side(world, client):
    steward, firm_user = world.users["steward"], world.users["enterprise"]
    request = service_request(world.firm_a1, actor=steward)
    deadline, status = request.deadline, request.status
    Notification.objects.all().delete()
    client.force_login(steward)
    page = client.post(
        f"/service/requests/{request.pk}/message/", {"note": "请提供用电增容申请表。"}, follow=True
    )
    assert "请提供用电增容申请表。" in page.content.decode()
    assert _kinds(firm_user) == [NotificationKind.MESSAGE]
    client.force_login(firm_user)
    page = client.post(
        f"/service/requests/{request.pk}/message/", {"note": "已上传，请查收。"}, follow=True
    )
    assert "已上传，请查收。" in page.content.decode()
    assert NotificationKind.MESSAGE in _kinds(steward)
    request.refresh_from_db()
    assert (request.deadline, request.status) == (deadline, status)
    steps = list(request.events.order_by("at", "id").values_list("step", flat=True))
    assert steps[-2:] == [Step.MESSAGE, Step.MESSAGE]


def test_an_empty_message_or_one_on_a_closed_request_is_refused(world):
    steward, firm_user = world.users["steward"], world.users["enterprise"]
    request = service_request(world.firm_a1, actor=steward)
    with pytest.raises(ValidationError):
        leave_message(request, "  ", actor=steward)
    for step in (Step.ACCEPTED, Step.ANSWERED):
        take_step(request, step, actor=steward, note="已处理")
    take_step(request, Step.CLOSED, actor=firm_user, rating=5)
    assert request.status == Status.CLOSED
    with pytest.raises(ValidationError):
        leave_message(request, "还有一个问题", actor=firm_user)


def test_nobody_writes_on_a_request_outside_its_scope(world, client):
    request = service_request(world.firm_b)
    client.force_login(world.users["enterprise"])
    answer = client.post(f"/service/requests/{request.pk}/message/", {"note": "你好"})
    assert answer.status_code == 404
    assert not request.events.filter(step=Step.MESSAGE).exists()


def test_an_enterprise_adds_and_updates_its_own_contacts_only(world, client):
    client.force_login(world.users["enterprise"])
    form = client.get("/enterprises/contacts/new/")
    assert form.status_code == 200
    page = client.post(
        "/enterprises/contacts/new/",
        {"enterprise": world.firm_a1.uscc, "name": "王经理", "phone": "13800000001"},
    )
    assert page.status_code == 302
    assert Contact.objects.get(name="王经理").enterprise == world.firm_a1
    page = client.post(
        "/enterprises/contacts/new/",
        {"enterprise": world.firm_b.uscc, "name": "冒名", "phone": "13800000002"},
    )
    assert page.status_code == 200  # the form refuses another enterprise's code
    assert not Contact.objects.filter(name="冒名").exists()


def test_either_side_attaches_a_file_that_only_the_requests_readers_download(world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from parkos.service.models import RequestAttachment

    request = service_request(world.firm_a1, actor=world.users["steward"])
    client.force_login(world.users["enterprise"])
    upload = SimpleUploadedFile("积水照片.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    page = client.post(
        f"/service/requests/{request.pk}/attachments/", {"file": upload}, follow=True
    )
    assert "积水照片.png" in page.content.decode()
    found = RequestAttachment.objects.get(request=request)
    assert found.uploaded_by == world.users["enterprise"]
    client.force_login(world.users["steward"])
    assert client.get(f"/service/request-attachments/{found.pk}/").status_code == 200
    other = UserFactory(role=Role.ENTERPRISE, park=world.park_b, enterprise=world.firm_b)
    client.force_login(other)
    assert client.get(f"/service/request-attachments/{found.pk}/").status_code == 404
    client.force_login(world.users["enterprise"])
    script = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    page = client.post(
        f"/service/requests/{request.pk}/attachments/", {"file": script}, follow=True
    )
    assert RequestAttachment.objects.filter(request=request).count() == 1
    assert (
        "x.exe" not in page.content.decode().split('id="request-attachments"')[1].split("</ul>")[0]
    )

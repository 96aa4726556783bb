"""Imports of the staff's Excel logs of events (活动名称, 类型, 日期, 地点, 主办单位, 容量) and of
attendance (活动, 企业, 签到): validated in full, nothing written when a row is bad, each problem
named by row and column; an attendance already recorded counts once."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from parkos.core.models import ImportBatch
from parkos.programmes.models import Attendance, Event
from parkos.programmes.tests.test_events import TODAY, event
from parkos.testing.files import xlsx_bytes

EVENT_HEADERS = ["活动名称", "类型", "日期", "地点", "主办单位", "容量"]


def _upload(client, entity, headers, rows):
    upload = SimpleUploadedFile("log.xlsx", xlsx_bytes(headers, rows))
    client.post("/imports/upload/", {"entity": entity, "file": upload})
    return ImportBatch.objects.latest("pk")


def test_events_import_in_full_or_not_at_all(world, client):
    client.force_login(world.users["park_admin"])  # one park: 园区 may be left out
    rows = [
        ["政策宣讲会", "政策培训", "2024-03-05", "一号会议室", "经发局", 50],
        ["春季招聘会", "招聘", "2024-13-01", "广场", "", 0],
    ]
    batch = _upload(client, "events", EVENT_HEADERS, rows)
    problems = {(e["row"], e["column"]) for e in batch.errors}
    assert problems == {(3, "类型"), (3, "日期"), (3, "主办单位"), (3, "容量")}
    client.post(f"/imports/{batch.pk}/commit/")
    assert not Event.objects.exists()
    rows[1] = ["春季招聘会", "招聘会", "2024-04-01", "广场", "人社局", ""]
    batch = _upload(client, "events", EVENT_HEADERS, rows)
    assert batch.error_count == 0, batch.errors
    client.post(f"/imports/{batch.pk}/commit/")
    fair = Event.objects.get(title="春季招聘会")
    assert (fair.park, fair.kind, fair.on, fair.capacity) == (
        world.park_a,
        "job_fair",
        dt.date(2024, 4, 1),
        None,
    )
    # The same log again updates, it does not duplicate.
    batch = _upload(client, "events", EVENT_HEADERS, rows)
    client.post(f"/imports/{batch.pk}/commit/")
    assert Event.objects.count() == 2


def test_a_district_admin_names_the_park(world, client):
    client.force_login(world.users["district_admin"])
    batch = _upload(
        client, "events", EVENT_HEADERS, [["沙龙", "沙龙", "2024-05-05", "咖啡厅", "园区", 20]]
    )
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "园区")]


def test_attendance_imports_once_per_event_and_enterprise(world, client):
    salon = event(world.park_a, on=TODAY - dt.timedelta(days=3))
    future = event(world.park_a, on=TODAY + dt.timedelta(days=3))
    Attendance.objects.create(event=salon, enterprise=world.firm_a1)
    client.force_login(world.users["park_admin"])
    headers = ["活动", "企业", "签到"]
    rows = [
        [salon.title, world.firm_a1.uscc, "是"],  # already recorded: counts once
        [salon.title, world.firm_a2.name, "是"],
        [salon.title, world.firm_b.uscc, "是"],  # another park's firm: not theirs
        [future.title, world.firm_a2.uscc, "是"],  # before the day
        ["没有的活动", world.firm_a2.uscc, "否"],
    ]
    batch = _upload(client, "attendances", headers, rows)
    problems = {(e["row"], e["column"]) for e in batch.errors}
    assert problems == {(4, "企业"), (5, "活动"), (6, "活动"), (6, "签到")}
    client.post(f"/imports/{batch.pk}/commit/")
    assert Attendance.objects.count() == 1
    batch = _upload(client, "attendances", headers, rows[:2])
    assert batch.error_count == 0, batch.errors
    client.post(f"/imports/{batch.pk}/commit/")
    assert set(Attendance.objects.values_list("enterprise_id", flat=True)) == {
        world.firm_a1.pk,
        world.firm_a2.pk,
    }

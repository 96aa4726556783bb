"""Imports of the service logs staff keep in Excel: visits and service requests, with the
deadline the raise action gives and the timeline the log's status implies; a bad row writes
nothing and is named by row, column and reason."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django.utils.translation import gettext

from parkos.core.choices import BatchStatus
from parkos.core.services import request_commit, start_import
from parkos.service.choices import Status, VisitStatus
from parkos.service.models import Department, RequestCategory, ServiceRequest, Visit
from parkos.service.rules import deadline_for
from parkos.testing.files import upload, xlsx_bytes

VISIT_HEADERS = [
    "企业名称",
    "统一社会信用代码",
    "走访日期",
    "走访人",
    "会见人员",
    "走访内容",
    "发现问题",
]
REQUEST_HEADERS = [
    "企业名称",
    "统一社会信用代码",
    "诉求类别",
    "诉求内容",
    "受理日期",
    "承办人",
    "承办部门",
    "状态",
    "答复内容",
    "办结日期",
    "满意度",
]


def _import(user, entity, headers, rows):
    batch = start_import(
        actor=user, entity=entity, upload=upload("log.xlsx", xlsx_bytes(headers, rows))
    )
    if batch.status == BatchStatus.READY:
        request_commit(actor=user, batch=batch)
        batch.refresh_from_db()
    return batch


def _problems(batch):
    """The batch's errors as (row, column, message); messages are stored in the UI's language."""
    return {(e["row"], e["column"], e["message"]) for e in batch.errors}


def _zh(message, **values):
    with translation.override("zh-hans"):
        return gettext(message) % values


def test_a_visit_log_comes_in_by_name_or_code(world):
    steward_a2 = world.zone_a2.steward
    rows = [
        ["上海甲一生物科技有限公司", "", "2026-03-03", "", "王总", "了解扩产计划", "缺少技工"],
        ["", world.firm_a2.uscc, "2026/03/05", steward_a2.username, "李经理", "回访", ""],
    ]
    batch = _import(world.users["park_admin"], "visits", VISIT_HEADERS, rows)
    assert batch.status == BatchStatus.COMMITTED, batch.errors
    first = Visit.objects.get(enterprise=world.firm_a1)
    assert (first.on, first.status, first.steward, first.findings) == (
        dt.date(2026, 3, 3),
        VisitStatus.DONE,
        world.users["steward"],  # empty 走访人: the zone's steward
        "缺少技工",
    )
    assert Visit.objects.get(enterprise=world.firm_a2).steward == steward_a2

    # The same file again finds the same visits: nothing new.
    again = _import(world.users["park_admin"], "visits", VISIT_HEADERS, rows)
    assert again.status == BatchStatus.COMMITTED and Visit.objects.count() == 2


def test_a_bad_visit_row_writes_nothing_and_is_named(world):
    future = timezone.localdate() + dt.timedelta(days=3)
    rows = [
        ["上海甲一生物科技有限公司", "", "2026-03-03", "", "王总", "走访", ""],
        ["不存在的公司", "", "2026-03-04", "", "", "", ""],
        ["", world.firm_a2.uscc, future.isoformat(), "nobody", "", "", ""],
        [world.firm_b.name, "", "2026-03-04", "", "", "", ""],  # park B: outside park A's admin
    ]
    batch = _import(world.users["park_admin"], "visits", VISIT_HEADERS, rows)
    assert batch.status == BatchStatus.INVALID and Visit.objects.count() == 0
    problems = _problems(batch)
    no_firm = _zh("No enterprise of this name in your parks or zones.")
    assert (3, "企业名称", no_firm) in problems and (5, "企业名称", no_firm) in problems
    assert (4, "走访日期", _zh("A visit cannot be done in the future.")) in problems
    no_steward = _zh("No steward of %(park)s by this name or login.", park="甲园区")
    assert (4, "走访人", no_steward) in problems


def test_a_request_log_comes_in_with_its_deadline_and_timeline(world):
    Department.objects.create(park=world.park_a, name="规划建设部")
    rows = [
        # Received on a Friday, answered the next Thursday (5 working days: on time), closed.
        [
            world.firm_a1.name,
            "",
            "用电",
            "变压器增容\n申请增容到 2000kVA",
            "2025-09-26",
            "",
            "",
            "已办结",
            "已协调供电公司",
            "2025-10-09",
            5,
        ],
        [
            "",
            world.firm_a2.uscc,
            "land",
            "用地指标",
            "2026-03-02",
            "",
            "规划建设部",
            "已受理",
            "",
            "",
            None,
        ],
        [
            "",
            world.firm_a2.uscc,
            "融资",
            "贷款贴息",
            "2026-03-03",
            "steward_a2",
            "",
            "",
            "",
            "",
            None,
        ],
    ]
    batch = _import(world.users["park_admin"], "service-requests", REQUEST_HEADERS, rows)
    assert batch.status == BatchStatus.COMMITTED, batch.errors

    closed = ServiceRequest.objects.get(enterprise=world.firm_a1)
    power = RequestCategory.objects.get(code="power")
    assert closed.title == "变压器增容"
    assert closed.deadline == deadline_for(closed.received_at, power)
    assert timezone.localtime(closed.received_at).date() == dt.date(2025, 9, 26)
    assert (closed.status, closed.rating, closed.assignee) == (
        Status.CLOSED,
        5,
        world.users["steward"],
    )
    events = list(closed.events.order_by("at", "id"))
    assert [e.step for e in events] == ["received", "accepted", "answered", "closed"]
    assert events[0].deadline == closed.deadline and events[2].note == "已协调供电公司"
    assert events[2].at <= closed.deadline  # answered on time, as the figures will judge it
    assert events[3].rating == 5

    land = ServiceRequest.objects.get(category__code="land")
    assert land.department.name == "规划建设部" and land.assignee is None
    assert list(land.events.values_list("step", flat=True)) == ["received", "accepted"]
    finance = ServiceRequest.objects.get(category__code="finance")
    assert finance.status == Status.RECEIVED and finance.assignee == world.zone_a2.steward

    # Imported once: the same file again is refused, row by row.
    again = _import(world.users["park_admin"], "service-requests", REQUEST_HEADERS, rows)
    assert again.status == BatchStatus.INVALID and ServiceRequest.objects.count() == 3


def test_bad_request_rows_write_nothing_and_say_why(world):
    rows = [
        [world.firm_a1.name, "", "用电", "好的一行", "2026-03-02", "", "", "已受理", "", "", None],
        [world.firm_a1.name, "", "天气", "无此类别", "2026-03-02", "", "", "", "", "", None],
        [
            world.firm_a1.name,
            "",
            "用电",
            "办结无评分",
            "2026-03-02",
            "",
            "",
            "已办结",
            "",
            "2026-03-03",
            None,
        ],
        [
            world.firm_a1.name,
            "",
            "用电",
            "先答后收",
            "2026-03-05",
            "",
            "",
            "已答复",
            "",
            "2026-03-02",
            None,
        ],
        [world.firm_a1.name, "", "用电", "状态不明", "2026-03-02", "", "", "搁置", "", "", None],
        [
            world.firm_a1.name,
            "",
            "用电",
            "两个承办",
            "2026-03-02",
            "steward_a1",
            "综合部",
            "",
            "",
            "",
            None,
        ],
        [
            world.firm_a1.name,
            "",
            "用电",
            "未办结有日期",
            "2026-03-02",
            "",
            "",
            "办理中",
            "",
            "2026-03-04",
            4,
        ],
    ]
    batch = _import(world.users["park_admin"], "service-requests", REQUEST_HEADERS, rows)
    assert batch.status == BatchStatus.INVALID and ServiceRequest.objects.count() == 0
    columns = {(e["row"], e["column"]) for e in batch.errors}
    assert {
        (3, "诉求类别"),
        (4, "满意度"),
        (5, "办结日期"),
        (6, "状态"),
        (7, "承办部门"),
    } <= columns
    assert {(8, "办结日期"), (8, "满意度")} <= columns
    assert 2 not in {e["row"] for e in batch.errors}
    rating = _zh("A closed request needs a rating from 1 to 5.")
    assert (4, "满意度", rating) in _problems(batch)


def test_imports_reach_only_the_importers_place(world):
    """A park's admin imports only into their park (the lookups read through their scope);
    stewards and enterprises do not import: they record one visit or request at a time."""
    row = [["", world.firm_b.uscc, "用电", "乙园诉求", "2026-03-02", "", "", "", "", "", None]]
    batch = _import(world.users["park_admin"], "service-requests", REQUEST_HEADERS, row)
    assert _problems(batch) == {
        (2, "统一社会信用代码", _zh("No enterprise with this USCC in your parks or zones."))
    }
    assert _import(world.users["district_admin"], "service-requests", REQUEST_HEADERS, row).status
    assert ServiceRequest.objects.filter(enterprise=world.firm_b).count() == 1
    for role in ("steward", "enterprise", "investment"):
        with pytest.raises(PermissionDenied):
            _import(world.users[role], "visits", VISIT_HEADERS, [])

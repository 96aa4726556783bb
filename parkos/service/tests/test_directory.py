"""The monthly zone directory (片区企业名录): each enterprise with its contact, steward, last
visit and open requests, the month's changes from the register's history, visit coverage per
zone, steward and park on hand-counted cases, and the .xlsx."""

import datetime as dt
import io

from django.utils import timezone
from python_calamine import CalamineWorkbook

from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.models import Contact, Enterprise
from parkos.service import queries
from parkos.service.choices import VisitStatus
from parkos.service.models import Visit
from parkos.testing.factories import EnterpriseFactory, service_request

OCTOBER = dt.date(2026, 10, 1)


def visit(firm, days_ago, status=VisitStatus.DONE):
    on = timezone.localdate() - dt.timedelta(days=days_ago)
    return Visit.objects.create(enterprise=firm, steward=firm.steward, on=on, status=status)


def at(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def dated(firm, day):
    """Date the latest history record of `firm` (the change just saved) on `day`."""
    latest = firm.history.order_by("-history_id").first()
    firm.history.filter(history_id=latest.history_id).update(history_date=at(day))


def table_row(body, name):
    """The directory table's row of the enterprise called `name`."""
    table = body.split('id="month-changes"')[0]
    return next(row for row in table.split("<tr>") if name in row)


def test_the_directory_shows_contact_steward_last_visit_and_open_requests(world, client):
    Contact.objects.create(
        enterprise=world.firm_a1, name="王经理", phone="13812345678", is_primary=True
    )
    Contact.objects.create(enterprise=world.firm_a1, name="李会计", phone="13900000000")
    visit(world.firm_a1, 12)
    visit(world.firm_a1, 3, VisitStatus.PLANNED)  # planned, not a visit yet
    service_request(world.firm_a1, title="一")
    service_request(world.firm_a1, title="二")
    client.force_login(world.users["steward"])
    body = client.get(f"/service/directory/?zone={world.zone_a1.pk}").content.decode()
    row = table_row(body, world.firm_a1.name)
    last = (timezone.localdate() - dt.timedelta(days=12)).isoformat()
    assert "王经理" in row and "13812345678" in row and "李会计" not in row
    assert last in row and ">2<" in row and world.zone_a1.steward.display_name in row
    assert world.firm_a2.name not in body and world.firm_b.name not in body
    # A leader reads the directory but not the phone number in full.
    client.force_login(world.users["leader_park"])
    body = client.get("/service/directory/").content.decode()
    assert "王经理" in body and "13812345678" not in body and world.firm_a2.name in body


def test_the_months_changes_come_from_the_registers_history(world, client):
    Enterprise.history.update(history_date=at(dt.date(2026, 1, 5)))  # the register in January
    arrived = EnterpriseFactory(name="十月迁入公司", park=world.park_a, zone=world.zone_a1)
    dated(arrived, dt.date(2026, 10, 8))
    closing = EnterpriseFactory(name="十月注销公司", park=world.park_a, zone=world.zone_a1)
    dated(closing, dt.date(2026, 2, 1))
    closing.status = EnterpriseStatus.CLOSED
    closing.save()
    dated(closing, dt.date(2026, 10, 12))
    world.firm_a1.zone = world.zone_a2  # leaves zone A1 for A2
    world.firm_a1.save()
    dated(world.firm_a1, dt.date(2026, 10, 20))
    world.firm_a2.status = EnterpriseStatus.MOVED_OUT  # November: not October's
    world.firm_a2.save()
    dated(world.firm_a2, dt.date(2026, 11, 3))

    admin = world.users["park_admin"]
    zone_a1 = {
        (c.name, c.kind, c.before, c.after)
        for c in queries.month_changes(admin, OCTOBER, zone=world.zone_a1)
    }
    assert zone_a1 == {
        ("十月迁入公司", "moved_in", "", "甲一片区"),
        ("十月注销公司", "status", "在营", "注销"),
        (world.firm_a1.name, "moved_out", "甲一片区", "甲二片区"),
    }
    zone_a2 = queries.month_changes(admin, OCTOBER, zone=world.zone_a2)
    assert [(c.name, c.kind) for c in zone_a2] == [(world.firm_a1.name, "moved_in")]
    park = {c.name for c in queries.month_changes(admin, OCTOBER, park=world.park_a)}
    assert park == {"十月迁入公司", "十月注销公司"}  # moving between zones stays in the park
    november = queries.month_changes(admin, dt.date(2026, 11, 1), park=world.park_a)
    assert [(c.name, c.kind) for c in november] == [(world.firm_a2.name, "moved_out")]

    client.force_login(admin)
    body = client.get(f"/service/directory/?zone={world.zone_a1.pk}&month=2026-10").content
    body = body.decode()
    assert "2026-10 的变化" in body and "迁入" in body and "迁出" in body and "状态变更" in body
    assert world.firm_a1.name in body.split('id="month-changes"')[1]  # left, still listed
    # A steward's changes are of what they see: steward A2 was never shown 十月注销公司.
    client.force_login(world.zone_a2.steward)
    body = client.get("/service/directory/?month=2026-10").content.decode()
    changes = body.split('id="month-changes"')[1]
    assert world.firm_a1.name in changes and "十月注销公司" not in changes


def test_coverage_per_zone_steward_and_park_on_hand_counted_cases(world, client):
    recent = EnterpriseFactory(name="近期走访公司", park=world.park_a, zone=world.zone_a1)
    old = EnterpriseFactory(name="久未走访公司", park=world.park_a, zone=world.zone_a1)
    EnterpriseFactory(
        name="已迁出公司", park=world.park_a, zone=world.zone_a1, status=EnterpriseStatus.MOVED_OUT
    )
    visit(recent, 10)
    visit(old, 200)
    visit(world.firm_a2, 5)
    # Zone A1: firm A1 (never), recent, old → 3 operating, 2 not visited within 90 days.
    since = timezone.localdate() - dt.timedelta(days=90)
    figures = queries.coverage(Enterprise.objects.all(), since)
    rows = {
        level: {c.label: (c.total, c.due, c.rate) for c in entries}
        for level, entries in figures.items()
    }
    assert rows["zone"] == {
        "甲园区 · 甲一片区": (3, 2, 33.3),
        "甲园区 · 甲二片区": (1, 0, 100.0),
        "乙园区 · 乙一片区": (1, 1, 0.0),
    }
    steward_a1, steward_a2 = world.zone_a1.steward, world.zone_a2.steward
    assert rows["steward"][steward_a1.display_name] == (3, 2, 33.3)
    assert rows["steward"][steward_a2.display_name] == (1, 0, 100.0)
    assert rows["park"] == {"甲园区": (4, 2, 50.0), "乙园区": (1, 1, 0.0)}
    # A window of 300 days: only firm A1 (never visited) and park B's firm are due.
    wide = queries.coverage(Enterprise.objects.all(), since - dt.timedelta(days=210))
    assert {c.label: c.due for c in wide["park"]} == {"甲园区": 1, "乙园区": 1}

    client.force_login(world.users["steward"])
    body = client.get("/service/directory/").content.decode()
    park = body.split('id="coverage-park"')[1].split("</tbody>")[0]
    assert "甲园区" in park and "33.3%" in park and "乙园区" not in park
    body = client.get("/service/directory/?days=300").content.decode()
    assert "66.7%" in body.split('id="coverage-zone"')[1]


def test_the_directory_exports_what_it_shows(world, client):
    Enterprise.history.update(history_date=at(dt.date(2026, 1, 5)))
    Contact.objects.create(enterprise=world.firm_a1, name="王经理", is_primary=True)
    new = EnterpriseFactory(name="本月迁入公司", park=world.park_a, zone=world.zone_a1)
    client.force_login(world.users["steward"])
    response = client.get("/service/directory/?export=xlsx")
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    rows = book.get_sheet_by_index(0).to_python()
    header, cells = rows[0], {row[0]: row for row in rows[1:]}
    assert "本月变化" in header and "主要联系人" in header
    assert set(cells) == {world.firm_a1.name, new.name}
    assert "王经理" in cells[world.firm_a1.name] and "从未走访" in cells[world.firm_a1.name]
    assert "迁入" in cells[new.name]


def test_who_reads_the_directory(world, client, django_assert_max_num_queries):
    for i in range(30):
        firm = EnterpriseFactory(name=f"名录企业{i}", park=world.park_a, zone=world.zone_a1)
        Contact.objects.create(enterprise=firm, name=f"联系人{i}", is_primary=True)
        visit(firm, i * 5)
        service_request(firm, title=f"诉求{i}")
    client.force_login(world.users["steward"])
    client.get("/service/directory/")
    with django_assert_max_num_queries(16):
        body = client.get("/service/directory/?per_page=50").content.decode()
    assert "名录企业29" in body and "联系人29" in body
    for role in ("enterprise", "investment"):
        client.force_login(world.users[role])
        assert client.get("/service/directory/").status_code == 403

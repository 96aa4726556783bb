"""Events: the declared entities' suites, the rules (capacity, duplicates, attendance from the
day, feedback by attendees), 企业家次 on hand cases, scoping per role, and the journey an
enterprise registers → staff take attendance → the figures change."""

import datetime as dt
import io
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from python_calamine import CalamineWorkbook

from parkos.enterprises.models import Tag
from parkos.programmes import actions
from parkos.programmes.audience import audience
from parkos.programmes.entities import events, registrations
from parkos.programmes.figures import scoped_figures
from parkos.programmes.models import Attendance, Event, Registration
from parkos.testing.mixins import EntityTests

_n = itertools.count(1)
TODAY = timezone.localdate()
LATER = TODAY + dt.timedelta(days=30)


def event(park, on=None, kind="salon", capacity=None, **extra):
    n = next(_n)
    return Event.objects.create(
        park=park,
        kind=kind,
        title=f"活动{n}",
        organiser="园区服务中心",
        on=on or LATER,
        place="创新大厦",
        capacity=capacity,
        **extra,
    )


class TestEvents(EntityTests):
    entity = events
    # Everyone working in park A sees its events: stewards and enterprises included.
    sees = {
        "district_admin": {"a", "b"},
        "park_admin": {"a"},
        "investment": {"a"},
        "steward": {"a"},
        "leader_park": {"a"},
        "leader_district": {"a", "b"},
        "enterprise": {"a"},
        "system_admin": set(),
        "security_admin": set(),
        "audit_admin": set(),
    }
    import_keys = ("b", "a")

    def owners(self, world):
        return {"a": world.park_a, "b": world.park_b}

    def make(self, world, owner):
        return event(owner)

    def form_data(self, world, owner):
        return {
            "park": owner.pk,
            "kind": "policy_training",
            "title": f"政策宣讲会{next(_n)}",
            "organiser": "经发局",
            "on": f"{LATER:%Y-%m-%d}",
            "starts_at": "14:30",
            "place": "一号会议室",
            "capacity": 30,
            "description": "",
        }


class TestRegistrations(EntityTests):
    entity = registrations

    def make(self, world, firm):
        return Registration.objects.create(event=event(firm.park), enterprise=firm)

    def export_marker(self, row):
        return row.event.title

    def form_data(self, world, firm):
        return {"event": event(firm.park).pk, "enterprise": firm.uscc}


# The rules ---------------------------------------------------------------------------------


def test_capacity_refuses_the_next_enterprise_and_names_it(world, client):
    full = event(world.park_a, capacity=1)
    admin = world.users["park_admin"]
    actions.register(full, world.firm_a1, actor=admin)
    with pytest.raises(ValidationError) as refused:
        actions.register(full, world.firm_a2, actor=admin)
    assert "容量为 1 家企业" in " ".join(refused.value.messages)
    client.force_login(admin)
    page = client.post(
        "/programmes/registrations/new/", {"event": full.pk, "enterprise": world.firm_a2.uscc}
    )
    assert page.status_code == 200 and "容量为 1 家企业" in page.content.decode()
    api = client.post(
        "/api/v1/programmes/registrations",
        {"event": full.pk, "enterprise": world.firm_a2.uscc},
        content_type="application/json",
    )
    assert api.status_code == 422 and "容量" in api.json()["detail"]
    assert full.registrations.count() == 1


def test_an_enterprise_registers_once(world, client):
    talk = event(world.park_a)
    actions.register(talk, world.firm_a1, actor=None)
    client.force_login(world.users["enterprise"])
    client.post(f"/programmes/events/{talk.pk}/register/")
    assert talk.registrations.count() == 1
    api = client.post(
        "/api/v1/programmes/registrations",
        {"event": talk.pk, "enterprise": world.firm_a1.uscc},
        content_type="application/json",
    )
    assert api.status_code == 422 and "已报名" in api.json()["detail"]


def test_an_enterprise_takes_part_in_its_own_parks_events(world):
    with pytest.raises(ValidationError, match="不是"):
        actions.register(event(world.park_a), world.firm_b, actor=None)


def test_attendance_is_taken_from_the_day_of_the_event(world, client):
    tomorrow = event(world.park_a, on=TODAY + dt.timedelta(days=1))
    registration = actions.register(tomorrow, world.firm_a1, actor=None)
    with pytest.raises(ValidationError, match="起签到"):
        actions.record_attendance(tomorrow, world.firm_a1, actor=world.users["park_admin"])
    client.force_login(world.users["park_admin"])
    response = client.post(
        f"/programmes/events/{tomorrow.pk}/attendance/",
        {"registration": registration.pk},
        HTTP_HX_REQUEST="true",
    )
    assert "起签到" in response.content.decode() and not Attendance.objects.exists()
    today = event(world.park_a, on=TODAY)
    assert actions.record_attendance(today, world.firm_a1, actor=None).walk_in


def test_feedback_only_by_an_attendee(world, client):
    today = event(world.park_a, on=TODAY)
    actions.register(today, world.firm_a1, actor=None)
    client.force_login(world.users["enterprise"])
    client.post(f"/programmes/events/{today.pk}/feedback/", {"rating": 5, "comment": "很好"})
    assert not Attendance.objects.exists()
    with pytest.raises(ValidationError, match="未参加"):
        actions.give_feedback(today, world.firm_a1, actor=world.users["enterprise"], rating=5)
    actions.record_attendance(today, world.firm_a1, actor=world.users["park_admin"])
    response = client.post(
        f"/programmes/events/{today.pk}/feedback/", {"rating": 4, "comment": "政策讲得清楚"}
    )
    attended = Attendance.objects.get()
    assert response.status_code == 302 and (attended.rating, attended.comment) == (
        4,
        "政策讲得清楚",
    )
    assert attended.history.first().history_user == world.users["enterprise"]
    with pytest.raises(ValidationError, match="1 到 5"):
        actions.give_feedback(today, world.firm_a1, actor=world.users["enterprise"], rating=9)


def test_an_attended_registration_is_not_cancelled(world):
    today = event(world.park_a, on=TODAY)
    registration = actions.register(today, world.firm_a1, actor=None)
    actions.record_attendance(today, world.firm_a1, actor=None)
    with pytest.raises(ValidationError, match="保留"):
        actions.cancel_registration(actor=world.users["enterprise"], instance=registration)


# 企业家次 ----------------------------------------------------------------------------------


def test_enterprise_attendances_count_event_enterprise_pairs(world):
    admin = world.users["park_admin"]
    march = dt.date(2025, 3, 10)
    salon, training = (
        event(world.park_a, on=march),
        event(world.park_a, on=march, kind="policy_training"),
    )
    fair = event(world.park_a, on=dt.date(2025, 5, 6), kind="job_fair")
    event(world.park_b, on=march)  # another park's: not counted for park A
    for e, firm in ((salon, world.firm_a1), (training, world.firm_a1), (salon, world.firm_a2)):
        actions.record_attendance(e, firm, actor=admin)
    actions.record_attendance(salon, world.firm_a1, actor=admin)  # ticked twice: counts once
    Registration.objects.create(event=fair, enterprise=world.firm_a2)
    rows = scoped_figures(admin, 2025)
    assert rows["total"] == {"events": 3, "registered": 1, "attending": 2, "attendances": 3}
    kinds = {r["key"]: r for r in rows["kinds"]}
    assert (kinds["salon"]["attendances"], kinds["policy_training"]["attendances"]) == (2, 1)
    assert kinds["job_fair"]["registered"] == 1 and kinds["job_fair"]["attendances"] == 0
    march_row = rows["months"][2]
    assert (march_row["events"], march_row["attending"], march_row["attendances"]) == (2, 2, 3)
    assert rows["months"][4]["events"] == 1
    # The steward of zone A1 counts their zones' enterprises only; the district both parks.
    steward = scoped_figures(world.users["steward"], 2025)["total"]
    assert (steward["events"], steward["attendances"]) == (3, 2)
    assert scoped_figures(world.users["district_admin"], 2025)["total"]["events"] == 4
    assert scoped_figures(world.users["district_admin"], 2025, world.park_b.pk)["total"] == {
        "events": 1,
        "registered": 0,
        "attending": 0,
        "attendances": 0,
    }


# Scoping -----------------------------------------------------------------------------------


def test_each_role_sees_its_registrations(world, client):
    talk = event(world.park_a)
    for firm in (world.firm_a1, world.firm_a2):
        actions.register(talk, firm, actor=None)
    expected = {"park_admin": 2, "steward": 1, "enterprise": 1, "district_admin": 2}
    for role, count in expected.items():
        client.force_login(world.users[role])
        listed = client.get("/api/v1/programmes/registrations").json()
        items = listed["items"] if isinstance(listed, dict) else listed
        assert len(items) == count, role
    client.force_login(world.users["enterprise"])
    page = client.get(talk.get_absolute_url()).content.decode()
    assert world.firm_a1.name in page and world.firm_a2.name not in page


def test_enterprise_sees_its_parks_upcoming_events(world, client):
    mine, other, past = (
        event(world.park_a),
        event(world.park_b),
        event(world.park_a, on=TODAY - dt.timedelta(days=3)),
    )
    client.force_login(world.users["enterprise"])
    body = client.get("/programmes/upcoming/").content.decode()
    assert mine.title in body and other.title not in body and past.title not in body
    assert "尚未报名任何活动" in body


# The audience: target zones, clusters and tags (重点企业 marks the key enterprises) -----------


def test_an_event_for_the_key_enterprises_reaches_the_tagged_firms_only(world, client):
    key = Tag.objects.create(name="重点企业")
    world.firm_a2.tags.add(key)
    breakfast = event(world.park_a)
    client.force_login(world.users["park_admin"])
    response = client.post(
        f"/programmes/events/{breakfast.pk}/edit/",
        {
            "park": world.park_a.pk,
            "kind": "salon",
            "title": "企业家早餐会",
            "organiser": "管委会",
            "on": f"{LATER:%Y-%m-%d}",
            "place": "创新大厦",
            "tags": [key.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(breakfast.tags.all()) == [key]
    page = client.get(breakfast.get_absolute_url()).content.decode()
    assert "面向标签" in page and "重点企业" in page
    assert 'id="audience-count">共 1 家企业<' in page

    client.force_login(world.users["enterprise"])  # firm A1: not tagged
    assert "面向贵企业" not in client.get("/programmes/upcoming/").content.decode()
    world.firm_a1.tags.add(key)
    upcoming = client.get("/programmes/upcoming/").content.decode()
    assert "面向贵企业" in upcoming
    assert 'id="meant-for-us"' in client.get(breakfast.get_absolute_url()).content.decode()


def test_target_zones_and_clusters_narrow_the_audience_and_every_set_must_hold(world):
    cluster = world.firm_a1.clusters.get()
    talk = event(world.park_a)
    assert set(audience(talk)) == {world.firm_a1, world.firm_a2}
    talk.zones.add(world.zone_a2)
    assert set(audience(talk)) == {world.firm_a2}
    talk.clusters.add(cluster)  # firm A2 is in zone A2 but not in the cluster
    assert set(audience(talk)) == set()
    talk.zones.add(world.zone_a1)
    assert set(audience(talk)) == {world.firm_a1}
    world.firm_a1.status = "moved_out"
    world.firm_a1.save()
    assert set(audience(talk)) == set()


def test_a_target_tag_of_another_park_is_refused(world):
    theirs = Tag.objects.create(name="重点企业", park=world.park_b)
    talk = event(world.park_a)
    with pytest.raises(ValidationError) as refused:
        actions.save_event(
            actor=world.users["district_admin"],
            instance=talk,
            values={"title": talk.title, "tags": [theirs]},
        )
    assert "重点企业" in str(refused.value.message_dict["tags"])
    assert not talk.tags.exists()


# The journey -------------------------------------------------------------------------------


def test_register_take_attendance_and_the_figures_change(world, client):
    today = event(world.park_a, on=TODAY, capacity=10)
    client.force_login(world.users["enterprise"])
    assert client.post(f"/programmes/events/{today.pk}/register/").status_code == 302
    registration = Registration.objects.get(event=today)
    assert registration.registered_by == world.users["enterprise"]
    assert today.title in client.get("/programmes/upcoming/").content.decode()

    client.force_login(world.users["park_admin"])
    before = scoped_figures(world.users["park_admin"], TODAY.year)["total"]
    sheet = client.post(
        f"/programmes/events/{today.pk}/attendance/",
        {"registration": registration.pk, "present": "1"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert 'aria-pressed="true"' in sheet
    walk_in = client.post(
        f"/programmes/events/{today.pk}/attendance/",
        {"enterprise": world.firm_a2.uscc},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert world.firm_a2.name in walk_in and "现场" in walk_in
    after = scoped_figures(world.users["park_admin"], TODAY.year)["total"]
    assert after["attendances"] == before["attendances"] + 2
    assert after["attending"] == before["attending"] + 2
    figures = client.get(f"/programmes/figures/?year={TODAY.year}")
    assert figures.status_code == 200 and "events-data" in figures.content.decode()
    export = client.get(f"/programmes/figures/?year={TODAY.year}&export=xlsx")
    book = CalamineWorkbook.from_filelike(io.BytesIO(export.content))
    year_sheet = book.get_sheet_by_index(2).to_python()
    assert year_sheet[-1][1:] == [
        after["events"],
        after["registered"],
        after["attending"],
        after["attendances"],
    ]
    # Unticked by mistake: the count goes back.
    client.post(
        f"/programmes/events/{today.pk}/attendance/",
        {"registration": registration.pk, "present": "0"},
    )
    assert scoped_figures(world.users["park_admin"], TODAY.year)["total"]["attendances"] == (
        before["attendances"] + 1
    )


def test_the_sheet_names_what_is_missing(world, client):
    today = event(world.park_a, on=TODAY)
    client.force_login(world.users["park_admin"])
    response = client.post(f"/programmes/events/{today.pk}/attendance/", {}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "请勾选已报名此活动的企业" in response.content.decode()


def test_filters_and_figures_take_only_a_calendar_year(world, client):
    talk = event(world.park_a, on=dt.date(2025, 4, 1))
    client.force_login(world.users["park_admin"])
    for year in ("10000", "1.5", "-3", "99999999999"):
        listed = client.get(f"/api/v1/programmes/events?year={year}")
        assert listed.status_code in (200, 422) and talk.title not in listed.content.decode()
        assert client.get(f"/programmes/figures/?year={year}").status_code == 200
    assert talk.title in client.get("/api/v1/programmes/events?year=2025").content.decode()
    huge = client.get("/api/v1/programmes/registrations?event=99999999999999999999")
    assert huge.status_code in (200, 422)

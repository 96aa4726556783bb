"""Visits: the declared entity's suite, the 无事不扰 warnings before planning, and findings that
become a service request in one click."""

import datetime as dt
import itertools

from parkos.core.roles import Role
from parkos.service.choices import Source, VisitStatus
from parkos.service.entities import visits
from parkos.service.models import RequestCategory, ServiceProfile, ServiceRequest, Visit
from parkos.testing.factories import UserFactory
from parkos.testing.mixins import EntityTests

_n = itertools.count(1)


class TestVisits(EntityTests):
    entity = visits

    def make(self, world, firm):
        return Visit.objects.create(
            enterprise=firm,
            steward=firm.steward,
            on=dt.date(2026, 3, 2) + dt.timedelta(days=next(_n) % 20),
            status=VisitStatus.DONE,
            people_met=f"张总{next(_n)}",
        )

    def export_marker(self, row):
        return row.enterprise.name

    def form_data(self, world, firm):
        return {
            "enterprise": firm.uscc,
            "status": "planned",
            "on": "2026-04-15",
            "people_met": "",
            "notes": f"走访计划{next(_n)}",
            "findings": "",
            "confirm": "on",
        }

    def import_file(self, world, firm):
        return (
            ["统一社会信用代码", "走访日期", "会见人员", "走访内容"],
            [[firm.uscc, f"2026-02-{next(_n) % 20 + 1:02d}", "张总", "了解生产情况"]],
        )


def plan(client, firm, on="2026-04-15", **extra):
    data = {"enterprise": firm.uscc, "status": "planned", "on": on, **extra}
    return client.post("/service/visits/new/", data)


def test_planning_warns_when_the_enterprise_asked_for_fewer_visits(world, client):
    ServiceProfile.objects.create(enterprise=world.firm_a1, fewer_visits=True, note="生产旺季")
    client.force_login(world.users["steward"])
    response = plan(client, world.firm_a1)
    body = response.content.decode()
    assert response.status_code == 200 and "希望减少走访" in body and "生产旺季" in body
    assert not Visit.objects.exists()
    assert plan(client, world.firm_a1, confirm="on").status_code == 302
    visit = Visit.objects.get()
    assert visit.steward == world.users["steward"] and visit.status == VisitStatus.PLANNED


def test_planning_warns_when_anyone_visited_this_month(world, client):
    Visit.objects.create(
        enterprise=world.firm_a1,
        steward=world.zone_a2.steward,  # another zone's steward: anyone counts
        on=dt.date(2026, 4, 2),
        status=VisitStatus.DONE,
    )
    client.force_login(world.users["park_admin"])
    body = plan(client, world.firm_a1, on="2026-04-20").content.decode()
    assert "本月已走访" in body and "2026-04-02" in body
    assert plan(client, world.firm_a1, on="2026-05-06").status_code == 302  # another month
    api = client.post(
        "/api/v1/service/visits",
        {"enterprise": world.firm_a1.uscc, "status": "planned", "on": "2026-04-22"},
        content_type="application/json",
    )
    assert api.status_code == 422 and "本月已走访" in api.json()["detail"]
    assert Visit.objects.filter(on=dt.date(2026, 4, 22)).count() == 0


def test_a_visit_is_not_done_in_the_future(world, client):
    client.force_login(world.users["steward"])
    response = client.post(
        "/service/visits/new/",
        {"enterprise": world.firm_a1.uscc, "status": "done", "on": "2099-01-01"},
    )
    assert response.status_code == 200 and "不能是将来" in response.content.decode()


def test_a_finding_becomes_a_request_in_one_click(world, client):
    visit = Visit.objects.create(
        enterprise=world.firm_a1,
        steward=world.users["steward"],
        on=dt.date(2026, 3, 3),
        status=VisitStatus.DONE,
        findings="厂房屋顶漏雨\n雨季前需修复",
    )
    client.force_login(world.users["steward"])
    page = client.get(visit.get_absolute_url()).content.decode()
    assert 'id="visit-to-request"' in page
    water = RequestCategory.objects.get(code="water")
    response = client.post(f"/service/visits/{visit.pk}/request/", {"category": water.pk})
    request = ServiceRequest.objects.get(visit=visit)
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    assert (request.title, request.source, request.category) == (
        "厂房屋顶漏雨",
        Source.VISIT,
        water,
    )
    assert request.assignee == world.users["steward"] and request.events.count() == 1
    assert "厂房屋顶漏雨" in client.get(visit.get_absolute_url()).content.decode()
    # Through the API, too; a visit with nothing found has nothing to raise.
    api = client.post(
        f"/api/v1/service/visits/{visit.pk}/request",
        {"category": "power", "title": "配电房老化"},
        content_type="application/json",
    )
    assert api.status_code == 201 and api.json()["source"] == "visit"
    empty = Visit.objects.create(enterprise=world.firm_a1, on=dt.date(2026, 3, 4))
    api = client.post(
        f"/api/v1/service/visits/{empty.pk}/request",
        {"category": "power"},
        content_type="application/json",
    )
    assert api.status_code == 422 and "findings" in api.json()["detail"]


def test_another_zones_visit_is_not_raised_from(world, client):
    visit = Visit.objects.create(
        enterprise=world.firm_a2, on=dt.date(2026, 3, 3), findings="道路破损"
    )
    client.force_login(world.users["steward"])  # steward of zone A1
    water = RequestCategory.objects.get(code="water")
    response = client.post(f"/service/visits/{visit.pk}/request/", {"category": water.pk})
    assert response.status_code == 404 and not ServiceRequest.objects.exists()


def test_the_visit_list_answers_mine_and_findings_both_ways(world, client):
    """我的走访 and 有发现, 是 and 否: the steward's own visit with findings against a park
    colleague's without, both of zone A1's firm, told apart by the people met."""
    colleague = UserFactory(username="colleague_steward", role=Role.STEWARD, park=world.park_a)
    on = dt.date(2026, 3, 2)
    common = {"enterprise": world.firm_a1, "on": on, "status": VisitStatus.DONE}
    Visit.objects.create(steward=world.users["steward"], people_met="自己见的王总", **common)
    Visit.objects.create(steward=colleague, people_met="同事见的李总", findings="", **common)
    Visit.objects.filter(people_met="自己见的王总").update(findings="厂房漏水")
    client.force_login(world.users["steward"])
    for query, shown, hidden in (
        ("mine=true", "自己见的王总", "同事见的李总"),
        ("mine=false", "同事见的李总", "自己见的王总"),
        ("has_findings=true", "自己见的王总", "同事见的李总"),
        ("has_findings=false", "同事见的李总", "自己见的王总"),
    ):
        body = client.get(f"/service/visits/?{query}").content.decode()
        assert shown in body and hidden not in body, query

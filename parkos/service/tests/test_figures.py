"""Request figures on hand-counted cases: on-time rate, mean response and resolution in working
days, satisfaction, by category, steward and department; the page, its scope and its .xlsx."""

import datetime as dt
import io

from python_calamine import CalamineWorkbook

from parkos.core.roles import Role
from parkos.service import queries
from parkos.service.actions import take_step
from parkos.service.choices import Step
from parkos.service.models import Department, ServiceRequest
from parkos.testing.factories import RECEIVED, UserFactory, service_request

CST = RECEIVED.tzinfo  # Monday 2 March 2026, 10:00, a working day


def on(day, hour=9):
    return dt.datetime(2026, 3, day, hour, 0, tzinfo=CST)


def handle(request, actor, accepted=None, answered=None, rating=None):
    if accepted:
        take_step(request, Step.ACCEPTED, actor=actor, at=accepted)
    if answered:
        take_step(request, Step.ANSWERED, actor=actor, note="已办理", at=answered)
    if rating:
        take_step(request, Step.CLOSED, actor=None, rating=rating, at=answered)
    return request


def cases(world):
    """Four requests of firm A1 received on Monday 2 March 2026 at 10:00 (政策咨询: 5 working
    days, due Monday 9 March 17:30; 用电: 5 days too)."""
    steward = world.zone_a1.steward
    member = UserFactory(username="power_officer", role=Role.STEWARD, park=world.park_a)
    department = Department.objects.create(park=world.park_a, name="供电服务部")
    department.members.add(member)
    # Accepted Tuesday (1 working day), answered Wednesday (2): on time; rated 5.
    handle(service_request(world.firm_a1, title="一"), steward, on(3), on(4), 5)
    # Accepted the same day (0), answered Monday 23 March (15 working days): late; rated 3.
    handle(service_request(world.firm_a1, title="二"), steward, on(2, 15), on(23), 3)
    # Never accepted, its deadline long passed: late.
    service_request(world.firm_a1, title="三")
    # The department: accepted at once (0), answered Friday 6 March (4): on time; rated 4.
    power = service_request(world.firm_a1, category="power", title="四", department=department)
    handle(power, member, on(2, 11), on(6), 4)


def test_the_figures_of_hand_counted_requests(world):
    cases(world)
    result = queries.request_figures(ServiceRequest.objects.all())
    total = result.total
    assert (total.count, total.judged, total.on_time, total.on_time_rate) == (4, 4, 2, 50.0)
    assert total.mean_response == 0.3  # (1 + 0 + 0) / 3
    assert total.mean_resolution == 7.0  # (2 + 15 + 4) / 3
    assert total.satisfaction == 4.0  # (5 + 3 + 4) / 3
    power, policy = result.by["category"]  # in the categories' order
    assert (policy.label, policy.count, policy.on_time_rate) == ("政策咨询", 3, 33.3)
    assert (policy.mean_response, policy.mean_resolution, policy.satisfaction) == (0.5, 8.5, 4.0)
    assert (power.label, power.on_time_rate, power.mean_resolution) == ("用电", 100.0, 4.0)
    [steward] = result.by["steward"]
    assert (steward.label, steward.count, steward.on_time_rate) == ("steward_a1", 3, 33.3)
    [department] = result.by["department"]
    assert (department.label, department.count, department.satisfaction) == ("供电服务部", 1, 4.0)


def test_a_request_not_yet_due_is_not_judged_and_a_reopened_one_keeps_its_first_round(world):
    request = service_request(world.firm_a1, title="未到期")
    before_deadline = request.deadline - dt.timedelta(hours=1)
    result = queries.request_figures(ServiceRequest.objects.all(), now=before_deadline)
    assert (result.total.count, result.total.judged, result.total.on_time_rate) == (1, 0, None)
    steward = world.zone_a1.steward
    handle(request, steward, on(3), on(5))  # answered Thursday: on time
    take_step(request, Step.REOPENED, actor=None, note="没有解决", at=on(20))
    result = queries.request_figures(ServiceRequest.objects.all())
    assert (result.total.on_time, result.total.mean_resolution) == (1, 3.0)


def test_the_page_shows_the_figures_in_scope_and_exports_them(world, client):
    cases(world)
    service_request(world.firm_b, title="乙园区诉求")
    client.force_login(world.users["park_admin"])
    body = client.get("/service/figures/?year=2026").content.decode()
    assert "诉求统计" in body and "按时率" in body and "供电服务部" in body
    first = body.split('id="figures-1"')[1].split("</tr>")[1]  # the total row
    assert ">4<" in first and ">50.0<" in first and ">7.0<" in first and ">4.0<" in first
    client.force_login(world.users["district_admin"])
    body = client.get(f"/service/figures/?year=2026&park={world.park_b.pk}").content.decode()
    assert "政策咨询" in body and "供电服务部" not in body
    assert "暂无" in client.get("/service/figures/?year=2025").content.decode()
    client.force_login(world.users["park_admin"])
    response = client.get("/service/figures/?year=2026&export=xlsx")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    sheet = book.get_sheet_by_index(0).to_python()
    assert sheet[0][4] == "按时率（%）" and sheet[1][1:5] == [4, 4, 2, 50.0]
    client.force_login(world.users["enterprise"])
    assert client.get("/service/figures/").status_code == 403

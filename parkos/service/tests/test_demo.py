"""The demo park's service year: made through the actions, so its timelines, deadlines and
figures are coherent; the counts of late, reopened, overdue and escalated requests are the
plan's."""

from django.utils import timezone

from parkos.enterprises.demo import MAIN_PARK, DemoSize, generate
from parkos.service import demo, queries
from parkos.service.choices import OPEN, Status, Step
from parkos.service.models import (
    Department,
    RequestEvent,
    ServicePackage,
    ServiceRequest,
    Visit,
)


def test_the_demo_year_has_its_overdue_escalated_and_reopened_requests(db):
    generate(DemoSize(enterprises=80, months=0), seed=2024)
    made = demo.seed()
    assert (
        made
        == demo.ORDINARY + demo.LATE + demo.REOPENED + demo.WAITING + demo.OVERDUE + demo.RECENT
    )
    assert demo.seed() == 0  # loaded once

    requests = ServiceRequest.objects.filter(enterprise__park__name=MAIN_PARK)
    now = timezone.now()
    overdue = requests.filter(status__in=OPEN, deadline__lt=now)
    assert overdue.count() == demo.OVERDUE
    assert requests.filter(escalated_at__isnull=False).count() == demo.OVERDUE + demo.LATE
    reopened = requests.filter(events__step=Step.REOPENED).distinct()
    assert reopened.count() == demo.REOPENED
    assert all(r.status == Status.CLOSED for r in reopened)
    assert requests.filter(status=Status.ANSWERED).count() == demo.WAITING
    recent = requests.filter(status__in=OPEN, deadline__gte=now)
    assert recent.count() == demo.RECENT

    # Every timeline starts with its receipt and its deadline; the figures judge the year.
    assert RequestEvent.objects.filter(step=Step.RECEIVED).count() == made
    figures = queries.request_figures(requests)
    assert figures.total.count == made
    assert 80 < figures.total.on_time_rate < 100
    assert 4 <= figures.total.satisfaction <= 5
    assert Department.objects.filter(park__name=MAIN_PARK).count() == len(demo.DEPARTMENTS)
    assert ServicePackage.objects.count() == demo.KEY_ENTERPRISES
    assert Visit.objects.filter(status="done").count() > 80
    assert requests.filter(source="visit", visit__isnull=False).exists()

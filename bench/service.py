"""Enterprise service at district size (issue 13): 200,000 service requests with their timelines
and 500,000 visits over the bench's 20,000 enterprises, written once and kept between runs; the
scenarios are a zone steward's My work and the request lists."""

import datetime as dt
import random

from django.utils import timezone

from parkos.enterprises.models import Enterprise
from parkos.service.choices import OPEN, Source, Status, Step, VisitStatus
from parkos.service.models import RequestCategory, RequestEvent, ServiceRequest, Visit
from parkos.service.workdays import add_working_days

REQUESTS = 200_000
VISITS = 500_000
TITLE = "基准诉求"
STUCK = 0.005  # older than a month and still open: some 1,000 overdue in the district
# Where requests end up; the newest are still open, some of those overdue.
FINAL = [
    (Status.CLOSED, 80),
    (Status.ANSWERED, 8),
    (Status.IN_PROGRESS, 5),
    (Status.ACCEPTED, 3),
    (Status.RECEIVED, 2),
    (Status.REOPENED, 2),
]
PATH = {
    Status.RECEIVED: [Step.RECEIVED],
    Status.ACCEPTED: [Step.RECEIVED, Step.ACCEPTED],
    Status.IN_PROGRESS: [Step.RECEIVED, Step.ACCEPTED, Step.IN_PROGRESS],
    Status.ANSWERED: [Step.RECEIVED, Step.ACCEPTED, Step.ANSWERED],
    Status.CLOSED: [Step.RECEIVED, Step.ACCEPTED, Step.ANSWERED, Step.CLOSED],
    Status.REOPENED: [Step.RECEIVED, Step.ACCEPTED, Step.ANSWERED, Step.REOPENED],
}


def build():
    """The requests (received over the calendar's years, deadlines by the working-day rule),
    a timeline entry per step, and the visits of each zone's steward."""
    if ServiceRequest.objects.filter(title=TITLE).count() >= REQUESTS:
        return
    rng = random.Random(13)
    now = timezone.now()
    firms = list(Enterprise.objects.values_list("id", "zone__steward_id"))
    categories = list(RequestCategory.objects.all())
    statuses, weights = zip(*FINAL, strict=True)
    first = timezone.make_aware(dt.datetime(2024, 1, 2, 9))
    span = int((now - first).total_seconds())
    requests, steps = [], []
    for _ in range(REQUESTS):
        firm, steward = rng.choice(firms)
        category = rng.choice(categories)
        # Newer requests are more often open: the last 5 % of the span holds most open ones.
        received = first + dt.timedelta(seconds=int(span * rng.random() ** 0.5))
        recent = (now - received).days < 30
        status = rng.choices(statuses, weights)[0] if recent else Status.CLOSED
        if not recent and rng.random() < STUCK:
            status = rng.choice([Status.IN_PROGRESS, Status.REOPENED])  # old and forgotten
        deadline = add_working_days(received, category.service_days)
        overdue = status in OPEN and deadline < now
        requests.append(
            ServiceRequest(
                enterprise_id=firm,
                category=category,
                title=TITLE,
                description="基准诉求的描述",
                source=rng.choice(Source.values),
                assignee_id=steward,
                received_at=received,
                deadline=deadline,
                status=status,
                escalated_at=deadline if overdue else None,
                rating=rng.randint(3, 5) if status == Status.CLOSED else None,
            )
        )
        moments = sorted(
            min(now, received + dt.timedelta(hours=rng.randint(1, 24 * 20)))
            for _ in PATH[status][1:]
        )
        steps.append(list(zip(PATH[status], [received, *moments], strict=True)))
    ServiceRequest.objects.bulk_create(requests, batch_size=5000)
    ids = ServiceRequest.objects.filter(title=TITLE).order_by("id").values_list("id", flat=True)
    RequestEvent.objects.bulk_create(
        (
            RequestEvent(request_id=pk, step=step, at=at, by_id=None)
            for pk, path in zip(ids, steps, strict=True)
            for step, at in path
        ),
        batch_size=10000,
    )
    today = timezone.localdate()
    days = (today - first.date()).days
    Visit.objects.bulk_create(
        (_visit(rng, firms, today, first.date(), days) for _ in range(VISITS)),
        batch_size=10000,
    )


def _visit(rng, firms, today, first, days):
    firm, steward = rng.choice(firms)
    on = first + dt.timedelta(days=rng.randint(0, days + 20))
    planned = on > today or rng.random() < 0.01
    return Visit(
        enterprise_id=firm,
        steward_id=steward,
        status=VisitStatus.PLANNED if planned else VisitStatus.DONE,
        on=on,
        people_met="" if planned else "总经理",
        notes="" if planned else "基准走访",
    )


def scenarios(park):
    """(name, user, path, params) of the service pages measured: the steward of the park's
    first zone, and the park's admin-level reader (the bench's district admin)."""
    steward = park.zones.order_by("code").first().steward
    return [
        ("service: My work of a zone steward", steward, "/service/my-work/", {}),
        (
            "service: a steward's open requests, by deadline",
            steward,
            "/service/requests/",
            {"status": [s.value for s in OPEN], "sort": "deadline"},
        ),
        ("service: district request list, page 3", None, "/service/requests/", {"page": 3}),
        (
            "API: service requests of a park, page 2",
            None,
            "/api/v1/service/requests",
            {"park": park.pk, "page": 2},
        ),
    ]

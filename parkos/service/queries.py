"""Reads that are more than a query: what planning a visit should know first (无事不扰), and
what waits for a steward or a department member today (My work)."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.models import Enterprise

from .choices import OPEN, VisitStatus
from .models import Department, ServiceProfile, ServiceRequest, Visit


def visit_warnings(enterprise, on, exclude=None) -> list[str]:
    """Why a visit to `enterprise` in the month of `on` may disturb it: it asked for fewer
    visits, or someone already visited it that month (whoever did: the enterprise counts the
    knocks on its door, not the steward)."""
    warnings = []
    profile = ServiceProfile.objects.filter(enterprise=enterprise).first()
    if profile and profile.fewer_visits:
        reason = f"（{profile.note}）" if profile.note else ""
        warnings.append(_("%(name)s asked for fewer visits.") % {"name": enterprise} + reason)
    done = (
        Visit.objects.filter(
            enterprise=enterprise,
            status=VisitStatus.DONE,
            on__year=on.year,
            on__month=on.month,
        )
        .exclude(pk=getattr(exclude, "pk", None))
        .select_related("steward")
        .order_by("on")
    )
    for visit in done:
        who = visit.steward.display_name if visit.steward else "—"
        warnings.append(
            _("Already visited this month: %(date)s by %(who)s.")
            % {"date": f"{visit.on:%Y-%m-%d}", "who": who}
        )
    return warnings


# My work (我的工作): what waits for one person today. A handful of queries, none per row.

VISIT_DUE_DAYS = settings.PARKOS_VISIT_DUE_DAYS
MY_WORK_ROWS = 100  # each section lists this many; its count is of every row


@dataclass
class Section:
    rows: list
    count: int


@dataclass
class MyWork:
    overdue: Section  # open requests past their deadline
    due_today: Section  # open requests due by the end of today
    visits: Section  # planned visits for today or a past day, not yet done
    not_visited: Section  # enterprises of my zones not visited within `days`
    days: int
    today: dt.date

    @property
    def total(self):
        return sum(s.count for s in (self.overdue, self.due_today, self.visits, self.not_visited))


def _section(queryset) -> Section:
    rows = list(queryset[:MY_WORK_ROWS])
    count = len(rows) if len(rows) < MY_WORK_ROWS else queryset.count()
    return Section(rows, count)


def mine_q(user, prefix="") -> Q:
    """Requests waiting for `user`: assigned to them, to a department they are a member of,
    or to nobody in particular in a zone they serve."""
    departments = Department.objects.filter(members=user).values("pk")
    return (
        Q(**{f"{prefix}assignee": user})
        | Q(**{f"{prefix}department__in": departments})
        | Q(
            **{
                f"{prefix}assignee__isnull": True,
                f"{prefix}department__isnull": True,
                f"{prefix}enterprise__zone__steward": user,
            }
        )
    )


def last_visits():
    """Each enterprise's latest done visit, as an annotation."""
    return Max("visits__on", filter=Q(visits__status=VisitStatus.DONE))


def not_visited_since(enterprises, since: dt.date):
    """`enterprises` (operating ones) with no done visit on or after `since`: never visited
    count, the longest unvisited first."""
    return (
        enterprises.filter(status=EnterpriseStatus.OPERATING)
        .annotate(last_visit=last_visits())
        .filter(Q(last_visit__isnull=True) | Q(last_visit__lt=since))
        .order_by(F("last_visit").asc(nulls_first=True), "name")
    )


def my_work(user, *, days: int = VISIT_DUE_DAYS, now=None) -> MyWork:
    now = now or timezone.now()
    today = timezone.localdate(now)
    tomorrow = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time()))
    requests = (
        ServiceRequest.objects.visible_to(user)
        .filter(mine_q(user), status__in=OPEN, deadline__lt=tomorrow)
        .select_related("enterprise", "category", "assignee", "department")
        .order_by("deadline", "id")
    )
    visits = (
        Visit.objects.visible_to(user)
        .filter(steward=user, status=VisitStatus.PLANNED, on__lte=today)
        .select_related("enterprise")
        .order_by("on", "id")
    )
    enterprises = Enterprise.objects.visible_to(user).filter(zone__steward=user)
    since = today - dt.timedelta(days=days)
    return MyWork(
        overdue=_section(requests.filter(deadline__lt=now)),
        due_today=_section(requests.filter(deadline__gte=now)),
        visits=_section(visits),
        not_visited=_section(not_visited_since(enterprises, since).select_related("zone")),
        days=days,
        today=today,
    )

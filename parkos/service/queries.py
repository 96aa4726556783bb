"""Reads that are more than a query: what planning a visit should know first (无事不扰), and
what waits for a steward or a department member today (My work)."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parkos.core.links import list_url
from parkos.core.roles import Role
from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.models import Contact, Enterprise
from parkos.parks.models import Park

from .choices import OPEN, Step, VisitStatus
from .models import (
    Department,
    RequestEvent,
    ServicePackage,
    ServiceProfile,
    ServiceRequest,
    Visit,
)
from .workdays import working_days_between


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

User = get_user_model()
VISIT_DUE_DAYS = settings.PARKOS_VISIT_DUE_DAYS
MY_WORK_ROWS = 20  # each section lists the most urgent this many; its count is of every row


@dataclass
class Section:
    rows: list
    count: int
    url: str = ""  # the list of every row counted, filtered the same way


@dataclass
class MyWork:
    overdue: Section  # open requests past their deadline
    due_today: Section  # open requests due by the end of today
    visits: Section  # planned visits for today or a past day, not yet done
    contacts: Section  # key enterprises of my service teams due a contact by their plan
    not_visited: Section  # enterprises of my zones not visited within `days`
    days: int
    today: dt.date

    @property
    def total(self):
        sections = (self.overdue, self.due_today, self.visits, self.contacts, self.not_visited)
        return sum(s.count for s in sections)


def _section(queryset, url="") -> Section:
    """The first rows of `queryset` and the count of all, in one query (a window count: the
    database reads the rows once, not once to list and again to count)."""
    rows = list(queryset.annotate(section_count=Window(Count("pk")))[:MY_WORK_ROWS])
    return Section(rows, rows[0].section_count if rows else 0, url)


def _listed(rows: list) -> Section:
    return Section(rows[:MY_WORK_ROWS], len(rows))


def due_contacts(user, today: dt.date) -> list:
    """The service packages `user` leads or serves in whose enterprise is due a contact: no
    done visit (by anyone) within the plan's days; `next_contact` is the day it fell due
    (None: never visited). A person's packages are few: read in one query, sorted here."""
    teams = ServicePackage.objects.filter(Q(lead=user) | Q(members=user)).values("pk")
    packages = (
        ServicePackage.objects.visible_to(user)
        .filter(pk__in=teams)
        .select_related("enterprise")
        .annotate(last_visit=_last_visit("enterprise"))
    )
    due = []
    for package in packages:
        last = package.last_visit
        package.next_contact = last + dt.timedelta(days=package.contact_every) if last else None
        if package.next_contact is None or package.next_contact <= today:
            due.append(package)
    return sorted(due, key=lambda p: (p.next_contact or dt.date.min, p.enterprise.name))


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


def unvisited_since(since: dt.date) -> Q:
    """Of operating enterprises annotated with their `last_visit`: those with no done visit on
    or after `since` (never visited count). My work, the directory and the coverage agree."""
    late = Q(last_visit__isnull=True) | Q(last_visit__lt=since)
    return late & Q(status=EnterpriseStatus.OPERATING)


def not_visited_since(enterprises, since: dt.date):
    """`enterprises` not visited since `since`, the longest unvisited first."""
    return (
        enterprises.annotate(last_visit=_last_visit())
        .filter(unvisited_since(since))
        .order_by(F("last_visit").asc(nulls_first=True), "name")
    )


def due_by_q(day: dt.date) -> Q:
    """Open requests whose deadline falls before the end of `day` (overdue ones too): My work's
    requests of today and the request list's "open and due by" filter."""
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
    return Q(status__literal_in=OPEN, deadline__lt=end)


def my_work(user, *, days: int = VISIT_DUE_DAYS, now=None) -> MyWork:
    now = now or timezone.now()
    today = timezone.localdate(now)
    requests = (
        ServiceRequest.objects.visible_to(user)
        .filter(mine_q(user), due_by_q(today))
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
    mine = {"mine": "true", "sort": "deadline"}
    return MyWork(
        overdue=_section(
            requests.filter(deadline__lt=now),
            list_url("service:servicerequest-list", overdue="true", **mine),
        ),
        due_today=_section(
            requests.filter(deadline__gte=now),
            list_url("service:servicerequest-list", overdue="false", due_by=today, **mine),
        ),
        visits=_section(
            visits,
            list_url("service:visit-list", mine="true", status=VisitStatus.PLANNED, until=today),
        ),
        contacts=_listed(due_contacts(user, today)),
        not_visited=_section(
            not_visited_since(enterprises, since).select_related("zone"),
            list_url("service:directory", mine="true", not_visited=days, sort="last_visit"),
        ),
        days=days,
        today=today,
    )


# The monthly zone directory (片区企业名录) and visit coverage (走访覆盖).


def directory(enterprises):
    """`enterprises` with what the directory shows beside the register: the primary contact,
    the last done visit and the number of open requests, each a subquery (no per-row query)."""
    primary = Contact.objects.filter(enterprise=OuterRef("pk"), is_primary=True).order_by("name")
    open_requests = (
        ServiceRequest.objects.filter(enterprise=OuterRef("pk"), status__literal_in=OPEN)
        .order_by()
        .values("enterprise")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return enterprises.select_related("park", "zone__steward").annotate(
        contact_name=Subquery(primary.values("name")[:1]),
        contact_phone=Subquery(primary.values("phone")[:1]),
        last_visit=_last_visit(),
        open_requests=Coalesce(Subquery(open_requests), 0),
        is_key=Exists(ServicePackage.objects.filter(enterprise=OuterRef("pk"))),
    )


def _last_visit(enterprise="pk"):
    """Each enterprise's latest done visit, as an annotation (`enterprise`: the path to it)."""
    done = Visit.objects.filter(enterprise=OuterRef(enterprise), status=VisitStatus.DONE)
    return Subquery(done.order_by("-on").values("on")[:1])


class Change(models.TextChoices):
    """How an enterprise's place in a directory changed over a month."""

    MOVED_IN = "moved_in", gettext_lazy("Moved in")
    MOVED_OUT = "moved_out", gettext_lazy("Moved out")
    STATUS = "status", gettext_lazy("Status changed")


@dataclass
class MonthChange:
    enterprise_id: int
    name: str
    kind: str
    before: str  # the status (or zone) at the start of the month, "" when new
    after: str

    def get_kind_display(self):
        return Change(self.kind).label


def month_bounds(month: dt.date):
    """The first moments of `month` and of the month after, in the park's time."""
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return tuple(timezone.make_aware(dt.datetime.combine(d, dt.time())) for d in (first, following))


def _states_at(history, ids, moment) -> dict:
    """The register's record of each of `ids` as it stood at `moment` (None: not there yet,
    or deleted)."""
    latest = (
        history.filter(id__in=ids, history_date__lt=moment)
        .order_by()
        .values("id")
        .annotate(last=Max("history_id"))
        .values("last")
    )
    rows = history.filter(history_id__in=Subquery(latest)).select_related("zone")
    return {row.id: row for row in rows if row.history_type != "-"}


def month_changes(user, month: dt.date, *, park=None, zone=None) -> list[MonthChange]:
    """Enterprises that moved into or out of the directory (the park, the zone, or the user's
    place: a steward's zones, a park's staff's park) during `month`, or whose status changed,
    read from the register's history: the record before the month against the one at its end.
    An enterprise that left the user's place is still theirs to see leave."""
    start, end = month_bounds(month)
    history = Enterprise.history.model.objects
    if user.role == Role.STEWARD:
        place = Q(zone__steward=user)

        def in_place(state):
            return state.zone is not None and state.zone.steward_id == user.pk
    else:
        parks = set(Park.objects.visible_to(user).values_list("pk", flat=True))
        place = Q(park_id__in=parks)

        def in_place(state):
            return state.park_id in parks

    ids = set(
        history.filter(history_date__gte=start, history_date__lt=end)
        .filter(id__in=history.filter(place, history_date__lt=end).values("id"))
        .values_list("id", flat=True)
        .distinct()
    )
    if not ids:
        return []
    before, after = _states_at(history, ids, start), _states_at(history, ids, end)

    def listed(state):
        return (
            state is not None
            and in_place(state)
            and (park is None or state.park_id == park.pk)
            and (zone is None or state.zone_id == zone.pk)
        )

    statuses = dict(EnterpriseStatus.choices)
    changes = []
    for pk in ids:
        old, new = before.get(pk), after.get(pk)
        was, is_ = listed(old), listed(new)
        if not was and not is_:
            continue
        if not was:
            kind, from_, to = Change.MOVED_IN, str(old.zone or "") if old else "", new.zone
        elif not is_:
            kind, from_, to = Change.MOVED_OUT, old.zone, (new.zone if new else "")
        elif old.status != new.status:
            kind = Change.MOVED_OUT if new.status == EnterpriseStatus.MOVED_OUT else Change.STATUS
            from_, to = statuses[old.status], statuses[new.status]
        else:
            continue
        name = (new or old).name
        changes.append(MonthChange(pk, name, kind, str(from_ or ""), str(to or "")))
    return sorted(changes, key=lambda c: (c.kind, c.name))


@dataclass
class Coverage:
    """Operating enterprises and those of them not visited within the window."""

    label: str
    total: int = 0
    due: int = 0

    @property
    def visited(self):
        return self.total - self.due

    @property
    def rate(self):
        return round(100 * self.visited / self.total, 1) if self.total else None


def coverage(enterprises, since: dt.date) -> dict[str, list[Coverage]]:
    """Visit coverage of `enterprises` (operating ones) per zone, steward and park: how many
    were not visited on or after `since` (never visited count). One grouped query."""
    late = unvisited_since(since)
    rows = list(
        enterprises.filter(status=EnterpriseStatus.OPERATING)
        .annotate(last_visit=_last_visit())
        .order_by()
        .values(
            "park__name",
            "zone__name",
            "zone__steward__username",
            "zone__steward__first_name",
            "zone__steward__last_name",
        )
        .annotate(total=Count("pk"), due=Count("pk", filter=late))
        .order_by("park__name", "zone__name")
    )
    by = {"zone": {}, "steward": {}, "park": {}}
    no_zone = _("No zone")
    for row in rows:
        username = row["zone__steward__username"]
        steward = (
            User.name_of(
                username, row["zone__steward__first_name"], row["zone__steward__last_name"]
            )
            if username
            else _("No steward")
        )
        keys = {
            "zone": f"{row['park__name']} · {row['zone__name'] or no_zone}",
            "steward": steward,
            "park": row["park__name"],
        }
        for level, key in keys.items():
            entry = by[level].setdefault(key, Coverage(key))
            entry.total += row["total"]
            entry.due += row["due"]
    return {level: list(entries.values()) for level, entries in by.items()}


# Figures (诉求统计): on-time rate, response and resolution times in working days,
# satisfaction, by category, steward and department.


@dataclass
class Figure:
    """What a group of requests adds up to. A request is judged once it was answered or its
    first deadline passed unanswered; it is on time when its first answer came by that
    deadline. Times are working days from receipt (`workdays.working_days_between`) to the
    first acceptance (response) and to the first answer (resolution)."""

    label: str
    count: int = 0
    judged: int = 0
    on_time: int = 0
    response_days: list = field(default_factory=list)
    resolution_days: list = field(default_factory=list)
    ratings: list = field(default_factory=list)

    @property
    def on_time_rate(self):
        return round(100 * self.on_time / self.judged, 1) if self.judged else None

    @property
    def mean_response(self):
        return _mean(self.response_days)

    @property
    def mean_resolution(self):
        return _mean(self.resolution_days)

    @property
    def satisfaction(self):
        return _mean(self.ratings, 2)

    def add(self, judged: "Judged"):
        self.count += 1
        self.judged += judged.judged
        self.on_time += judged.on_time
        if judged.response is not None:
            self.response_days.append(judged.response)
        if judged.resolution is not None:
            self.resolution_days.append(judged.resolution)
        if judged.rating is not None:
            self.ratings.append(judged.rating)


@dataclass(frozen=True)
class Judged:
    """What one request adds to each group it is in, worked out once (the working days are
    most of the figures' time: a request counts in the total and two or three groups)."""

    judged: bool
    on_time: bool
    response: int | None  # working days to the first acceptance
    resolution: int | None  # working days to the first answer
    rating: int | None

    @classmethod
    def of(cls, received_at, first_accept, first_answer, deadline, rating, now):
        judged = first_answer is not None or deadline < now
        return cls(
            judged=judged,
            on_time=judged and first_answer is not None and first_answer <= deadline,
            response=None
            if first_accept is None
            else working_days_between(received_at, first_accept),
            resolution=None
            if first_answer is None
            else working_days_between(received_at, first_answer),
            rating=rating,
        )


def _mean(values, digits=1):
    return round(sum(values) / len(values), digits) if values else None


@dataclass
class Figures:
    total: Figure
    by: dict  # "category" | "steward" | "department" → [Figure]


def request_figures(requests, *, now=None) -> Figures:
    """The figures of `requests` (scoped and filtered by the caller): one query, each request's
    first acceptance, first answer and first deadline as subqueries, added up here."""
    now = now or timezone.now()
    events = RequestEvent.objects.filter(request=OuterRef("pk")).order_by("at", "id")
    rows = (
        requests.annotate(
            first_accept=Subquery(events.filter(step=Step.ACCEPTED).values("at")[:1]),
            first_answer=Subquery(events.filter(step=Step.ANSWERED).values("at")[:1]),
            first_deadline=Coalesce(
                Subquery(events.filter(step=Step.RECEIVED).values("deadline")[:1]), "deadline"
            ),
        )
        .order_by("category__order", "id")
        .values_list(
            "received_at",
            "first_accept",
            "first_answer",
            "first_deadline",
            "rating",
            "category__name",
            "assignee__username",
            "assignee__first_name",
            "assignee__last_name",
            "department__name",
        )
    )
    total = Figure(_("All requests"))
    by = {"category": {}, "steward": {}, "department": {}}
    for *times, rating, category, username, first_name, last_name, department in rows:
        judged = Judged.of(*times, rating, now)
        total.add(judged)
        keys = {
            "category": category,
            "steward": User.name_of(username, first_name, last_name) if username else None,
            "department": department,
        }
        for level, key in keys.items():
            if key is not None:
                by[level].setdefault(key, Figure(key)).add(judged)
    return Figures(total, {level: list(groups.values()) for level, groups in by.items()})


# Visit frequency (走访频次): how often each enterprise was visited in a year, as leaders read
# it — the share of the zone's or steward's enterprises visited 0, 1, 2–3 or 4+ times.

FREQUENCY_BANDS = (
    ("0", gettext_lazy("Not visited"), 0, 0),
    ("1", gettext_lazy("Once"), 1, 1),
    ("2-3", gettext_lazy("2–3 times"), 2, 3),
    ("4+", gettext_lazy("4 times or more"), 4, None),
)


def band_of(count: int) -> str:
    return next(
        key
        for key, _label, low, high in FREQUENCY_BANDS
        if count >= low and (high is None or count <= high)
    )


def with_visit_count(enterprises, year: int):
    """`enterprises` (operating ones) with `visit_count`: their done visits in `year`, by
    anyone, as one subquery."""
    done = (
        Visit.objects.filter(enterprise=OuterRef("pk"), status=VisitStatus.DONE, on__year=year)
        .order_by()
        .values("enterprise")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return enterprises.filter(status=EnterpriseStatus.OPERATING).annotate(
        visit_count=Coalesce(Subquery(done), 0)
    )


def in_band(enterprises, band: str):
    """The annotated `enterprises` whose visit count falls in `band` (a FREQUENCY_BANDS key)."""
    for key, _label, low, high in FREQUENCY_BANDS:
        if key == band:
            enterprises = enterprises.filter(visit_count__gte=low)
            return enterprises if high is None else enterprises.filter(visit_count__lte=high)
    return enterprises.none()


@dataclass
class Frequency:
    """One zone's, steward's or the whole selection's enterprises by visit band."""

    label: str
    params: str  # the drill-down's filter ("&zone_id=3", "&steward_id=none")
    bands: dict = field(default_factory=lambda: {key: 0 for key, *_rest in FREQUENCY_BANDS})

    @property
    def total(self):
        return sum(self.bands.values())

    @property
    def visits(self):
        return [(key, self.bands[key]) for key, *_rest in FREQUENCY_BANDS]


def visit_frequency(enterprises, year: int) -> dict[str, list[Frequency]]:
    """The distribution of `enterprises` (scoped and filtered by the caller) by their done
    visits in `year`: in total, by zone and by the zone's steward; one query."""
    rows = with_visit_count(enterprises, year).values_list(
        "visit_count",
        "zone_id",
        "zone__name",
        "zone__steward_id",
        "zone__steward__username",
        "zone__steward__first_name",
        "zone__steward__last_name",
    )
    total = Frequency(_("All enterprises"), "")
    zones, stewards = {}, {}
    for count, zone, zone_name, steward, username, first, last in rows:
        band = band_of(count)
        total.bands[band] += 1
        zone_label = zone_name or _("No zone")
        zones.setdefault(zone, Frequency(zone_label, f"&zone_id={zone or 'none'}")).bands[band] += 1
        name = get_user_model().name_of(username, first, last) if steward else _("No steward")
        stewards.setdefault(steward, Frequency(name, f"&steward_id={steward or 'none'}")).bands[
            band
        ] += 1
    return {
        "total": [total],
        "zone": sorted(zones.values(), key=lambda f: str(f.label)),
        "steward": sorted(stewards.values(), key=lambda f: str(f.label)),
    }


def portrait_visits(user, enterprise):
    """The portrait's section: the enterprise's done visits in the last 12 months and its last
    one, for those who read visits."""
    if not user.has_perm("service.view_visit"):
        return None
    since = timezone.localdate() - dt.timedelta(days=365)
    done = Visit.objects.visible_to(user).filter(enterprise=enterprise, status=VisitStatus.DONE)
    figures = done.aggregate(last_year=Count("pk", filter=Q(on__gt=since)), last=Max("on"))
    return {"visits_last_year": figures["last_year"], "last_visit": figures["last"]}

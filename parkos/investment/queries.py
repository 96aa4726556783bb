"""What the pipeline adds up to: a year's signings against the target, figures, promises kept,
projects that need a nudge, kanban columns and space suggestions."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils.translation import gettext as _

from parkos.core.units import per_mu
from parkos.enterprises.models import IndicatorYear
from parkos.space.choices import ParcelStatus
from parkos.space.matching import Demand, match
from parkos.space.models import Parcel, Unit
from parkos.space.services import AREA_SPREAD

from .choices import FINISHED, PIPELINE, RANK, Channel, Stage
from .models import Project, StageChange
from .rules import today

ZERO = Decimal(0)


MONEY = DecimalField(max_digits=20, decimal_places=2)


STALE_DAYS = settings.PARKOS_STALE_DAYS


def current_year(targets):
    """The latest year up to this one that has a target; this year when none has."""
    this_year = today().year
    latest = targets.filter(year__lte=this_year).order_by("-year").values_list("year", flat=True)
    return latest.first() or this_year


def signed_totals():
    """What a set of signed projects adds up to: planned investment, number, foreign capital
    (yuan; zero when there is none)."""
    return {
        "investment": Coalesce(Sum("planned_investment"), Value(ZERO), output_field=MONEY),
        "count": Count("id"),
        "foreign": Coalesce(Sum("foreign_capital"), Value(ZERO), output_field=MONEY),
    }


def signed_in(projects, year):
    """Projects signed in `year` and not lost since: what a year's completion counts."""
    return projects.filter(signed_on__year=year).exclude(stage=Stage.LOST)


@dataclass
class Completion:
    year: int
    target_investment: Decimal | None
    investment: Decimal
    target_count: int | None
    count: int
    target_foreign: Decimal | None
    foreign: Decimal

    @staticmethod
    def _ratio(actual, target):
        return None if not target else Decimal(actual) / Decimal(target)

    @property
    def investment_ratio(self):
        return self._ratio(self.investment, self.target_investment)

    @property
    def count_ratio(self):
        return self._ratio(self.count, self.target_count)

    @property
    def foreign_ratio(self):
        return self._ratio(self.foreign, self.target_foreign)


def completion(projects, targets, year, cluster_id=None) -> Completion:
    """Signed figures of `year` from the project rows against the sum of the park-wide targets
    (or, for one cluster, of that cluster's targets)."""
    if cluster_id is not None:
        projects = projects.filter(cluster_id=cluster_id)
    done = signed_in(projects, year).aggregate(**signed_totals())
    aims = targets.filter(year=year, cluster_id=cluster_id).aggregate(
        investment=Sum("signed_investment"),
        count=Sum("signed_count"),
        foreign=Sum("foreign_capital"),
    )
    return Completion(
        year=year,
        target_investment=aims["investment"],
        investment=done["investment"],
        target_count=aims["count"],
        count=done["count"],
        target_foreign=aims["foreign"],
        foreign=done["foreign"],
    )


def with_completion(targets):
    """The targets as a list, each with what its park (or cluster) signed in its year
    (`done_investment`, `done_count`, `done_foreign`), summed from the projects by a grouped
    query per year on the (park, signed_on) index. A correlated subquery per target and figure
    cost over a second for 20 targets and 20,000 projects on SQLite (docs/benchmarks.md)."""
    targets = list(targets)
    if not targets:
        return targets
    parks = {t.park_id for t in targets}
    sums = {}
    for year in sorted({t.year for t in targets}):
        rows = (
            signed_in(Project.objects.filter(park_id__in=parks), year)
            .order_by()
            .values("park_id", "cluster_id")
            .annotate(**signed_totals())
        )
        for row in rows:
            keys = [(row["park_id"], year, None)]
            if row["cluster_id"] is not None:
                keys.append((row["park_id"], year, row["cluster_id"]))
            for key in keys:
                total = sums.setdefault(key, [ZERO, 0, ZERO])
                total[0] += row["investment"]
                total[1] += row["count"]
                total[2] += row["foreign"]
    for target in targets:
        key = (target.park_id, target.year, target.cluster_id)
        target.done_investment, target.done_count, target.done_foreign = sums.get(
            key, (ZERO, 0, ZERO)
        )
    return targets


def signed_figures(projects, year):
    """Signed projects and planned investment of a year by month, cluster, channel and owner."""
    rows = signed_in(projects, year).order_by()
    measures = signed_totals()
    months = {
        r["month"]: r
        for r in rows.annotate(month=ExtractMonth("signed_on")).values("month").annotate(**measures)
    }
    channels = dict(Channel.choices)
    return {
        "months": [
            {"key": m, "label": f"{m}", **(months.get(m) or {"count": 0, "investment": ZERO})}
            for m in range(1, 13)
        ],
        "clusters": [
            {"key": r["cluster"], "label": r["cluster__name"] or _("No cluster"), **_m(r)}
            for r in rows.values("cluster", "cluster__name")
            .annotate(**measures)
            .order_by("-investment")
        ],
        "channels": [
            {"key": r["channel"], "label": str(channels.get(r["channel"], r["channel"])), **_m(r)}
            for r in rows.values("channel").annotate(**measures).order_by("-investment")
        ],
        "owners": [
            {"key": r["owner"], "label": _owner_label(r), **_m(r)}
            for r in rows.values(
                "owner", "owner__username", "owner__last_name", "owner__first_name"
            )
            .annotate(**measures)
            .order_by("-investment")
        ],
    }


def signed_by_event(projects, year):
    """Signed projects and planned investment of a year by the event they came from (an expo,
    a trip abroad, a forum: `source_event`), the largest first; those from no named event last,
    under an empty name."""
    rows = (
        signed_in(projects, year)
        .order_by()
        .values("source_event")
        .annotate(**signed_totals())
        .order_by("-investment", "source_event")
    )
    named = [{"event": r["source_event"], **_m(r)} for r in rows if r["source_event"]]
    return named + [{"event": "", **_m(r)} for r in rows if not r["source_event"]]


def _m(row):
    return {"count": row["count"], "investment": row["investment"]}


def _owner_label(row):
    if row["owner"] is None:
        return _("No owner")
    return f"{row['owner__last_name']}{row['owner__first_name']}" or row["owner__username"]


def overdue_actions(projects, on=None):
    """Open projects whose next action is past its date, grouped by owner then date."""
    return (
        projects.filter(next_action_on__lt=on or today())
        .exclude(stage__in=FINISHED)
        .select_related("owner", "park")
        .order_by("owner_id", "next_action_on", "id")
    )


def stale(projects, days=STALE_DAYS, on=None):
    """Open projects whose stage has not changed for `days` days, the longest-waiting first."""
    since = (on or today()) - dt.timedelta(days=days)
    return (
        projects.filter(stage_since__lt=since)
        .exclude(stage__in=FINISHED)
        .select_related("owner", "park")
        .order_by("stage_since", "id")
    )


@dataclass
class Promise:
    """A project's promised yearly output and tax against what its enterprise actually did."""

    project: Project
    year: int | None
    land_mu: Decimal | None
    output: Decimal | None
    tax: Decimal | None

    @property
    def per_mu(self):
        return bool(self.land_mu and self.project.land_need_mu)

    def _pair(self, actual, promised, promised_land):
        if self.per_mu:
            return per_mu(actual, self.land_mu), per_mu(promised, promised_land)
        return actual, promised

    @property
    def output_pair(self):
        return self._pair(self.output, self.project.promised_output, self.project.land_need_mu)

    @property
    def tax_pair(self):
        return self._pair(self.tax, self.project.promised_tax, self.project.land_need_mu)

    @staticmethod
    def _ratio(pair):
        actual, promised = pair
        return None if actual is None or not promised else actual / promised

    @property
    def output_ratio(self):
        return self._ratio(self.output_pair)

    @property
    def tax_ratio(self):
        return self._ratio(self.tax_pair)

    @property
    def below(self):
        return any(r is not None and r < 1 for r in (self.output_ratio, self.tax_ratio))


def promises(projects, year=None):
    """Every project linked to its enterprise with a promise, compared with the enterprise's
    figures of `year` (default: its latest year). Per mu when both sides know their land (the
    enterprise's land in use, the project's land need), in totals otherwise."""
    rows = list(
        projects.filter(enterprise__isnull=False)
        .filter(Q(promised_output__isnull=False) | Q(promised_tax__isnull=False))
        .select_related("enterprise", "park", "owner")
        .order_by("park_id", "name")
    )
    figures = IndicatorYear.objects.filter(enterprise_id__in={p.enterprise_id for p in rows})
    if year is not None:
        figures = figures.filter(year=year)
    latest = {}
    for f in figures.order_by("enterprise_id", "year").only(
        "enterprise_id", "year", "output_value", "tax_paid"
    ):
        latest[f.enterprise_id] = f
    result = []
    for project in rows:
        f = latest.get(project.enterprise_id)
        land = project.enterprise.land_mu or None
        result.append(
            Promise(
                project=project,
                year=f.year if f else None,
                land_mu=land,
                output=f.output_value if f else None,
                tax=f.tax_paid if f else None,
            )
        )
    return result


CARD_FIELDS = (
    "pk",
    "name",
    "investor_name",
    "planned_investment",
    "is_foreign",
    "land_need_mu",
    "stage",
    "next_action_on",
    "owner__username",
    "owner__first_name",
    "owner__last_name",
)


def stage_columns(projects, per_column):
    """The kanban: each pipeline stage (and lost) with its latest cards and how many there are.
    A query per column walks the (stage, stage_since) index and stops at `per_column`; one
    window query over every project was twice as slow on SQLite (docs/benchmarks.md). Cards are
    value rows, not model instances: 180 projects and their owners built as objects took a
    third of the board's time."""
    counts = dict(projects.order_by().values_list("stage").annotate(n=Count("id")))
    # Where the card's latest move came from: dragged back there, the dialog offers that
    # stage's own date rather than today's.
    latest = StageChange.objects.filter(project=OuterRef("pk")).order_by("-id")
    cards = projects.select_related(None).values(
        *CARD_FIELDS,
        back_stage=Subquery(latest.values("from_stage")[:1]),
        back_since=Subquery(latest.values("from_since")[:1]),
    )
    return [
        {
            "stage": stage,
            "cards": list(cards.filter(stage=stage).order_by("-stage_since", "-id")[:per_column])
            if counts.get(stage)
            else [],
            "count": counts.get(stage, 0),
            # Land projects enter these columns past the admission bar (the dialog asks for a
            # park admin's reason when it is not cleared).
            "past_land": stage != Stage.LOST and RANK[stage] >= RANK[Stage.LAND_ACQUIRED],
        }
        for stage in [*PIPELINE, Stage.LOST]
    ]


def space_for(project, user, limit=5):
    """Where the project could go: units matching its floor-space need (the matching engine), or
    available parcels of its park large enough for its land need."""
    if project.floor_need_m2:
        need = project.floor_need_m2
        demand = Demand(
            area_min=need * (1 - AREA_SPREAD),
            area_max=need * (1 + AREA_SPREAD),
            cluster_id=project.cluster_id,
            must={"area"},  # the cluster's peers are a preference
        )
        units = Unit.objects.visible_to(user).filter(building__park_id=project.park_id)
        return {"units": match(units, demand, limit=limit)[0], "parcels": None}
    if project.land_need_mu:
        parcels = (
            Parcel.objects.visible_to(user)
            .filter(
                park_id=project.park_id,
                status=ParcelStatus.AVAILABLE,
                area_mu__gte=project.land_need_mu,
            )
            .select_related("zone")
            .order_by("area_mu")[:limit]
        )
        return {"units": None, "parcels": list(parcels)}
    return None


def portrait_projects(user, enterprise):
    """The portrait's section: the projects that brought the enterprise, as the user sees them."""
    projects = list(Project.objects.visible_to(user).filter(enterprise=enterprise))
    return {"projects": projects} if projects else None

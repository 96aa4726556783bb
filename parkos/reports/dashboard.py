"""The 驾驶舱 (leaders' dashboard): a year's figures of every domain in one scope — the district
(everything the viewer sees), a park or a zone — each summed from the rows the viewer may read
and each with the address of the list of rows behind it, filtered the same way."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from parkos.core.links import list_url
from parkos.enterprises.choices import AwardStatus, EnterpriseStatus
from parkos.enterprises.filters import can_see_figures
from parkos.enterprises.models import Enterprise, HonourAward, IndicatorMonth, IndicatorYear
from parkos.evaluation.choices import RunStatus
from parkos.evaluation.models import Result, Run
from parkos.investment.models import AnnualTarget, Project
from parkos.investment.queries import completion
from parkos.parks.models import Park, Zone
from parkos.programmes.figures import scoped_figures as event_figures
from parkos.programmes.financing.models import FinancingDemand
from parkos.programmes.models import PolicyProject
from parkos.service.choices import OPEN, Status
from parkos.service.models import ServiceRequest

from .models import EarlyWarning

GRADES = ("A", "B", "C", "D")


@dataclass(frozen=True)
class Place:
    """The scope a dashboard is read for: every row the viewer sees, narrowed to a park or a
    zone when one is picked (and visible)."""

    park: Park | None = None
    zone: Zone | None = None

    def params(self) -> dict:
        """The list pages' filter for this place."""
        if self.zone is not None:
            return {"zone": self.zone.pk}
        if self.park is not None:
            return {"park": self.park.pk}
        return {}

    def of_enterprises(self, rows, path=""):
        """`rows` narrowed to the place through the path to their enterprise."""
        if self.zone is not None:
            return rows.filter(**{f"{path}zone": self.zone})
        if self.park is not None:
            return rows.filter(**{f"{path}park": self.park})
        return rows


@dataclass
class Figure:
    key: str  # what it counts, whatever the language: the report and the tests name it so
    label: str
    value: object
    drill: str = ""  # the list of the rows behind the figure
    previous: object = None  # the same figure a year before, for the growth
    unit: str = ""  # "money" (yuan, shown in 亿元), "share", "decimal"; else a count

    @property
    def growth(self):
        if self.previous in (None, 0) or self.value is None:
            return None
        return (Decimal(self.value) - Decimal(self.previous)) / Decimal(self.previous)


@dataclass
class Dashboard:
    year: int
    place: Place
    economy: list[Figure] = field(default_factory=list)
    months: dict = field(default_factory=dict)  # series of the monthly output, this year and last
    by_place: list[dict] = field(default_factory=list)  # output by park or by zone
    investment: object = None
    grades: list[dict] = field(default_factory=list)
    service: list[Figure] = field(default_factory=list)
    programmes: list[Figure] = field(default_factory=list)
    honours: list[dict] = field(default_factory=list)
    warnings: list[Figure] = field(default_factory=list)


def place_for(user, park=None, zone=None) -> Place:
    """The place picked by `park` / `zone` ids, when the viewer sees it; else the district."""
    if zone is not None:
        found = Zone.objects.visible_to(user).select_related("park").filter(pk=zone).first()
        if found is not None:
            return Place(park=found.park, zone=found)
    if park is not None:
        found = Park.objects.visible_to(user).filter(pk=park).first()
        if found is not None:
            return Place(park=found)
    return Place()


def dashboard(user, year: int, place: Place) -> Dashboard:
    board = Dashboard(year=year, place=place)
    enterprises = place.of_enterprises(Enterprise.objects.visible_to(user))
    where = place.params()
    counts = enterprises.filter(status=EnterpriseStatus.OPERATING).aggregate(
        operating=Count("pk"), above=Count("pk", filter=Q(is_above_scale=True))
    )
    operating, above = counts["operating"], counts["above"]
    board.economy = [
        Figure(
            "operating",
            _("Operating enterprises"),
            operating,
            list_url("enterprises:list", status="operating", **where),
        ),
        Figure(
            "above_scale",
            _("Above-scale enterprises"),
            above,
            list_url("enterprises:list", status="operating", is_above_scale="true", **where),
        ),
    ]
    if can_see_figures(user):
        _economy(board, user, year, where)
    if user.has_perm("investment.view_project"):
        _investment(board, user, year)
    if user.has_perm("evaluation.view_result"):
        board.grades = _grades(user, year, place)
    if user.has_perm("service.view_servicerequest"):
        board.service = _service(user, year, place, where)
    board.programmes = _programmes(user, year, place, where)
    if user.has_perm("enterprises.view_honouraward"):
        board.honours = _honours(user, year, place)
    if user.has_perm("reports.view_earlywarning"):
        board.warnings = _warnings(user, place, where)
    return board


def _warnings(user, place, where):
    """The early warnings nobody has acknowledged yet, whatever their month."""
    rows = place.of_enterprises(EarlyWarning.objects.visible_to(user), "enterprise__")
    count = rows.filter(acknowledged_at__isnull=True).count()
    drill = list_url("reports:earlywarning-list", open="true", **where)
    return [Figure("warnings_open", _("Open warnings"), count, drill)]


def _economy(board, user, year, where):
    """Output, revenue and tax of the year against the year before, above-scale firms' share of
    output, the monthly output of both years, and output by park (district) or zone (park)."""
    # The place narrows by the enterprise's park or zone, not by a list of the enterprises:
    # the district's sums then read the indicator rows alone (their covering indexes).
    years = board.place.of_enterprises(IndicatorYear.objects.visible_to(user), "enterprise__")
    sums = {
        row["year"]: row
        for row in years.filter(year__in=(year - 1, year))
        .values("year")
        .annotate(
            output=Sum("output_value"),
            revenue=Sum("revenue"),
            tax=Sum("tax_paid"),
            above=Sum("output_value", filter=Q(enterprise__is_above_scale=True)),
        )
    }
    this, last = sums.get(year, {}), sums.get(year - 1, {})
    drill = list_url("enterprises:list", year=year, sort="-y_output_value", **where)
    board.economy += [
        Figure("output", _("Output value"), this.get("output"), drill, last.get("output"), "money"),
        Figure("revenue", _("Revenue"), this.get("revenue"), drill, last.get("revenue"), "money"),
        Figure(
            "tax",
            _("Tax paid"),
            this.get("tax"),
            list_url("enterprises:list", year=year, sort="-y_tax_paid", **where),
            last.get("tax"),
            "money",
        ),
    ]
    output, above = this.get("output"), this.get("above")
    board.economy.append(
        Figure(
            "above_share",
            _("Above-scale share of output"),
            above / output if output and above is not None else None,
            list_url(
                "enterprises:list",
                year=year,
                is_above_scale="true",
                sort="-y_output_value",
                **where,
            ),
            unit="share",
        )
    )
    months = (
        board.place.of_enterprises(IndicatorMonth.objects.visible_to(user), "enterprise__")
        .filter(year__in=(year - 1, year))
        .values("year", "month")
        .annotate(output=Sum("output_value"))
    )
    series = {year - 1: [None] * 12, year: [None] * 12}
    for row in months:
        series[row["year"]][row["month"] - 1] = row["output"]
    board.months = series
    group = "enterprise__zone" if board.place.park is not None else "enterprise__park"
    rows = (
        years.filter(year=year)
        .values(f"{group}_id", f"{group}__name")
        .annotate(output=Sum("output_value"))
        .order_by(f"{group}__name")
    )
    key = "zone" if board.place.park is not None else "park"
    board.by_place = [
        {
            "name": row[f"{group}__name"] or "—",
            "output": row["output"],
            "drill": list_url(
                "enterprises:list", year=year, sort="-y_output_value", **{key: row[f"{group}_id"]}
            ),
        }
        for row in rows
        if row[f"{group}_id"] is not None
    ]


def investment_rows(user, place):
    """The projects and the annual targets the investment figures are read from: the place's
    park, or every park the viewer sees (a zone counts its park's: projects have no zone)."""
    projects = Project.objects.visible_to(user)
    targets = AnnualTarget.objects.visible_to(user)
    if place.park is not None:
        projects = projects.filter(park=place.park)
        targets = targets.filter(park=place.park)
    return projects, targets


def _investment(board, user, year):
    board.investment = completion(*investment_rows(user, board.place), year)


def _grades(user, year, place):
    """The grade distribution of the year's published evaluation: the district's run when there
    is one, else the park's."""
    runs = Run.objects.visible_to(user).filter(year=year, status=RunStatus.PUBLISHED)
    run = runs.filter(park__isnull=True).order_by("-published_at").first()
    if run is None and place.park is not None:
        run = runs.filter(park=place.park).order_by("-published_at").first()
    if run is None:
        return []
    results = place.of_enterprises(Result.objects.visible_to(user).filter(run=run), "enterprise__")
    counts = dict(results.values_list("grade").annotate(n=Count("id")))
    return [
        {
            "grade": grade,
            "n": counts.get(grade, 0),
            "drill": reverse("evaluation:run", args=[run.pk]) + f"?grade={grade}",
        }
        for grade in GRADES
    ]


def service_requests(user, year, place):
    """The requests the service figures count: received in `year` by the place's firms."""
    return place.of_enterprises(ServiceRequest.objects.visible_to(user), "enterprise__").filter(
        received_at__year=year
    )


def _service(user, year, place, where):
    requests = service_requests(user, year, place)
    figures = requests.aggregate(
        received=Count("id"),
        closed=Count("id", filter=Q(status=Status.CLOSED)),
        satisfaction=Avg("rating"),
    )
    overdue = (
        place.of_enterprises(ServiceRequest.objects.visible_to(user), "enterprise__")
        .filter(status__literal_in=OPEN, deadline__lt=timezone.now())
        .count()
    )
    return [
        Figure(
            "requests",
            _("Requests received"),
            figures["received"],
            list_url("service:servicerequest-list", year=year, **where),
        ),
        Figure(
            "requests_closed",
            pgettext_lazy("request status", "Closed"),
            figures["closed"],
            list_url("service:servicerequest-list", year=year, status="closed", **where),
        ),
        Figure(
            "requests_overdue",
            _("Open and overdue"),
            overdue,
            list_url("service:servicerequest-list", overdue="true", **where),
        ),
        Figure(
            "satisfaction",
            _("Satisfaction (1–5)"),
            figures["satisfaction"],
            list_url("service:figures", year=year),
            unit="decimal",
        ),
    ]


def _programmes(user, year, place, where):
    found = []
    park = place.park.pk if place.park is not None else None
    if user.has_perm("programmes.view_event"):
        total = event_figures(user, year, park)["total"]
        drill = list_url("programmes:figures", year=year, park=park)
        found += [
            Figure("events", _("Events"), total.get("events", 0), drill),
            Figure("attendances", _("Enterprise attendances"), total.get("attendances", 0), drill),
        ]
    if user.has_perm("programmes.view_financingdemand"):
        sums = financing_demands(user, year, place).aggregate(
            firms=Count("enterprise", distinct=True),
            amount=Sum("amount"),
            granted=Sum("granted_amount"),
        )
        drill = list_url("programmes:financingdemand-list", **where)
        found += [
            Figure("financing_firms", _("Firms with financing demands"), sums["firms"], drill),
            Figure(
                "financing_demanded", _("Financing demanded"), sums["amount"], drill, unit="money"
            ),
            Figure("financing_granted", _("Credit granted"), sums["granted"], drill, unit="money"),
        ]
    if user.has_perm("programmes.view_policyproject"):
        counts = policy_projects(user, year, place).aggregate(
            all=Count("id"),
            approved=Count("id", filter=Q(approved_on__isnull=False)),
            disbursed=Count("id", filter=Q(disbursed_on__isnull=False)),
        )
        drill = list_url("programmes:policyproject-list", year=year, **where)
        found += [
            Figure("policy_projects", _("Policy applications"), counts["all"], drill),
            Figure("policy_approved", _("Projects approved"), counts["approved"], drill),
            Figure("policy_funded", _("Projects funded"), counts["disbursed"], drill),
        ]
    return found


def financing_demands(user, year, place):
    """The financing demands the figures count: the place's firms' demands in the rounds that
    opened in `year`."""
    return place.of_enterprises(FinancingDemand.objects.visible_to(user), "enterprise__").filter(
        round__opens_on__year=year
    )


def policy_projects(user, year, place):
    """The policy projects the figures count: the place's firms' projects under calls of `year`."""
    return place.of_enterprises(PolicyProject.objects.visible_to(user), "enterprise__").filter(
        call__year=year
    )


def honour_awards(user, year, place):
    """The honours the figures count: the place's firms' awards of `year`, new and re-certified
    (the register's rows)."""
    return place.of_enterprises(HonourAward.objects.visible_to(user), "enterprise__").filter(
        year=year, status__in=(AwardStatus.AWARDED, AwardStatus.RECERTIFIED)
    )


def honour_counts(awards, *by):
    """`awards` grouped by `by` (fields of the award), each group's new and re-certified."""
    return list(
        awards.values(*by)
        .annotate(
            new=Count("id", filter=~Q(status=AwardStatus.RECERTIFIED)),
            recertified=Count("id", filter=Q(status=AwardStatus.RECERTIFIED)),
        )
        .order_by(*by)
    )


def _honours(user, year, place):
    return honour_counts(honour_awards(user, year, place), "honour_type__level")


def default_year(user) -> int:
    """The last year with yearly figures in the viewer's scope, else the current year."""
    latest = (
        IndicatorYear.objects.visible_to(user)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return latest or timezone.localdate().year

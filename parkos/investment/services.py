"""The rules of the pipeline: how a project moves between stages, what a year's signings add up
to against the target, which promises are kept, and which projects need a nudge."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from parkos.core.units import per_mu, to_wan
from parkos.enterprises.models import IndicatorYear
from parkos.evaluation.models import AdmissionBar
from parkos.evaluation.services import check_admission
from parkos.portal.models import EnquiryStatus
from parkos.space.choices import ParcelStatus
from parkos.space.matching import Demand, match
from parkos.space.models import Parcel, Unit
from parkos.space.services import AREA_SPREAD

from .choices import PIPELINE, RANK, Channel, Stage
from .models import Project, StageChange

ZERO = Decimal(0)
MONEY = DecimalField(max_digits=20, decimal_places=2)
STALE_DAYS = settings.PARKOS_STALE_DAYS
FOLLOW_UP_DAYS = 2  # a lead from the online park is called back within two days
FINISHED = (Stage.LOST, Stage.AT_CAPACITY)


def today():
    return timezone.localdate()


#
# Stages
#


def admission_check(project):
    """The project's figures against its park's per-mu bar; None for a project that needs no
    land or a park without a bar."""
    if not project.is_land_project:
        return None
    bar = AdmissionBar.objects.filter(park_id=project.park_id).first()
    if bar is None:
        return None
    return check_admission(
        bar,
        investment=project.planned_investment,
        land_mu=project.land_need_mu,
        output=project.promised_output,
        tax=project.promised_tax,
    )


def recorded(criteria):
    """An admission check as the timeline keeps it (JSON: the bar may change later)."""
    return [
        {
            "label": str(c.label),
            "required": str(c.required),
            "actual": None if c.actual is None else str(c.actual.quantize(Decimal("0.01"))),
            "passed": c.passed,
        }
        for c in criteria
    ]


def shortfall(criteria):
    """Why a project does not clear the bar, criterion by criterion, in 万元 per mu."""
    if criteria is None:
        return _("The park has no admission bar to check the project against.")
    missing = [
        _("%(label)s %(actual)s < %(required)s (10k yuan)")
        % {
            "label": c.label,
            "actual": "—" if c.actual is None else to_wan(c.actual),
            "required": to_wan(c.required),
        }
        for c in criteria
        if not c.passed
    ]
    return _("Below the park's admission bar: %(what)s.") % {"what": "; ".join(missing)}


def clears_bar(criteria):
    return criteria is not None and all(c.passed for c in criteria)


def bar_refusal(criteria, override_reason, user, hint):
    """Why a land project may not enter "land acquired" — or None: it clears the bar, or a park
    admin lets it through with a reason (no user: the operator on the command line). `hint`
    says where the reason goes. Answers ("reason", message) when no reason was given and
    ("permission", message) when the user may not override."""
    if clears_bar(criteria):
        return None
    if not override_reason:
        return "reason", shortfall(criteria) + " " + hint
    if user is not None and not user.has_perm("investment.override_admission"):
        return "permission", _(
            "Only a park admin may let a project below the admission bar acquire land."
        )
    return None


def enters_land(project, to):
    """True when a move takes a project from before "land acquired" to it or beyond."""
    if to == Stage.LOST:
        return False
    return RANK[to] >= RANK[Stage.LAND_ACQUIRED] and project.rank < RANK[Stage.LAND_ACQUIRED]


@transaction.atomic
def move_stage(project, to, *, on, by, note="", override_reason="") -> StageChange:
    """Move a project to another stage on a date, or say precisely why it cannot move.

    Rules: the date is neither in the future nor before the last change; a lost project needs
    its reason; a land project reaches "land acquired" (or anything after it) only by clearing
    the park's admission bar, or by a park admin's override with a reason; a project that needs
    floor space has no land to acquire."""
    to = Stage(to)
    # Two people dragging the same card: the second waits, then sees the first one's move.
    project.refresh_from_db(from_queryset=Project.objects.select_for_update())
    note, override_reason = note.strip(), override_reason.strip()
    errors = {}
    if to == project.stage:
        errors["stage"] = _("The project is already at this stage.")
    if on > today():
        errors["on"] = _("The date cannot be in the future.")
    elif on < project.stage_since:
        errors["on"] = _("The date cannot be earlier than the last change (%(date)s).") % {
            "date": project.stage_since
        }
    if to == Stage.LOST and not note:
        errors["note"] = _("Say why the project was lost.")
    criteria = None
    if to == Stage.LAND_ACQUIRED and not project.is_land_project:
        errors["stage"] = _(
            "This project needs floor space, not land: move it to “construction started” or "
            "“in production” instead, or enter its land need first."
        )
    elif project.is_land_project and (to == Stage.NEGOTIATING or enters_land(project, to)):
        criteria = admission_check(project)
        if to != Stage.NEGOTIATING:  # at negotiation the check is recorded, not enforced
            hint = _("A park admin may let it through with a reason.")
            if refusal := bar_refusal(criteria, override_reason, by, hint):
                errors["override_reason"] = refusal[1]
        if to == Stage.NEGOTIATING or clears_bar(criteria):
            override_reason = ""
    if errors:
        raise ValidationError(errors)
    if not enters_land(project, to):
        override_reason = ""
    change = StageChange(
        project=project,
        from_stage=project.stage,
        to_stage=to,
        on=on,
        by=by,
        note=note,
        admission=recorded(criteria) if criteria is not None else None,
        override_reason=override_reason,
    )
    project.stage, project.stage_since = to, on
    if to == Stage.LOST:
        project.lost_reason = note
    else:
        project.lost_reason = ""
        if RANK[to] < RANK[Stage.SIGNED]:
            project.signed_on = None
        elif project.signed_on is None:
            project.signed_on = on
    project._history_user = by
    project.save()
    change.save()
    return change


def start_project(project, *, by, on=None, note=""):
    """Save a new project and the first entry of its timeline."""
    project.stage_since = on or project.stage_since or today()
    if project.stage != Stage.LOST and project.rank >= RANK[Stage.SIGNED]:
        project.signed_on = project.signed_on or project.stage_since
    project._history_user = by
    with transaction.atomic():
        project.save()
        StageChange.objects.create(
            project=project, to_stage=project.stage, on=project.stage_since, by=by, note=note
        )
    return project


def lead_from_enquiry(sender, enquiry, **kwargs):
    """An online-park enquiry becomes a lead of its park's pipeline (receiver of
    `portal.signals.enquiry_received`)."""
    if Project.objects.filter(enquiry=enquiry).exists():
        return None
    with translation.override(settings.LANGUAGE_CODE):
        name = _("%(company)s (enquiry %(number)d)") % {
            "company": enquiry.company,
            "number": enquiry.pk,
        }
        contact = " ".join(filter(None, [enquiry.name, enquiry.phone, enquiry.email]))
        received = timezone.localdate(enquiry.created)
        project = Project(
            park_id=enquiry.park_id,
            name=name[:100],
            investor_name=enquiry.company,
            channel=Channel.ONLINE_ENQUIRY,
            floor_need_m2=enquiry.area_m2,
            building_id=enquiry.building_id,
            stage=Stage.LEAD,
            stage_since=received,
            next_action=_("Call the investor back"),
            next_action_on=received + dt.timedelta(days=FOLLOW_UP_DAYS),
            notes=f"{contact}\n{enquiry.industry}\n{enquiry.message}".strip(),
            enquiry=enquiry,
        )
        with transaction.atomic():
            start_project(project, by=None, note=_("From an online-park enquiry."))
            enquiry.status = EnquiryStatus.LEAD
            enquiry.save(update_fields=["status"])
    return project


#
# Targets
#


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


#
# Figures
#


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


def _m(row):
    return {"count": row["count"], "investment": row["investment"]}


def _owner_label(row):
    if row["owner"] is None:
        return _("No owner")
    return f"{row['owner__last_name']}{row['owner__first_name']}" or row["owner__username"]


#
# Reminders
#


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


#
# Promises
#


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
    "name",
    "investor_name",
    "planned_investment",
    "is_foreign",
    "land_need_mu",
    "stage",
    "stage_since",
    "next_action_on",
    "owner__username",
    "owner__first_name",
    "owner__last_name",
)


def stage_columns(projects, per_column):
    """The kanban: each pipeline stage (and lost) with its latest cards and how many there are.
    A query per column walks the (stage, stage_since) index and stops at `per_column`; one
    window query over every project was twice as slow on SQLite (docs/benchmarks.md)."""
    counts = dict(projects.order_by().values_list("stage").annotate(n=Count("id")))
    cards = projects.select_related(None).select_related("owner").only(*CARD_FIELDS)
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


#
# Space
#


def space_for(project, user, limit=5):
    """Where the project could go: units matching its floor-space need (the matching engine), or
    available parcels of its park large enough for its land need."""
    if project.floor_need_m2:
        need = project.floor_need_m2
        demand = Demand(
            area_min=need * (1 - AREA_SPREAD),
            area_max=need * (1 + AREA_SPREAD),
            cluster_id=project.cluster_id,
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


#
# Reminders by mail
#


@dataclass
class Digest:
    owner: object
    overdue: list
    stale: list


def digests(days=STALE_DAYS, on=None):
    """Per owner with an e-mail address: their overdue next actions and their projects with no
    stage change for `days` days (owners with neither are left out)."""
    projects = Project.objects.filter(owner__isnull=False, owner__is_active=True).exclude(
        owner__email=""
    )
    overdue, waiting = {}, {}
    for project in overdue_actions(projects, on):
        overdue.setdefault(project.owner, []).append(project)
    for project in stale(projects, days, on):
        waiting.setdefault(project.owner, []).append(project)
    owners = sorted(set(overdue) | set(waiting), key=lambda user: user.username)
    return [Digest(o, overdue.get(o, []), waiting.get(o, [])) for o in owners]


def reminder_mail(digest, days, site_url=""):
    """Subject and body of one owner's reminder, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[ParkOS] Investment reminders: %(overdue)d overdue, %(stale)d waiting") % {
            "overdue": len(digest.overdue),
            "stale": len(digest.stale),
        }
        lines = [_("Hello %(name)s,") % {"name": digest.owner.display_name}, ""]
        if digest.overdue:
            lines.append(_("Next actions past their date:"))
            lines += [
                f"- {p.next_action_on:%Y-%m-%d} {p.name}：{p.next_action or '—'}  "
                f"{site_url}{p.get_absolute_url()}"
                for p in digest.overdue
            ]
            lines.append("")
        if digest.stale:
            lines.append(_("No stage change for %(days)d days:") % {"days": days})
            lines += [
                f"- {p.name}（{p.get_stage_display()}，{p.stage_since:%Y-%m-%d}）  "
                f"{site_url}{p.get_absolute_url()}"
                for p in digest.stale
            ]
        return subject, "\n".join(lines)

"""The rules of events, policy projects and honours, one check each: the forms, the API, the
imports and the actions call them."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from parkos.core.units import quantize, to_wan


def check_same_park(event, enterprise) -> None:
    """An enterprise takes part in the events of its own park."""
    if enterprise.park_id != event.park_id:
        raise ValidationError(
            {
                "enterprise": _("%(name)s is not an enterprise of %(park)s, which holds the event.")
                % {"name": enterprise, "park": event.park}
            }
        )


def check_registration_open(event) -> None:
    """Registration closes at the end of the event's day."""
    if event.on < timezone.localdate():
        raise ValidationError(
            {
                "event": _("The event took place on %(date)s: registration is closed.")
                % {"date": f"{event.on:%Y-%m-%d}"}
            }
        )


def check_not_registered(event, enterprise, exclude=None) -> None:
    """One registration per event and enterprise."""
    others = event.registrations.filter(enterprise=enterprise)
    if exclude is not None and exclude.pk:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise ValidationError(
            {
                "enterprise": _("%(name)s is already registered for this event.")
                % {"name": enterprise}
            }
        )


def check_capacity(event, exclude=None) -> None:
    """An event with a capacity takes that many enterprises, no more."""
    if event.capacity is None:
        return
    taken = event.registrations.all()
    if exclude is not None and exclude.pk:
        taken = taken.exclude(pk=exclude.pk)
    if taken.count() >= event.capacity:
        raise ValidationError(
            {
                "event": ngettext(
                    "The event is full: its capacity is %(capacity)d enterprise.",
                    "The event is full: its capacity is %(capacity)d enterprises.",
                    event.capacity,
                )
                % {"capacity": event.capacity}
            }
        )


def check_attendance_date(event) -> None:
    """Attendance is taken on the day of the event or after it, never before."""
    if timezone.localdate() < event.on:
        raise ValidationError(
            {
                "event": _("The event is on %(date)s: attendance is taken from that day.")
                % {"date": f"{event.on:%Y-%m-%d}"}
            }
        )


def check_cancellable(registration) -> None:
    """A registration is cancelled before the event; an attended one stays."""
    if hasattr(registration, "attendance"):
        raise ValidationError(
            _("%(name)s attended the event: the registration stays.")
            % {"name": registration.enterprise}
        )
    check_registration_open(registration.event)


def check_attendee(attendance, enterprise) -> None:
    """Feedback comes from an enterprise that attended."""
    if attendance is None:
        raise ValidationError(
            {
                "rating": _("%(name)s did not attend this event: only attendees give feedback.")
                % {"name": enterprise}
            }
        )


def check_rating(rating) -> None:
    if rating is None or not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": _("Rate the event from 1 to 5.")})


def check_audience(event, zones, clusters, tags=()) -> None:
    """The target zones are the park's; the target clusters and tags the park's or the
    district's."""
    for zone in zones or ():
        if zone.park_id != event.park_id:
            raise ValidationError(
                {
                    "zones": _("%(zone)s is not a zone of %(park)s.")
                    % {"zone": zone, "park": event.park}
                }
            )
    for cluster in clusters or ():
        if cluster.scheme.park_id not in (None, event.park_id):
            raise ValidationError(
                {"clusters": _("%(cluster)s is a cluster of another park.") % {"cluster": cluster}}
            )
    for tag in tags or ():
        if tag.park_id not in (None, event.park_id):
            raise ValidationError({"tags": _("%(tag)s is a tag of another park.") % {"tag": tag}})


# Policy projects and honours: the eligibility criteria and the workflow's steps ---------------
#
# A call's (or an honour's) criteria are data: a small dict of declared criteria (CRITERIA
# below), validated by `policy_forms.CriteriaFields`. `evaluate` is the one evaluator: the list
# of eligible firms, the enterprise's self-service, the recommendation and the application
# actions all call it and show its reasons.

# name → (kind, label): the criteria a call or an honour may declare, over the portrait.
CRITERIA = {
    "clusters": ("ids", gettext_lazy("In one of the clusters")),
    "above_scale": ("bool", gettext_lazy("Above-scale enterprise")),
    "honours": ("ids", gettext_lazy("Holds one of the honours")),
    "min_tax": ("yuan", gettext_lazy("Tax paid in the latest year at least (yuan)")),
    "min_revenue": ("yuan", gettext_lazy("Revenue in the latest year at least (yuan)")),
    "min_rd_intensity": ("percent", gettext_lazy("R&D intensity at least (per cent of revenue)")),
    "min_land_mu": ("mu", gettext_lazy("Own land at least (mu)")),
    "min_years": ("int", gettext_lazy("Founded at least (years)")),
    "grades": ("grades", gettext_lazy("Per-mu evaluation grade one of")),
}
GRADES = ("A", "B", "C", "D")


def clean_criteria(criteria) -> dict:
    """The criteria as stored: known names only, each of its kind; empty ones dropped. Raises
    ValidationError naming the criterion at fault (the form, the API and the import call it)."""
    if not isinstance(criteria, dict):
        raise ValidationError({"criteria": _("The criteria are a set of named conditions.")})
    cleaned = {}
    for name, value in criteria.items():
        if name not in CRITERIA:
            raise ValidationError({"criteria": _("Unknown criterion “%(name)s”.") % {"name": name}})
        kind = CRITERIA[name][0]
        if value in (None, "", [], False):
            continue
        try:
            if kind == "ids":
                value = sorted({int(v) for v in value})
            elif kind == "bool":
                value = bool(value)
            elif kind == "grades":
                value = sorted({str(v).upper() for v in value})
                if not set(value) <= set(GRADES):
                    raise ValueError
            elif kind == "int":
                value = int(value)
                if value < 0:
                    raise ValueError
            else:
                value = str(Decimal(str(value)))
                if Decimal(value) < 0:
                    raise ValueError
        except (TypeError, ValueError, ArithmeticError):
            raise ValidationError(
                {
                    "criteria": _("%(criterion)s: not a valid value.")
                    % {"criterion": CRITERIA[name][1]}
                }
            ) from None
        cleaned[name] = value
    return cleaned


@dataclass
class Portrait:
    """What the criteria read of an enterprise, as of a year."""

    enterprise: object
    year: int  # the reference year (a call's year)
    cluster_ids: set = field(default_factory=set)
    honour_ids: set = field(default_factory=set)  # honours held (awarded or re-certified)
    figures_year: int | None = None  # the latest year with figures, up to `year`
    revenue: Decimal | None = None
    tax_paid: Decimal | None = None
    rd_spend: Decimal | None = None
    grade: str = ""  # the latest published per-mu grade, up to `year`

    @property
    def rd_intensity(self) -> Decimal | None:
        if not self.revenue or self.rd_spend is None:
            return None
        return quantize(self.rd_spend * 100 / self.revenue)


@dataclass
class Reason:
    criterion: str
    passed: bool
    text: str


@dataclass
class Verdict:
    reasons: list[Reason]

    @property
    def eligible(self) -> bool:
        return all(r.passed for r in self.reasons)

    @property
    def failures(self) -> list[str]:
        return [r.text for r in self.reasons if not r.passed]


def _wan(yuan) -> str:
    return f"{to_wan(Decimal(yuan)):,.2f} 万元"


def evaluate(criteria: dict, portrait: Portrait, *, park_id=None) -> Verdict:
    """Pass or fail of one enterprise against declared criteria, with a reason per criterion
    (and per implied condition: at work, in the call's park)."""
    from parkos.enterprises.choices import EnterpriseStatus

    firm = portrait.enterprise
    reasons = [
        Reason(
            "status",
            firm.status == EnterpriseStatus.OPERATING,
            _("At work")
            if firm.status == EnterpriseStatus.OPERATING
            else _("Not at work (%(status)s)") % {"status": firm.get_status_display()},
        )
    ]
    if park_id is not None:
        reasons.append(
            Reason(
                "park",
                firm.park_id == park_id,
                _("In the call's park")
                if firm.park_id == park_id
                else _("An enterprise of another park"),
            )
        )
    c = criteria or {}
    fig_year = portrait.figures_year
    if "clusters" in c:
        ok = bool(portrait.cluster_ids & set(c["clusters"]))
        reasons.append(
            Reason(
                "clusters",
                ok,
                _("In a cluster of the call") if ok else _("Not in a cluster of the call"),
            )
        )
    if c.get("above_scale"):
        ok = bool(firm.is_above_scale)
        reasons.append(Reason("above_scale", ok, _("Above-scale") if ok else _("Not above-scale")))
    if "honours" in c:
        ok = bool(portrait.honour_ids & set(c["honours"]))
        reasons.append(
            Reason(
                "honours",
                ok,
                _("Holds a required honour") if ok else _("Holds none of the required honours"),
            )
        )
    for name, value, label in (
        ("min_tax", portrait.tax_paid, _("Tax paid")),
        ("min_revenue", portrait.revenue, _("Revenue")),
    ):
        if name in c:
            bar = Decimal(c[name])
            ok = value is not None and value >= bar
            shown = _wan(value) if value is not None else _("no figure")
            reasons.append(
                Reason(
                    name,
                    ok,
                    _("%(what)s in %(year)s: %(value)s, at least %(bar)s required")
                    % {"what": label, "year": fig_year or "—", "value": shown, "bar": _wan(bar)},
                )
            )
    if "min_rd_intensity" in c:
        bar = Decimal(c["min_rd_intensity"])
        value = portrait.rd_intensity
        ok = value is not None and value >= bar
        reasons.append(
            Reason(
                "min_rd_intensity",
                ok,
                _("R&D intensity in %(year)s: %(value)s, at least %(bar)s%% required")
                % {
                    "year": fig_year or "—",
                    "value": f"{value}%" if value is not None else _("no figure"),
                    "bar": bar,
                },
            )
        )
    if "min_land_mu" in c:
        bar = Decimal(c["min_land_mu"])
        ok = firm.own_land_mu >= bar
        reasons.append(
            Reason(
                "min_land_mu",
                ok,
                _("Own land: %(value)s mu, at least %(bar)s mu required")
                % {"value": quantize(firm.own_land_mu), "bar": bar},
            )
        )
    if "min_years" in c:
        years = None
        if firm.founded_on:
            end = dt.date(portrait.year, 12, 31)
            years = (
                end.year
                - firm.founded_on.year
                - ((end.month, end.day) < (firm.founded_on.month, firm.founded_on.day))
            )
        ok = years is not None and years >= c["min_years"]
        reasons.append(
            Reason(
                "min_years",
                ok,
                _("Founded %(value)s years before the end of %(year)s, at least %(bar)s required")
                % {
                    "value": years if years is not None else "—",
                    "year": portrait.year,
                    "bar": c["min_years"],
                },
            )
        )
    if "grades" in c:
        ok = portrait.grade in c["grades"]
        reasons.append(
            Reason(
                "grades",
                ok,
                _("Per-mu grade: %(grade)s, one of %(grades)s required")
                % {"grade": portrait.grade or "—", "grades": "/".join(c["grades"])},
            )
        )
    return Verdict(reasons)


def portraits(enterprises, year: int) -> dict[int, Portrait]:
    """The portraits of many enterprises as of `year`, in a handful of queries."""
    from parkos.enterprises.choices import AwardStatus
    from parkos.enterprises.models import Enterprise, HonourAward, IndicatorYear
    from parkos.evaluation.choices import RunStatus
    from parkos.evaluation.models import Result

    firms = {e.pk: e for e in enterprises}
    found = {pk: Portrait(enterprise=firm, year=year) for pk, firm in firms.items()}
    ids = list(found)
    for chunk in (ids[i : i + 5000] for i in range(0, len(ids), 5000)):
        links = Enterprise.clusters.through.objects.filter(enterprise_id__in=chunk)
        for enterprise_id, cluster_id in links.values_list("enterprise_id", "cluster_id"):
            found[enterprise_id].cluster_ids.add(cluster_id)
        held = HonourAward.objects.filter(
            enterprise_id__in=chunk,
            year__lte=year,
            status__in=[AwardStatus.AWARDED, AwardStatus.RECERTIFIED],
        )
        for enterprise_id, honour_id in held.values_list("enterprise_id", "honour_type_id"):
            found[enterprise_id].honour_ids.add(honour_id)
        rows = (
            IndicatorYear.objects.filter(enterprise_id__in=chunk, year__lte=year)
            .order_by("enterprise_id", "year")
            .values_list("enterprise_id", "year", "revenue", "tax_paid", "rd_spend")
        )
        for enterprise_id, figures_year, revenue, tax, rd in rows:  # the latest year wins
            p = found[enterprise_id]
            p.figures_year, p.revenue, p.tax_paid, p.rd_spend = figures_year, revenue, tax, rd
        results = (
            Result.objects.filter(
                enterprise_id__in=chunk,
                run__status=RunStatus.PUBLISHED,
                run__year__lte=year,
                rated=True,
            )
            .order_by("enterprise_id", "run__year", "run__published_at")
            .values_list("enterprise_id", "grade")
        )
        for enterprise_id, grade in results:
            found[enterprise_id].grade = grade
    return found


def verdict_for(criteria, enterprise, year, *, park_id=None) -> Verdict:
    return evaluate(criteria, portraits([enterprise], year)[enterprise.pk], park_id=park_id)


def check_eligible(call, enterprise) -> None:
    """An enterprise applies (or is recommended) only to a call whose criteria it meets; the
    message lists each criterion it fails."""
    verdict = verdict_for(call.criteria, enterprise, call.year, park_id=call.park_id)
    if not verdict.eligible:
        raise ValidationError(
            {
                "enterprise": _("%(name)s does not meet the call's criteria: %(reasons)s.")
                % {"name": enterprise, "reasons": "；".join(verdict.failures)}
            }
        )


def check_recommender(actor) -> None:
    """Recommending (推荐) is the park's: an enterprise applies for itself."""
    if actor is not None and getattr(actor, "enterprise_id", None) is not None:
        raise ValidationError(
            _("An enterprise applies for itself; recommending is for the park's staff.")
        )


def check_filed_on(actor, on) -> None:
    """An enterprise files on the day it files; the staff may record the date of a paper
    application (the deadline is then checked against that date)."""
    enterprise_user = actor is not None and getattr(actor, "enterprise_id", None) is not None
    if enterprise_user and on != timezone.localdate():
        raise ValidationError(
            {"applied_on": _("An enterprise files its application today, not on another day.")}
        )


def check_call_open(call, on) -> None:
    """Applications are filed up to the call's deadline."""
    if on > call.deadline:
        raise ValidationError(
            {
                "applied_on": _("The call closed on %(deadline)s: no application after it.")
                % {"deadline": f"{call.deadline:%Y-%m-%d}"}
            }
        )


def check_step(row, to_status, allowed: dict, labels) -> None:
    """A workflow moves only along its arrows; the message names where the row is and where it
    may go from there."""
    if row.status not in allowed.get(to_status, ()):
        current = labels(row.status).label if row.status else _("new")
        raise ValidationError(
            _("A row that is “%(current)s” cannot become “%(target)s”; it may go to: %(next)s.")
            % {
                "current": current,
                "target": labels(to_status).label,
                "next": "、".join(
                    str(labels(s).label) for s, sources in allowed.items() if row.status in sources
                )
                or _("nothing (it is closed)"),
            }
        )


def check_step_date(on, after, field_name) -> None:
    """A step's date is not in the future nor before the step before it."""
    if on > timezone.localdate():
        raise ValidationError({field_name: _("The date is in the future.")})
    if after is not None and on < after:
        raise ValidationError(
            {
                field_name: _("The date is before the previous step's (%(date)s).")
                % {"date": f"{after:%Y-%m-%d}"}
            }
        )


# The money columns hold 16 digits, two of them cents: a larger amount cannot be kept (and would
# overflow the cent rounding).
MAX_AMOUNT = Decimal(10) ** 14


def check_amount(amount, field_name, ceiling=None, ceiling_label="") -> None:
    """An amount in yuan to the cent, positive, and not above the step before it."""
    if amount is None or not amount.is_finite() or amount <= 0:
        raise ValidationError({field_name: _("Give an amount above zero.")})
    if amount >= MAX_AMOUNT:
        raise ValidationError({field_name: _("The amount is too large to keep.")})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field_name: _("Amounts are kept to the cent.")})
    if ceiling is not None and amount > ceiling:
        raise ValidationError(
            {
                field_name: _("%(amount)s is more than the %(what)s (%(ceiling)s).")
                % {"amount": _wan(amount), "what": ceiling_label, "ceiling": _wan(ceiling)}
            }
        )


def check_recertification(enterprise, honour_type, year) -> None:
    """A re-certification (复核) confirms an honour the enterprise was awarded in an earlier
    year."""
    from parkos.enterprises.choices import AwardStatus
    from parkos.enterprises.models import HonourAward

    if not HonourAward.objects.filter(
        enterprise=enterprise,
        honour_type=honour_type,
        year__lt=year,
        status__in=[AwardStatus.AWARDED, AwardStatus.RECERTIFIED],
    ).exists():
        raise ValidationError(
            {
                "status": _(
                    "%(name)s was not awarded %(honour)s before %(year)s: it can be awarded, not "
                    "re-certified."
                )
                % {"name": enterprise, "honour": honour_type, "year": year}
            }
        )


def describe_criteria(criteria: dict) -> str:
    """The criteria as a reader reads them: 规上企业；税收≥ 50.00 万元…"""
    from parkos.enterprises.models import Cluster, HonourType

    parts = []
    for name, value in (criteria or {}).items():
        label = CRITERIA.get(name, (None, name))[1]
        kind = CRITERIA.get(name, ("text",))[0]
        if kind == "bool":
            parts.append(str(label))
            continue
        if kind == "ids":
            model = Cluster if name == "clusters" else HonourType
            value = "、".join(str(o) for o in model.objects.filter(pk__in=value))
        elif kind == "yuan":
            value = _wan(value)
        elif kind == "grades":
            value = "/".join(value)
        parts.append(f"{label}：{value}")
    return "；".join(parts) or _("Every enterprise at work")


# What a project's status needs: the date of each step it went through and its amounts.
STEP_DATES = {
    "recommended": ("recommended_on",),
    "applied": ("applied_on",),
    "approved": ("applied_on", "approved_on"),
    "funded": ("applied_on", "approved_on", "disbursed_on"),
    "rejected": ("closed_on",),
    "withdrawn": ("closed_on",),
}
STEP_AMOUNTS = {
    "applied": ("applied_amount",),
    "approved": ("applied_amount", "approved_amount"),
    "funded": ("applied_amount", "approved_amount", "disbursed_amount"),
}
DATE_ORDER = ("recommended_on", "applied_on", "approved_on", "disbursed_on")


def project_record_problems(values: dict) -> list[tuple[str, str]]:
    """A project as a log records it (an import row): (field, why) for each problem — a
    status without the date or amount of a step it went through, then each step's date and
    amount judged by the checks the actions run step by step (`check_step_date`,
    `check_amount`), all at once."""
    from .models import PolicyProject

    status = values.get("status")
    problems = []

    def judge(check, *args):
        try:
            check(*args)
        except ValidationError as exc:
            problems.extend(
                (name, message)
                for name, messages in exc.message_dict.items()
                for message in messages
            )

    for name in STEP_DATES.get(status, ()):
        if not values.get(name):
            problems.append((name, _("The status needs this date.")))
    for name in STEP_AMOUNTS.get(status, ()):
        if values.get(name) is None:
            problems.append((name, _("The status needs this amount.")))
    ceiling = ceiling_name = None
    for name in ("applied_amount", "approved_amount", "disbursed_amount"):
        if (amount := values.get(name)) is not None:
            label = PolicyProject._meta.get_field(ceiling_name).verbose_name if ceiling else ""
            judge(check_amount, amount, name, ceiling, label)
            ceiling, ceiling_name = amount, name
    after = None
    for name in (*DATE_ORDER, "closed_on"):
        if on := values.get(name):
            judge(check_step_date, on, after, name)
            after = on
    return problems

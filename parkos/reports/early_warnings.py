"""The monthly evaluation of the early-warning rules (预警).

`evaluate(year, month)` applies every active rule to the operating enterprises of its park (of
every park when it is the district's) and writes one `EarlyWarning` per enterprise, rule and
month with the figures that fired it; run again, it writes nothing new. Each kind is one
function (rule, enterprises, year, month) → {enterprise id: figures as text}:

- output down: output of months 1–M (累计) against the same months a year before, compared when
  both years report the same number of those months and month M is among them;
- tax down: tax of each of the last N months (N the threshold) below the same month a year
  before — it fires in the Nth month of the run, and again every month it lasts;
- energy up: energy (tce) per 10,000 yuan of output, months 1–M against the same months a year
  before (same counting rule as output);
- no report: an above-scale firm that reported monthly figures in the 12 months before M and
  has none for M;
- grade fell: a per-mu evaluation published in month M puts the firm the threshold's levels
  (default 2) or more below its grade in the previous published run of the same park (or of
  the district) for an earlier year;
- promise behind: a project of at least the rule's investment whose promised output or tax
  (per mu when both sides know their land; `investment.queries.promises`) the enterprise's
  figures of the year before fall short of, below the threshold's percent; once a year.
"""

import calendar
import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from parkos.core.templatetags.units import num, percent, wan
from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.models import Enterprise, IndicatorMonth
from parkos.evaluation.choices import RunStatus
from parkos.evaluation.models import Result, Run
from parkos.investment.models import Project
from parkos.investment.queries import promises

from .choices import RuleKind
from .models import EarlyWarning, WarningRule

GRADES = "ABCD"
DEFAULT_LEVELS = 2


def last_month(today=None) -> tuple[int, int]:
    """The month before `today`'s (the command's default: the month whose figures are in)."""
    first = (today or timezone.localdate()).replace(day=1)
    before = first - dt.timedelta(days=1)
    return before.year, before.month


def evaluate(year: int, month: int) -> int:
    """Write the month's warnings of every active rule; the number of new ones."""
    written = 0
    with translation.override(settings.LANGUAGE_CODE):  # the figures are stored as text
        for rule in WarningRule.objects.filter(is_active=True).order_by("id"):
            enterprises = Enterprise.objects.filter(status=EnterpriseStatus.OPERATING)
            if rule.park_id is not None:
                enterprises = enterprises.filter(park_id=rule.park_id)
            found = CHECKS[rule.kind](rule, enterprises, year, month)
            written += _write(rule, year, month, found)
    return written


def _write(rule, year, month, found: dict) -> int:
    if not found:
        return 0
    with transaction.atomic():
        known = set(
            EarlyWarning.objects.filter(rule=rule, year=year, month=month).values_list(
                "enterprise_id", flat=True
            )
        )
        new = [
            EarlyWarning(enterprise_id=pk, rule=rule, year=year, month=month, figures=text)
            for pk, text in sorted(found.items())
            if pk not in known
        ]
        bulk_create_with_history(new, EarlyWarning)
    return len(new)


def _threshold(rule, default=Decimal(0)) -> Decimal:
    return rule.threshold if rule.threshold is not None else default


def _cumulative(enterprises, year, month, field):
    """Per enterprise: {year: (sum of `field` over months 1–M, months reported, latest month)}
    for `year` and the year before."""
    rows = (
        IndicatorMonth.objects.filter(
            enterprise__in=enterprises, year__in=(year - 1, year), month__lte=month
        )
        .exclude(**{f"{field}__isnull": True})
        .values("enterprise_id", "year")
        .annotate(total=Sum(field), n=Count("id"), latest=Max("month"))
        .order_by()
    )
    sums = defaultdict(dict)
    for row in rows:
        sums[row["enterprise_id"]][row["year"]] = row
    return sums


def _comparable(years, year, month):
    this, last = years.get(year), years.get(year - 1)
    if this is None or last is None or this["latest"] != month or this["n"] != last["n"]:
        return None
    return this, last


def output_down(rule, enterprises, year, month):
    limit = _threshold(rule) / 100
    found = {}
    for pk, years in _cumulative(enterprises, year, month, "output_value").items():
        pair = _comparable(years, year, month)
        if pair is None or not pair[1]["total"]:
            continue
        this, last = pair[0]["total"], pair[1]["total"]
        growth = (this - last) / last
        if growth < -limit:
            found[pk] = _(
                "Output of months 1–%(month)d: %(this)s (10k yuan) against %(last)s a year "
                "before, %(growth)s (rule: down more than %(limit)s)."
            ) % {
                "month": month,
                "this": wan(this),
                "last": wan(last),
                "growth": percent(growth),
                "limit": percent(limit),
            }
    return found


def _months_back(year, month, n):
    """The n months ending at (year, month), oldest first."""
    index = year * 12 + month - 1
    return [(i // 12, i % 12 + 1) for i in range(index - n + 1, index + 1)]


def tax_down(rule, enterprises, year, month):
    n = max(int(_threshold(rule, Decimal(3))), 1)
    months = _months_back(year, month, n)
    wanted = Q()
    for y, m in months:
        wanted |= Q(year=y, month=m) | Q(year=y - 1, month=m)
    taxes = defaultdict(dict)
    rows = (
        IndicatorMonth.objects.filter(wanted, enterprise__in=enterprises, tax_paid__isnull=False)
        .values_list("enterprise_id", "year", "month", "tax_paid")
        .order_by()
    )
    for pk, y, m, tax in rows:
        taxes[pk][(y, m)] = tax
    found = {}
    for pk, tax in taxes.items():
        pairs = [(tax.get((y, m)), tax.get((y - 1, m))) for y, m in months]
        if all(now is not None and before is not None and now < before for now, before in pairs):
            lines = [
                _("%(period)s: %(now)s against %(before)s")
                % {
                    "period": f"{y}-{m:02d}",
                    "now": wan(now),
                    "before": wan(before),
                }
                for (y, m), (now, before) in zip(months, pairs, strict=True)
            ]
            found[pk] = _(
                "Tax paid (10k yuan) below the same month a year before, %(n)d months running: "
                "%(lines)s."
            ) % {"n": n, "lines": "; ".join(lines)}
    return found


def energy_up(rule, enterprises, year, month):
    limit = _threshold(rule) / 100
    energy = _cumulative(enterprises, year, month, "energy_tce")
    output = _cumulative(enterprises, year, month, "output_value")
    found = {}
    for pk, years in energy.items():
        spent, made = _comparable(years, year, month), _comparable(output.get(pk, {}), year, month)
        if spent is None or made is None or not all(r["total"] for r in (*spent, *made)):
            continue
        # tce per 10,000 yuan of output
        this = spent[0]["total"] / made[0]["total"] * 10000
        last = spent[1]["total"] / made[1]["total"] * 10000
        growth = (this - last) / last
        if growth > limit:
            found[pk] = _(
                "Energy per 10k yuan of output, months 1–%(month)d: %(this)s tce against "
                "%(last)s a year before, +%(growth)s (rule: up more than %(limit)s)."
            ) % {
                "month": month,
                "this": num(this, 4),
                "last": num(last, 4),
                "growth": percent(growth),
                "limit": percent(limit),
            }
    return found


def no_report(rule, enterprises, year, month):
    before = _months_back(year, month, 13)[:-1]
    first_y, first_m = before[0]
    since = Q(year__gt=first_y) | Q(year=first_y, month__gte=first_m)
    until = Q(year__lt=year) | Q(year=year, month__lt=month)
    above = enterprises.filter(is_above_scale=True)
    reporting = dict(
        IndicatorMonth.objects.filter(since & until, enterprise__in=above)
        .values("enterprise_id")
        .annotate(latest=Max(F("year") * 100 + F("month")))
        .values_list("enterprise_id", "latest")
        .order_by()
    )
    reported = set(
        IndicatorMonth.objects.filter(enterprise__in=above, year=year, month=month).values_list(
            "enterprise_id", flat=True
        )
    )
    found = {}
    for pk, latest in reporting.items():
        if pk not in reported:
            found[pk] = _(
                "No monthly figures for %(period)s; the latest reported are of %(latest)s."
            ) % {"period": f"{year}-{month:02d}", "latest": f"{latest // 100}-{latest % 100:02d}"}
    return found


def grade_fell(rule, enterprises, year, month):
    levels = int(_threshold(rule, Decimal(DEFAULT_LEVELS))) or DEFAULT_LEVELS
    start = timezone.make_aware(dt.datetime(year, month, 1))
    end = start + dt.timedelta(days=calendar.monthrange(year, month)[1])
    published = Run.objects.filter(status=RunStatus.PUBLISHED)
    found = {}
    for run in published.filter(published_at__gte=start, published_at__lt=end).order_by("id"):
        previous = (
            published.filter(park_id=run.park_id, year__lt=run.year)
            .order_by("-year", "-published_at")
            .first()
        )
        if previous is None:
            continue
        before = dict(
            Result.objects.filter(run=previous, enterprise__in=enterprises)
            .exclude(grade="")
            .values_list("enterprise_id", "grade")
        )
        now = Result.objects.filter(run=run, enterprise_id__in=before).exclude(grade="")
        for pk, grade in now.values_list("enterprise_id", "grade"):
            was = before[pk]
            if GRADES.index(grade) - GRADES.index(was) >= levels:
                found[pk] = _(
                    "Per-mu grade %(was)s in the %(before)s evaluation, %(grade)s in %(year)s "
                    "(published %(on)s; rule: %(levels)d levels or more)."
                ) % {
                    "was": was,
                    "before": previous.year,
                    "grade": grade,
                    "year": run.year,
                    "on": timezone.localdate(run.published_at).isoformat(),
                    "levels": levels,
                }
    return found


def promise_behind(rule, enterprises, year, month):
    limit = _threshold(rule, Decimal(100)) / 100
    projects = Project.objects.filter(enterprise__in=enterprises)
    if rule.min_investment is not None:
        projects = projects.filter(planned_investment__gte=rule.min_investment)
    this_year = EarlyWarning.objects.filter(rule=rule, year=year, month__lt=month)
    already = set(this_year.values_list("enterprise_id", flat=True))
    lines = defaultdict(list)
    for promise in promises(projects, year=year - 1):
        pk = promise.project.enterprise_id
        if pk in already or promise.year is None:
            continue
        for label, ratio, (actual, promised) in (
            (_("output"), promise.output_ratio, promise.output_pair),
            (_("tax"), promise.tax_ratio, promise.tax_pair),
        ):
            if ratio is not None and ratio < limit:
                unit = _("10k yuan per mu") if promise.per_mu else _("10k yuan")
                lines[pk].append(
                    _(
                        "%(project)s: %(what)s of %(year)s %(actual)s against %(promised)s "
                        "promised (%(unit)s), %(ratio)s"
                    )
                    % {
                        "project": promise.project.name,
                        "what": label,
                        "year": promise.year,
                        "actual": wan(actual),
                        "promised": wan(promised),
                        "unit": unit,
                        "ratio": percent(ratio),
                    }
                )
    rule_text = _("(rule: below %(limit)s of the promise)") % {"limit": percent(limit)}
    return {pk: "; ".join(found) + " " + rule_text for pk, found in lines.items()}


CHECKS = {
    RuleKind.OUTPUT_DOWN: output_down,
    RuleKind.TAX_DOWN: tax_down,
    RuleKind.ENERGY_UP: energy_up,
    RuleKind.NO_REPORT: no_report,
    RuleKind.GRADE_FELL: grade_fell,
    RuleKind.PROMISE_BEHIND: promise_behind,
}

"""The enterprise portrait: figures, growth, ranks and history, computed from the rows."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from parkos.core.history import HISTORY_LIMIT, Change, diffs
from parkos.core.units import per_mu, to_wan

from .filters import can_see_figures
from .models import Enterprise, IndicatorMonth, IndicatorYear

TREND_FIELDS = ("output_value", "revenue", "tax_paid")


def growth(current, previous) -> Decimal | None:
    """Year-over-year growth as a fraction; None where either year is unknown or the base is 0."""
    if current is None or not previous:
        return None
    return (Decimal(current) - Decimal(previous)) / Decimal(previous)


@dataclass
class YearRow:
    year: int
    figures: IndicatorYear
    tax_per_mu: Decimal | None
    output_per_mu: Decimal | None
    growth: dict


def year_rows(enterprise: Enterprise) -> list[YearRow]:
    land = enterprise.land_mu
    rows, previous = [], None
    for record in enterprise.years.order_by("year"):
        rows.append(
            YearRow(
                year=record.year,
                figures=record,
                tax_per_mu=per_mu(record.tax_paid, land),
                output_per_mu=per_mu(record.output_value, land),
                growth={
                    name: growth(getattr(record, name), getattr(previous, name, None))
                    if previous is not None and previous.year == record.year - 1
                    else None
                    for name in TREND_FIELDS
                },
            )
        )
        previous = record
    return rows


def chart_data(rows: list[YearRow], months) -> dict:
    """The series ECharts draws on the portrait, in 万元."""
    return {
        "years": [r.year for r in rows],
        "output": [_n(to_wan(r.figures.output_value)) for r in rows],
        "revenue": [_n(to_wan(r.figures.revenue)) for r in rows],
        "tax": [_n(to_wan(r.figures.tax_paid)) for r in rows],
        "tax_per_mu": [_n(to_wan(r.tax_per_mu)) for r in rows],
        "tax_growth": [_percent(r.growth["tax_paid"]) for r in rows],
        "output_growth": [_percent(r.growth["output_value"]) for r in rows],
        "months": [f"{m.year}-{m.month:02d}" for m in months],
        "month_output": [_n(to_wan(m.output_value)) for m in months],
        "month_tax": [_n(to_wan(m.tax_paid)) for m in months],
        "labels": {
            "output": _("Output"),
            "revenue": _("Revenue"),
            "tax": _("Tax"),
            "tax_per_mu": _("Tax per mu"),
            "tax_growth": _("Tax growth %"),
            "output_growth": _("Output growth %"),
            "unit": _("10k yuan"),
            "per_mu_unit": _("10k yuan per mu"),
        },
    }


def _percent(fraction):
    return None if fraction is None else _n(fraction * 100)


def _n(value):
    return None if value is None else float(round(value, 2))


@dataclass
class Rank:
    group: str
    field: str
    position: int
    of: int


def ranks(enterprise: Enterprise, year: int, user) -> list[Rank]:
    """Rank by tax and by output among the enterprises of the same zone and of each cluster
    that `user` may see.

    Counted over the viewer's scope only: a cluster spans parks, and a rank counted over every
    park would let a park admin recover another park's tax by moving one of their own firms'
    figure and watching the rank change. Two queries whatever the number of clusters: one over
    the zone, one over all clusters (a firm has one row per year and one membership per
    cluster, so plain counts suffice)."""
    visible = IndicatorYear.objects.visible_to(user).filter(year=year)
    mine = visible.filter(enterprise=enterprise).first()
    if mine is None:
        return []
    fields = [f for f in RANK_FIELDS if getattr(mine, f) is not None]
    result = []
    if enterprise.zone_id:
        counts = visible.filter(enterprise__zone_id=enterprise.zone_id).aggregate(
            **_rank_counts(mine, fields, Q())
        )
        result += _ranks_from(counts, str(enterprise.zone), fields, "")
    clusters = list(enterprise.clusters.select_related("scheme"))
    if clusters:
        aggregates = {}
        for cluster in clusters:
            aggregates |= _rank_counts(
                mine, fields, Q(enterprise__clusters=cluster), f"c{cluster.pk}_"
            )
        counts = visible.filter(enterprise__clusters__in=clusters).aggregate(**aggregates)
        for cluster in clusters:
            result += _ranks_from(counts, cluster.label, fields, f"c{cluster.pk}_")
    return result


RANK_FIELDS = ("tax_paid", "output_value")


def _rank_counts(mine, fields, members: Q, prefix=""):
    # Counting the (never empty) enterprise column, not the id: the year's figures are then
    # read from the year index alone (indicatoryear_year_sums holds the ranked columns).
    counts = {}
    for field in fields:
        counts[f"{prefix}{field}_total"] = Count(
            "enterprise", filter=members & Q(**{f"{field}__isnull": False})
        )
        counts[f"{prefix}{field}_above"] = Count(
            "enterprise", filter=members & Q(**{f"{field}__gt": getattr(mine, field)})
        )
    return counts


def _ranks_from(counts, label, fields, prefix):
    return [
        Rank(label, field, counts[f"{prefix}{field}_above"] + 1, counts[f"{prefix}{field}_total"])
        for field in fields
    ]


def change_history(enterprise: Enterprise, user) -> list[Change]:
    """Who changed what on the enterprise and, for roles that may read the confidential figures,
    on its yearly figures; newest first. A history row repeats every field of its record, so
    the figures' history is as confidential as the figures themselves."""
    changes = diffs(enterprise.history.all(), lambda r: str(enterprise), user=user)
    if can_see_figures(user):
        years = IndicatorYear.history.filter(enterprise_id=enterprise.pk)
        changes += diffs(years, lambda r: str(r.year))
    changes.sort(key=lambda c: c.when, reverse=True)
    return changes[:HISTORY_LIMIT]


def recent_months(enterprise: Enterprise, count=24):
    return list(
        reversed(
            IndicatorMonth.objects.filter(enterprise=enterprise).order_by("-year", "-month")[:count]
        )
    )

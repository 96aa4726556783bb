"""The figures of policy projects and honours for a year, counted from rows the reader sees:
projects by kind, level and status with the amounts applied for, approved and disbursed
(summed in the database, to the cent); honour applications by honour and level, new awards and
re-certifications (复核) kept apart."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum

from parkos.enterprises.choices import HonourLevel

from .choices import HonourApplicationStatus as HS
from .choices import PolicyKind, ProjectStatus
from .models import HonourApplication, PolicyProject

AMOUNTS = ("applied_amount", "approved_amount", "disbursed_amount")
ZERO = Decimal("0.00")


def project_figures(projects, year: int) -> dict:
    """{"cells": {(kind, level, status): {...}}, "kinds", "levels", "statuses", "total"}: each a
    count and the three amounts."""
    grouped = (
        projects.filter(call__year=year)
        .values("call__kind", "call__level", "status")
        .annotate(n=Count("id"), **{a: Sum(a) for a in AMOUNTS})
        .order_by()
    )
    cells = {}
    for row in grouped:
        cells[(row["call__kind"], row["call__level"], row["status"])] = {
            "count": row["n"],
            **{a: row[a] or ZERO for a in AMOUNTS},
        }

    def rollup(index):
        out = defaultdict(lambda: {"count": 0, **dict.fromkeys(AMOUNTS, ZERO)})
        for key, values in cells.items():
            target = out[key[index]] if index is not None else out[()]
            for name, value in values.items():
                target[name] += value
        return out

    by_kind_status = defaultdict(lambda: defaultdict(int))
    for (kind, _level, status), values in cells.items():
        by_kind_status[kind][status] += values["count"]
    return {
        "cells": cells,
        "kinds": rollup(0),
        "levels": rollup(1),
        "statuses": rollup(2),
        "kind_status": by_kind_status,
        "total": rollup(None)[()],
    }


def project_rows(figures: dict) -> dict:
    """The page's and the export's rows: a row per kind and per level (every one, zeros
    included), each with its count by status, and the year's total."""
    empty = {"count": 0, **dict.fromkeys(AMOUNTS, ZERO)}
    kinds = [
        {
            "key": value,
            "label": label,
            **figures["kinds"].get(value, empty),
            "by_status": [figures["kind_status"][value][s] for s in ProjectStatus.values],
        }
        for value, label in PolicyKind.choices
    ]
    levels = [
        {"key": value, "label": label, **figures["levels"].get(value, empty)}
        for value, label in HonourLevel.choices
    ]
    statuses = [
        {"key": value, "label": label, **figures["statuses"].get(value, empty)}
        for value, label in ProjectStatus.choices
    ]
    return {"kinds": kinds, "levels": levels, "statuses": statuses, "total": figures["total"]}


def honour_figures(applications, year: int) -> dict:
    """By honour (type and level): new awards, re-certifications, not awarded and pending
    (recommended or applied); and the totals by level. Honours the year gives = new awards +
    re-certifications; the docs say why a published count may leave the second out."""
    grouped = (
        applications.filter(year=year)
        .values("honour_type_id", "honour_type__name", "honour_type__level", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    types = {}
    for row in grouped:
        entry = types.setdefault(
            row["honour_type_id"],
            {
                "id": row["honour_type_id"],
                "name": row["honour_type__name"],
                "level": row["honour_type__level"],
                "new": 0,
                "recertified": 0,
                "not_awarded": 0,
                "pending": 0,
            },
        )
        entry[_bucket(row["status"])] += row["n"]
    order = {value: i for i, value in enumerate(HonourLevel.values)}
    rows = sorted(types.values(), key=lambda r: (order[r["level"]], r["name"]))
    for row in rows:
        row["level_label"] = HonourLevel(row["level"]).label
        row["honours"] = row["new"] + row["recertified"]
    levels = []
    for value, label in HonourLevel.choices:
        mine = [r for r in rows if r["level"] == value]
        levels.append(
            {
                "key": value,
                "label": label,
                **{k: sum(r[k] for r in mine) for k in ("new", "recertified", "honours")},
            }
        )
    total = {k: sum(r[k] for r in rows) for k in ("new", "recertified", "not_awarded", "pending")}
    total["honours"] = total["new"] + total["recertified"]
    return {"types": rows, "levels": levels, "total": total}


def _bucket(status):
    return {
        HS.AWARDED: "new",
        HS.RECERTIFIED: "recertified",
        HS.NOT_AWARDED: "not_awarded",
    }.get(status, "pending")


def scoped_project_figures(user, year, park=None):
    projects = PolicyProject.objects.visible_to(user)
    if park is not None:
        projects = projects.filter(enterprise__park_id=park)
    return project_rows(project_figures(projects, year))


def scoped_honour_figures(user, year, park=None):
    applications = HonourApplication.objects.visible_to(user)
    if park is not None:
        applications = applications.filter(enterprise__park_id=park)
    return honour_figures(applications, year)

"""The figures of events, counted from rows for a year: by kind and by month, the events, the
enterprises registered, the enterprises that attended, and 企业家次 — the (event, enterprise)
pairs attended: one enterprise at two events counts twice, twice at one event once (an
attendance is one row per event and enterprise)."""

from collections import defaultdict

from django.db.models import Count, F
from django.db.models.functions import ExtractMonth

from .choices import EventKind
from .models import Attendance, Event, Registration

MEASURES = ("events", "registered", "attending", "attendances")


def _counts(rows, keys, measure):
    """{(kind, month) restricted to `keys`: count} of one measure."""
    grouped = rows.values(*keys).annotate(n=measure).order_by()
    return {tuple(row[k] for k in keys): row["n"] for row in grouped}


def event_figures(events, registrations, attendances, year: int) -> dict:
    """`events`, `registrations`, `attendances`: the rows the reader sees (scoped, filtered by
    park). Returns the cells by (kind, month), the totals by kind, by month and for the year;
    distinct enterprises are counted in each group, never summed across groups."""
    events = events.filter(on__year=year).annotate(kind_=_kind("kind"), month=_month("on"))
    registrations = registrations.filter(event__on__year=year).annotate(
        kind_=_kind("event__kind"), month=_month("event__on")
    )
    attendances = attendances.filter(event__on__year=year).annotate(
        kind_=_kind("event__kind"), month=_month("event__on")
    )
    sources = {
        "events": (events, Count("id", distinct=True)),
        "registered": (registrations, Count("enterprise_id", distinct=True)),
        "attending": (attendances, Count("enterprise_id", distinct=True)),
        "attendances": (attendances, Count("id", distinct=True)),
    }
    result = {}
    for group, keys in (
        ("cells", ("kind_", "month")),
        ("kinds", ("kind_",)),
        ("months", ("month",)),
        ("year", ()),
    ):
        table = defaultdict(dict)
        for measure, (rows, count) in sources.items():
            if keys:
                for key, n in _counts(rows, keys, count).items():
                    table[key][measure] = n
            else:
                table[()][measure] = rows.aggregate(n=count)["n"]
        result[group] = {
            key: {m: values.get(m, 0) for m in MEASURES} for key, values in table.items()
        }
    return result


def _kind(path):
    return F(path)


def _month(path):
    return ExtractMonth(path)


def figure_rows(figures: dict) -> dict:
    """The page's and the export's rows: a row per kind (every kind, zeros included) and per
    month (1–12), and the year's total."""
    empty = dict.fromkeys(MEASURES, 0)
    kinds = [
        {"key": value, "label": label, **figures["kinds"].get((value,), empty)}
        for value, label in EventKind.choices
    ]
    months = [{"key": m, "label": m, **figures["months"].get((m,), empty)} for m in range(1, 13)]
    return {"kinds": kinds, "months": months, "total": figures["year"].get((), empty)}


def scoped_figures(user, year: int, park=None) -> dict:
    """The figures the user may read, for one park or all the parks they see."""
    events = Event.objects.visible_to(user)
    registrations = Registration.objects.visible_to(user)
    attendances = Attendance.objects.visible_to(user)
    if park is not None:
        events = events.filter(park_id=park)
        registrations = registrations.filter(event__park_id=park)
        attendances = attendances.filter(event__park_id=park)
    return figure_rows(event_figures(events, registrations, attendances, year))

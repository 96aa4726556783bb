"""Column maps of the programmes' imports, headed as the staff's Excel logs are: events (活动名称,
类型, 日期, 地点, 主办单位, 容量) and their attendance (活动, 企业, 签到); financing demands are
`financing/imports.py`'s. The import engine validates every row before writing any."""

import contextlib

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parkos.core.importing import CellError, Column, ImportSpec, register, stored
from parkos.enterprises.imports import parse_uscc
from parkos.enterprises.models import Enterprise
from parkos.parks.models import Park

from . import rules
from .choices import EventKind
from .financing import imports as _financing  # noqa: F401 — registers the demands' import
from .models import Attendance, Event, Registration


def _positive(value):
    if value < 1:
        raise CellError(_("At least 1."))
    return value


class ParkColumn:
    """A 园区 column that may be left out by a user of one park: the rows are that park's."""

    def load_parks(self, ctx):
        ctx.cache["parks"] = {p.name: p for p in ctx.scoped(Park)}

    def park(self, ctx, name):
        parks = ctx.cache["parks"]
        if name:
            park = parks.get(name)
            if park is None:
                ctx.report("园区", _("Unknown park, or not one of yours."), name)
            return park
        if len(parks) == 1:
            return next(iter(parks.values()))
        ctx.report("园区", _("You work in several parks: fill in 园区."), "")
        return None


@register
class EventImport(ParkColumn, ImportSpec):
    slug = "events"
    label = gettext_lazy("Events")
    model = Event
    key = ("park_id", "title", "on")
    help = gettext_lazy(
        "An event is found again by park, name and date: a second file updates it. 园区 may be "
        "left out by the staff of one park."
    )
    columns = [
        Column("活动名称", "title", required=True, max_length=120, aliases=("活动", "名称")),
        Column(
            "类型", "kind", kind="choice", choices=EventKind, required=True, aliases=("活动类型",)
        ),
        Column("日期", "on", kind="date", required=True, aliases=("活动日期",)),
        Column("地点", "place", required=True, max_length=120, aliases=("活动地点",)),
        Column("主办单位", "organiser", required=True, max_length=80, aliases=("主办",)),
        Column("容量", "capacity", kind="int", parse=_positive, aliases=("名额",)),
        Column("园区", "park_name"),
    ]

    def prepare(self, ctx, rows):
        self.load_parks(ctx)

    def build(self, ctx, values):
        park = self.park(ctx, values.get("park_name"))
        fields = {
            "park_id": park.id if park else None,
            "title": values["title"],
            "on": values["on"],
            "kind": values["kind"],
            "place": values["place"],
            "organiser": values["organiser"],
        }
        if "capacity" in values:
            fields["capacity"] = values["capacity"]
        return fields

    def existing(self, ctx, keys):
        titles = {key[1] for key in keys}
        rows = stored(Event.objects.filter(park_id__in={key[0] for key in keys}, title__in=titles))
        return {(e.park_id, e.title, e.on): e for e in rows}


def _came(value):
    if not value:
        raise CellError(
            _("Only the enterprises that came are imported: write 是, or leave the row out.")
        )
    return value


@register
class AttendanceImport(ImportSpec):
    slug = "attendances"
    label = gettext_lazy("Event attendance")
    model = Attendance
    key = ("event_id", "enterprise_id")
    help = gettext_lazy(
        "One row per enterprise that came. 活动 names the event (add 活动日期 where two events "
        "share a name); 企业 is its 统一社会信用代码 or its exact name. An attendance already "
        "recorded is left as it is: an enterprise counts once per event."
    )
    columns = [
        Column("活动", "event_title", required=True, aliases=("活动名称",)),
        Column("活动日期", "event_on", kind="date", aliases=("日期",)),
        Column("企业", "enterprise", required=True, aliases=("企业名称", "统一社会信用代码")),
        Column("签到", "came", kind="bool", parse=_came, aliases=("是否签到", "出席")),
    ]

    def prepare(self, ctx, rows):
        titles = {r["event_title"] for r in rows}
        events = {}
        for event in ctx.scoped(Event).filter(title__in=titles).select_related("park"):
            events.setdefault(event.title, []).append(event)
        ctx.cache["events"] = events
        names = {r["enterprise"] for r in rows}
        usccs = set()
        for name in names:
            with contextlib.suppress(CellError):
                usccs.add(parse_uscc(name))
        firms = ctx.scoped(Enterprise).filter(Q(uscc__in=usccs) | Q(name__in=names))
        ctx.cache["by_uscc"] = {e.uscc: e for e in firms}
        ctx.cache["by_name"] = {e.name: e for e in firms}
        ctx.cache["registrations"] = {
            (r.event_id, r.enterprise_id): r.pk
            for r in Registration.objects.filter(event__title__in=titles)
        }

    def _event(self, ctx, values):
        candidates = ctx.cache["events"].get(values["event_title"], [])
        if values.get("event_on"):
            candidates = [e for e in candidates if e.on == values["event_on"]]
        if not candidates:
            ctx.report(
                "活动", _("No event of yours has this name (and date)."), values["event_title"]
            )
            return None
        if len(candidates) > 1:
            ctx.report(
                "活动日期",
                _("Several events have this name: add a 活动日期 column to tell them apart."),
                values["event_title"],
            )
            return None
        return candidates[0]

    def _enterprise(self, ctx, written):
        try:
            firm = ctx.cache["by_uscc"].get(parse_uscc(written))
        except CellError:
            firm = ctx.cache["by_name"].get(written)
        if firm is None:
            ctx.report("企业", _("No enterprise of yours has this USCC or name."), written)
        return firm

    def build(self, ctx, values):
        event = self._event(ctx, values)
        firm = self._enterprise(ctx, values["enterprise"])
        if event is not None and firm is not None:
            ctx.check("企业", values["enterprise"], rules.check_same_park, event, firm)
            ctx.check("活动", values["event_title"], rules.check_attendance_date, event)
        event_id, firm_id = event and event.id, firm and firm.id
        return {
            "event_id": event_id,
            "enterprise_id": firm_id,
            "registration_id": ctx.cache["registrations"].get((event_id, firm_id)),
        }

    def existing(self, ctx, keys):
        rows = stored(Attendance.objects.filter(event_id__in={key[0] for key in keys}))
        return {(a.event_id, a.enterprise_id): a for a in rows}

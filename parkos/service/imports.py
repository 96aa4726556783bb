"""The column maps of the service logs staff keep in Excel today: visits (走访台账) and service
requests (诉求台账). A request comes in with the deadline its category gives it (the rule the
raise action uses) and a timeline that says what the log says: received, accepted, answered,
closed with its rating."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parkos.core.importing import CellError, Column, ImportSpec, RowProblem, register, stored
from parkos.core.roles import Role
from parkos.enterprises.imports import USCC_HELP, parse_uscc
from parkos.enterprises.models import Enterprise

from . import rules
from .choices import Status, Step, VisitStatus
from .models import Department, RequestCategory, RequestEvent, ServiceRequest, Visit

# A log gives days, not times: a request counts as received at the start of its day's work and
# answered (or closed) at its end — still within the working hours, so on its deadline's day an
# answer is on time, as it would have been on the page.
RECEIVED_AT = dt.time(9, 0)
ANSWERED_AT = dt.time(17, 0)

# The words staff write in a log's 状态 column (and the statuses' own labels).
REQUEST_STATUS_WORDS = {
    "已接收": Status.RECEIVED,
    "待受理": Status.RECEIVED,
    "未受理": Status.RECEIVED,
    "已受理": Status.ACCEPTED,
    "办理中": Status.IN_PROGRESS,
    "在办": Status.IN_PROGRESS,
    "正在办理": Status.IN_PROGRESS,
    "已答复": Status.ANSWERED,
    "已回复": Status.ANSWERED,
    "已办结": Status.CLOSED,
    "办结": Status.CLOSED,
    "已完成": Status.CLOSED,
    "已关闭": Status.CLOSED,
}
ANSWERED_STATUSES = (Status.ANSWERED, Status.CLOSED)
# The steps a log's status implies, after the receipt.
STEPS_OF = {
    Status.RECEIVED: (),
    Status.ACCEPTED: (Step.ACCEPTED,),
    Status.IN_PROGRESS: (Step.ACCEPTED, Step.IN_PROGRESS),
    Status.ANSWERED: (Step.ACCEPTED, Step.ANSWERED),
    Status.CLOSED: (Step.ACCEPTED, Step.ANSWERED, Step.CLOSED),
}


def parse_request_status(text):
    status = REQUEST_STATUS_WORDS.get(str(text).strip())
    if status is None:
        raise CellError(
            _("“%(value)s” is not one of: %(allowed)s.")
            % {"value": text, "allowed": "已接收、已受理、办理中、已答复、已办结"}
        )
    return status


ENTERPRISE_COLUMNS = [
    Column(
        "统一社会信用代码",
        "uscc",
        aliases=("信用代码", "USCC"),
        parse=parse_uscc,
        help=format_lazy(
            "{} {}", gettext_lazy("The enterprise's code, or empty with its name."), USCC_HELP
        ),
    ),
    Column(
        "企业名称",
        "enterprise_name",
        aliases=("企业", "企业全称"),
        max_length=100,
        help=gettext_lazy("Used when the code is empty; the name must be one enterprise's."),
    ),
]


class ServiceLookups:
    """The row's enterprise (by code, or by name) within the importer's scope, and the park's
    stewards by login name or name."""

    def load(self, ctx, rows):
        usccs = {r["uscc"] for r in rows if r.get("uscc")}
        names = {r["enterprise_name"] for r in rows if r.get("enterprise_name")}
        by_code, by_name = {}, {}
        firms = ctx.scoped(Enterprise).filter(Q(uscc__in=usccs) | Q(name__in=names))
        for firm in firms.select_related("zone__steward"):
            by_code[firm.uscc] = firm
            by_name.setdefault(firm.name, []).append(firm)
        ctx.cache["by_code"], ctx.cache["by_name"] = by_code, by_name
        parks = {firm.park_id for firm in by_code.values()}
        stewards = {}
        for user in get_user_model().objects.filter(
            park__in=parks, role=Role.STEWARD, is_active=True
        ):
            for word in {user.username, user.display_name, f"{user.last_name}{user.first_name}"}:
                stewards.setdefault((user.park_id, word), []).append(user)
        ctx.cache["stewards"] = stewards

    def enterprise(self, ctx, values):
        if values.get("uscc"):
            firm = ctx.cache["by_code"].get(values["uscc"])
            if firm is None:
                raise RowProblem(
                    "统一社会信用代码",
                    _("No enterprise with this USCC in your parks or zones."),
                    values["uscc"],
                )
            return firm
        name = values.get("enterprise_name")
        if not name:
            raise RowProblem("企业名称", _("Give the enterprise's USCC or its name."))
        firms = ctx.cache["by_name"].get(name, [])
        if not firms:
            raise RowProblem(
                "企业名称", _("No enterprise of this name in your parks or zones."), name
            )
        if len(firms) > 1:
            raise RowProblem(
                "企业名称",
                _("%(n)d enterprises have this name: give the USCC.") % {"n": len(firms)},
                name,
            )
        return firms[0]

    def steward(self, ctx, firm, column, word):
        """The steward of the enterprise's park a cell names, or None (reported)."""
        found = ctx.cache["stewards"].get((firm.park_id, str(word).strip()), [])
        if len(found) != 1:
            message = (
                _("No steward of %(park)s by this name or login.")
                if not found
                else _("Several stewards of %(park)s have this name: write the login name.")
            )
            ctx.report(column, message % {"park": firm.park}, word)
            return None
        return found[0]


@register
class VisitImport(ServiceLookups, ImportSpec):
    slug = "visits"
    label = gettext_lazy("Visits")
    model = Visit
    key = ("enterprise_id", "on", "steward_id")
    help = gettext_lazy(
        "A visit log (走访台账), one visit a row. A visit is found again by enterprise, date and "
        "steward: a second file updates it."
    )
    columns = [
        *ENTERPRISE_COLUMNS,
        Column("走访日期", "on", kind="date", required=True, aliases=("日期",)),
        Column(
            "走访人",
            "steward_word",
            aliases=("走访管家", "服务管家"),
            help=gettext_lazy(
                "A steward of the enterprise's park, by name or login; empty: the zone's steward."
            ),
        ),
        Column("会见人员", "people_met", max_length=200, aliases=("会见人", "接待人员", "接待人")),
        Column("走访内容", "notes", aliases=("走访情况", "走访记录", "内容")),
        Column("发现问题", "findings", aliases=("走访发现", "发现", "存在问题")),
        Column(
            "状态",
            "status",
            kind="choice",
            choices=VisitStatus,
            help=gettext_lazy("Empty: done."),
        ),
    ]

    def prepare(self, ctx, rows):
        self.load(ctx, rows)

    def build(self, ctx, values):
        firm = self.enterprise(ctx, values)
        status = values.get("status") or VisitStatus.DONE
        visit = Visit(status=status, on=values["on"])
        ctx.check("走访日期", values["on"], rules.check_visit_date, visit)
        if values.get("steward_word"):
            steward = self.steward(ctx, firm, "走访人", values["steward_word"])
        else:
            steward = firm.steward
        return {
            "enterprise_id": firm.pk,
            "steward_id": steward.pk if steward else None,
            "on": values["on"],
            "status": status,
            "people_met": values.get("people_met", ""),
            "notes": values.get("notes", ""),
            "findings": values.get("findings", ""),
        }

    def existing(self, ctx, keys):
        firms = {key[0] for key in keys}
        wanted = set(keys)
        return {
            key: visit
            for visit in stored(
                Visit.objects.filter(enterprise_id__in=firms, on__in={k[1] for k in keys})
            )
            if (key := (visit.enterprise_id, visit.on, visit.steward_id)) in wanted
        }


@register
class ServiceRequestImport(ServiceLookups, ImportSpec):
    slug = "service-requests"
    label = gettext_lazy("Service requests")
    model = ServiceRequest
    key = ("enterprise_id", "received_at", "title")
    help = gettext_lazy(
        "A request log (诉求台账), one request a row. Each comes in with its deadline in working "
        "days from its category and the receipt date, and a timeline of what the log says: "
        "received, accepted, answered on the closing date, closed with the rating. A request "
        "already in ParkOS is not imported again: follow it on its page."
    )
    columns = [
        *ENTERPRISE_COLUMNS,
        Column(
            "诉求类别",
            "category_word",
            required=True,
            aliases=("类别", "诉求类型"),
            help=gettext_lazy("A request category by name (土地, 用电, 融资…)."),
        ),
        Column(
            "诉求标题",
            "title",
            max_length=100,
            aliases=("标题", "事项"),
            help=gettext_lazy("Empty: the first line of the content."),
        ),
        Column("诉求内容", "description", required=True, aliases=("内容", "诉求事项")),
        Column(
            "受理日期",
            "received_on",
            kind="date",
            required=True,
            aliases=("接收日期", "登记日期", "提出日期"),
            help=gettext_lazy("Counted from the start of that day's work (09:00)."),
        ),
        Column(
            "承办人",
            "assignee_word",
            aliases=("承办管家", "负责管家"),
            help=gettext_lazy("A steward of the enterprise's park, by name or login."),
        ),
        Column(
            "承办部门",
            "department_name",
            aliases=("责任部门",),
            help=gettext_lazy(
                "A department of the park; not with a 承办人. Both empty: the zone's steward."
            ),
        ),
        Column(
            "状态",
            "status",
            parse=parse_request_status,
            help=gettext_lazy(
                "已接收, 已受理, 办理中, 已答复 or 已办结 (empty: 已接收); a reopened request is "
                "not imported."
            ),
        ),
        Column("答复内容", "answer", aliases=("办理结果", "答复意见")),
        Column(
            "办结日期",
            "answered_on",
            kind="date",
            aliases=("答复日期", "完成日期"),
            help=gettext_lazy("The day of the answer; required for 已答复 and 已办结."),
        ),
        Column(
            "满意度",
            "rating",
            kind="int",
            aliases=("满意度评分", "评分"),
            help=gettext_lazy("1 to 5; required for 已办结."),
        ),
        Column("企业评价", "rating_comment", aliases=("评价", "满意度说明")),
    ]

    def prepare(self, ctx, rows):
        self.load(ctx, rows)
        categories = {}
        for category in RequestCategory.objects.all():
            categories[category.name] = categories[category.code] = category
        ctx.cache["categories"] = categories
        parks = {firm.park_id for firm in ctx.cache["by_code"].values()}
        parks |= {f.park_id for firms in ctx.cache["by_name"].values() for f in firms}
        ctx.cache["departments"] = {
            (d.park_id, d.name): d for d in Department.objects.filter(park__in=parks)
        }
        ids = {f.pk for f in ctx.cache["by_code"].values()}
        ids |= {f.pk for firms in ctx.cache["by_name"].values() for f in firms}
        ctx.cache["stored"] = set(
            ServiceRequest.objects.filter(enterprise__in=ids).values_list(
                "enterprise_id", "received_at", "title"
            )
        )

    def build(self, ctx, values):
        firm = self.enterprise(ctx, values)
        category = ctx.cache["categories"].get(values["category_word"])
        if category is None:
            ctx.report(
                "诉求类别",
                _("Unknown category; use one of %(names)s.")
                % {"names": "、".join(c.name for c in RequestCategory.objects.all())},
                values["category_word"],
            )
        description = values["description"]
        title = values.get("title") or description.strip().splitlines()[0][:100]
        now = timezone.now()
        received_at = min(_at(values["received_on"], RECEIVED_AT), now)
        fields = {
            "enterprise_id": firm.pk,
            "category": category,
            "title": title,
            "description": description,
            "received_at": received_at,
            "assignee_id": None,
            "department_id": None,
        }
        self._assign(ctx, firm, values, fields)
        status = values.get("status") or Status.RECEIVED
        answered_at = self._answer(ctx, values, status, received_at, now)
        if category is not None:
            try:
                fields["deadline"] = rules.deadline_for(received_at, category)
            except ValidationError as exc:
                ctx.report("受理日期", exc.messages[0], values["received_on"])
        fields["category_id"] = category.pk if category else None
        del fields["category"]
        fields["status"] = status
        fields["rating"] = values.get("rating") if status == Status.CLOSED else None
        fields["rating_comment"] = values.get("rating_comment", "") if fields["rating"] else ""
        if (firm.pk, received_at, title) in ctx.cache["stored"]:
            ctx.report(
                "诉求标题",
                _("This request is already in ParkOS (same enterprise, receipt and subject)."),
                title,
            )
        fields["_timeline"] = (status, answered_at, values.get("answer", ""))
        return fields

    def _assign(self, ctx, firm, values, fields):
        word, department = values.get("assignee_word"), values.get("department_name")
        steward = found = None
        if department:
            found = ctx.cache["departments"].get((firm.park_id, department))
            if found is None:
                ctx.report(
                    "承办部门",
                    _("%(department)s is not a department of %(park)s.")
                    % {"department": department, "park": firm.park},
                    department,
                )
        if word:
            steward = self.steward(ctx, firm, "承办人", word)
        if not (word or department):
            fields["assignee_id"] = firm.zone.steward_id if firm.zone_id else None
            return
        probe = ServiceRequest(enterprise=firm, assignee=steward, department=found)
        ctx.check("承办部门", department, rules.check_assignment, probe)
        fields["assignee_id"] = steward.pk if steward else None
        fields["department_id"] = found.pk if found else None

    def _answer(self, ctx, values, status, received_at, now):
        """When the request was answered (and closed), from the log's 办结日期; its checks."""
        answered_on, rating = values.get("answered_on"), values.get("rating")
        if status == Status.CLOSED and (rating is None or not 1 <= rating <= 5):
            ctx.report("满意度", _("A closed request needs a rating from 1 to 5."), rating or "")
        elif status != Status.CLOSED and rating is not None:
            ctx.report("满意度", _("Only a closed request has a rating."), rating)
        if status in ANSWERED_STATUSES and answered_on is None:
            ctx.report("办结日期", _("An answered or closed request needs the day of its answer."))
            return None
        if status not in ANSWERED_STATUSES and answered_on is not None:
            ctx.report("办结日期", _("A request still open has no closing date."), answered_on)
            return None
        if answered_on is None:
            return None
        if answered_on < values["received_on"]:
            ctx.report("办结日期", _("Answered before it was received."), answered_on)
        if answered_on > timezone.localdate(now):
            ctx.report("办结日期", _("A date in the future."), answered_on)
        return max(min(_at(answered_on, ANSWERED_AT), now), received_at)

    def existing(self, ctx, keys):
        return {}  # a request is imported once (build refuses a stored one)

    def after_write(self, ctx, plan, batch):
        """The timeline of every imported request: received with its deadline, then the steps
        its status implies, answered and closed on the closing date."""
        events = []
        for request, fields in plan.extra.get("rows", []):
            status, answered_at, answer = fields["_timeline"]
            events.append(
                RequestEvent(
                    request=request,
                    step=Step.RECEIVED,
                    at=request.received_at,
                    by=ctx.user,
                    note=_("Imported."),
                    deadline=request.deadline,
                )
            )
            for step in STEPS_OF[status]:
                at = answered_at if step in (Step.ANSWERED, Step.CLOSED) else request.received_at
                note = ""
                if step == Step.ANSWERED:
                    note = answer or _("Answered (from the imported log).")
                elif step == Step.CLOSED:
                    note = request.rating_comment
                events.append(
                    RequestEvent(
                        request=request,
                        step=step,
                        at=at,
                        by=ctx.user,
                        note=note,
                        rating=request.rating if step == Step.CLOSED else None,
                    )
                )
        RequestEvent.objects.bulk_create(events)


def _at(day, time):
    return timezone.make_aware(dt.datetime.combine(day, time))

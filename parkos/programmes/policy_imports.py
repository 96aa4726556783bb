"""The staff's Excel log of policy projects (申报台账) as an import: one row per enterprise and
call, with its status, amounts and dates. Every row is checked (the enterprise in your scope,
the call known, the record consistent: `rules.project_record_problems`) before anything is
written; one bad row and nothing is written."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parkos.core.importing import Column, ImportSpec, register, stored
from parkos.enterprises.imports import NAME_FOR_READERS, USCC, EnterpriseLookup

from .choices import ProjectStatus
from .models import PolicyCall, PolicyProject
from .rules import project_record_problems

HEADERS = {
    "applied_amount": "申报金额",
    "approved_amount": "立项金额",
    "disbursed_amount": "拨款金额",
    "recommended_on": "推荐日期",
    "applied_on": "申报日期",
    "approved_on": "立项日期",
    "disbursed_on": "拨款日期",
    "closed_on": "办结日期",
}


# How far along a project is; decided ones are final for an import.
RANK = {
    ProjectStatus.RECOMMENDED: 0,
    ProjectStatus.APPLIED: 1,
    ProjectStatus.APPROVED: 2,
    ProjectStatus.FUNDED: 3,
    ProjectStatus.REJECTED: 2,
    ProjectStatus.WITHDRAWN: 2,
}
DECIDED = {
    ProjectStatus.APPROVED,
    ProjectStatus.FUNDED,
    ProjectStatus.REJECTED,
    ProjectStatus.WITHDRAWN,
}


def _year(value):
    from parkos.core.importing import CellError

    if not 2000 <= value <= 2100:
        raise CellError(_("Not a year between 2000 and 2100."))
    return value


@register
class PolicyProjectImport(EnterpriseLookup, ImportSpec):
    slug = "policy-projects"
    label = gettext_lazy("Policy projects")
    model = PolicyProject
    key = ("call_id", "enterprise_id")
    help = gettext_lazy(
        "The call is named by its title, year and batch as on its page; a project is found "
        "again by call and enterprise: a second file brings it up to date."
    )
    columns = [
        USCC,
        NAME_FOR_READERS,
        Column("申报通知", "call_title", required=True, aliases=("通知名称", "政策名称")),
        Column("年度", "year", kind="int", required=True, aliases=("年份",), parse=_year),
        Column("批次", "call_batch", kind="int", aliases=("申报批次",)),
        Column("状态", "status", kind="choice", choices=ProjectStatus, required=True),
        Column(HEADERS["applied_amount"], "applied_amount", kind="money", default_unit="万元"),
        Column(HEADERS["approved_amount"], "approved_amount", kind="money", default_unit="万元"),
        Column(HEADERS["disbursed_amount"], "disbursed_amount", kind="money", default_unit="万元"),
        Column(HEADERS["recommended_on"], "recommended_on", kind="date"),
        Column(HEADERS["applied_on"], "applied_on", kind="date"),
        Column(HEADERS["approved_on"], "approved_on", kind="date"),
        Column(HEADERS["disbursed_on"], "disbursed_on", kind="date"),
        Column(HEADERS["closed_on"], "closed_on", kind="date"),
        Column("备注", "note", max_length=200),
    ]

    def prepare(self, ctx, rows):
        self.load_enterprises(ctx, (r["uscc"] for r in rows))
        calls = {}
        for call in ctx.scoped(PolicyCall).filter(
            year__in={r["year"] for r in rows if r.get("year")}
        ):
            calls.setdefault((call.title, call.year, call.batch), call)
        ctx.cache["calls"] = calls
        # Where each project already stands: a log brings a project forward, never back, and
        # leaves a decided one (approved, funded, rejected, withdrawn) as the actions left it.
        ctx.cache["standing"] = {
            (p.call_id, p.enterprise_id): p.status
            for p in PolicyProject.objects.filter(call__in=list(calls.values()))
        }

    def build(self, ctx, values):
        call = ctx.cache["calls"].get(
            (values["call_title"], values["year"], values.get("call_batch") or 1)
        )
        if call is None:
            ctx.report(
                "申报通知",
                _("No call with this title, year and batch in your parks; create it first."),
                values["call_title"],
            )
        fields = {
            "call_id": call.pk if call else None,
            "enterprise_id": self.enterprise_id(ctx, values["uscc"]),
            "status": values["status"],
            "note": values.get("note", ""),
        }
        for name in HEADERS:
            fields[name] = values.get(name)
        for name, message in project_record_problems(fields):
            ctx.report(HEADERS.get(name, name), message, fields.get(name) or "")
        standing = ctx.cache["standing"].get((fields["call_id"], fields["enterprise_id"]))
        if standing is not None and (
            standing in DECIDED or RANK[values["status"]] < RANK[standing]
        ):
            ctx.report(
                "状态",
                _(
                    "The project is already “%(status)s”: an import does not move it back nor "
                    "change a decided project; record later steps on its page."
                )
                % {"status": ProjectStatus(standing).label},
                values["status"],
            )
        if call is not None and fields["enterprise_id"] is not None:
            park = ctx.cache.setdefault("parks", {})
            if call.park_id is not None:
                from parkos.enterprises.models import Enterprise

                if fields["enterprise_id"] not in park:
                    park[fields["enterprise_id"]] = (
                        Enterprise.objects.filter(pk=fields["enterprise_id"])
                        .values_list("park_id", flat=True)
                        .first()
                    )
                if park[fields["enterprise_id"]] != call.park_id:
                    ctx.report(
                        "统一社会信用代码",
                        _("An enterprise of another park than the call's."),
                        values["uscc"],
                    )
        return fields

    def existing(self, ctx, keys):
        found = {}
        calls = {key[0] for key in keys}
        for project in stored(PolicyProject.objects.filter(call_id__in=calls)):
            found[(project.call_id, project.enterprise_id)] = project
        return found

"""The column map of investment projects: a park's register of projects, as its staff keep it
in Excel, brought in with the same stage rules as a move on the board."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parkos.core.importing import Column, ImportSpec, RowProblem, register
from parkos.enterprises.imports import INDUSTRY_HELP, industry_code, industry_codes, parse_uscc
from parkos.enterprises.models import Cluster, Enterprise
from parkos.space.imports import ParkLookup

from . import rules
from .choices import RANK, Channel, Stage
from .models import Project, StageChange

FIELDS = (
    "name",
    "investor_name",
    "investor_country",
    "investor_group",
    "channel",
    "source_event",
    "planned_investment",
    "is_foreign",
    "foreign_capital",
    "land_need_mu",
    "floor_need_m2",
    "promised_output",
    "promised_tax",
    "stage",
    "stage_since",
    "next_action",
    "next_action_on",
    "notes",
)


# Where a refused stage rule is shown: its column, and the value the row gave.
STAGE_COLUMNS = {
    "stage": ("阶段", "stage"),
    "on": ("阶段日期", "stage_since"),
    "note": ("流失原因", "lost_reason"),
    "override_reason": ("准入说明", "override_reason"),
}


@register
class ProjectImport(ParkLookup, ImportSpec):
    slug = "projects"
    label = gettext_lazy("Investment projects")
    model = Project
    key = ("park_id", "name")
    columns = [
        Column("园区", "park_name", required=True),
        Column("项目名称", "name", required=True, max_length=100),
        Column("投资方", "investor_name", required=True, max_length=100),
        Column("国别地区", "investor_country", max_length=40),
        Column("所属集团", "investor_group", max_length=100),
        Column("产业集群", "cluster_name", help=gettext_lazy("A cluster of the park's scheme.")),
        Column("行业代码", "industry_code", help=INDUSTRY_HELP),
        Column("来源渠道", "channel", kind="choice", choices=Channel),
        Column("来源活动", "source_event", max_length=100),
        Column("负责人", "owner_username", help=gettext_lazy("The owner's login name.")),
        Column("计划总投资", "planned_investment", kind="money", default_unit="万元"),
        Column("外资", "is_foreign", kind="bool"),
        Column("外资金额", "foreign_capital", kind="money", default_unit="万元"),
        Column("用地需求", "land_need_mu", kind="area", default_unit="亩"),
        Column("面积需求", "floor_need_m2", kind="floor", default_unit="m²"),
        Column("承诺达产产值", "promised_output", kind="money", default_unit="万元"),
        Column("承诺达产税收", "promised_tax", kind="money", default_unit="万元"),
        Column("阶段", "stage", kind="choice", choices=Stage, required=True),
        Column("阶段日期", "stage_since", kind="date", required=True),
        Column(
            "签约日期",
            "signed_on",
            kind="date",
            help=gettext_lazy("For a project past signing; the stage date when empty."),
        ),
        Column("流失原因", "lost_reason", help=gettext_lazy("Required for a lost project.")),
        Column(
            "准入说明",
            "override_reason",
            help=gettext_lazy(
                "Why a land project below the admission bar acquired land (park admins only)."
            ),
        ),
        Column("下一步", "next_action", max_length=200),
        Column("下一步日期", "next_action_on", kind="date"),
        Column(
            "企业信用代码",
            "enterprise_uscc",
            parse=parse_uscc,
            help=gettext_lazy("Once the company is registered."),
        ),
        Column("备注", "notes"),
    ]

    def prepare(self, ctx, rows):
        self.load_parks(ctx)
        park_ids = [p.id for p in ctx.cache["parks"].values()]
        ctx.cache["clusters"] = {
            (scheme_park, name): pk
            for pk, name, scheme_park in Cluster.objects.filter(
                Q(scheme__park__in=park_ids) | Q(scheme__park__isnull=True)
            ).values_list("pk", "name", "scheme__park")
        }
        ctx.cache["industries"] = industry_codes()
        ctx.cache["owners"] = {
            (u.park_id, u.username): u.id
            for u in get_user_model().objects.filter(park__in=park_ids, is_active=True)
        }
        usccs = {r["enterprise_uscc"] for r in rows if r.get("enterprise_uscc")}
        ctx.cache["enterprises"] = {
            uscc: (pk, park)
            for uscc, pk, park in ctx.scoped(Enterprise)
            .filter(uscc__in=usccs)
            .values_list("uscc", "id", "park_id")
        }
        names = {r["name"] for r in rows if r.get("name")}
        ctx.cache["stored"] = {
            (p.park_id, p.name): p
            for p in Project.objects.filter(park__in=park_ids, name__in=names)
        }

    def build(self, ctx, values):
        park = self.park(ctx, values["park_name"])
        fields = {k: values[k] for k in FIELDS if values.get(k) not in (None, "")}
        fields["park_id"] = park.id
        fields.setdefault("channel", Channel.OTHER)
        fields["is_foreign"] = bool(values.get("is_foreign"))
        if values.get("cluster_name"):
            cluster = ctx.cache["clusters"].get((park.id, values["cluster_name"]))
            cluster = cluster or ctx.cache["clusters"].get((None, values["cluster_name"]))
            if cluster is None:
                ctx.report(
                    "产业集群",
                    _("No cluster of this name for %(park)s.") % {"park": park},
                    values["cluster_name"],
                )
            fields["cluster_id"] = cluster
        if values.get("industry_code"):
            fields["industry_id"] = industry_code(ctx, values["industry_code"])
        if values.get("owner_username"):
            owner = ctx.cache["owners"].get((park.id, values["owner_username"]))
            if owner is None:
                ctx.report(
                    "负责人",
                    _("No active user of this name in %(park)s.") % {"park": park},
                    values["owner_username"],
                )
            fields["owner_id"] = owner
        if values.get("enterprise_uscc"):
            found = ctx.cache["enterprises"].get(values["enterprise_uscc"])
            if found is None or found[1] != park.id:
                ctx.report(
                    "企业信用代码",
                    _("No enterprise with this USCC in %(park)s.") % {"park": park},
                    values["enterprise_uscc"],
                )
            fields["enterprise_id"] = found[0]
        if values.get("foreign_capital") and not fields["is_foreign"]:
            ctx.report(
                "外资金额",
                _("A foreign-capital amount needs 外资 = 是."),
                values["foreign_capital"],
            )
        self._check_stage(ctx, park, values, fields)
        return fields

    def _check_stage(self, ctx, park, values, fields):
        """The row's stage passes the pipeline's rules (`rules.check_stage_move`) as a move
        from the stored project's stage, or as a new project's first stage; the signing date
        is the file's own column."""
        stage, since = Stage(values["stage"]), values["stage_since"]
        signed_on = values.get("signed_on")
        if stage != Stage.LOST and RANK[stage] >= RANK[Stage.SIGNED]:
            signed_on = signed_on or since
            if signed_on > since:
                raise RowProblem(
                    "签约日期", _("Signed after the date of the current stage."), signed_on
                )
        elif signed_on and stage != Stage.LOST:
            raise RowProblem(
                "签约日期", _("A project before signing has no signing date."), signed_on
            )
        fields["signed_on"] = signed_on
        fields["lost_reason"] = values.get("lost_reason") or "" if stage == Stage.LOST else ""
        stored = ctx.cache["stored"].get((park.id, values["name"]))
        change = {"from": stored.stage if stored else "", "override": "", "admission": None}
        if stored is None or stored.stage != stage:
            probe = Project(**{k: v for k, v in fields.items() if not k.startswith("_")})
            probe.pk = stored.pk if stored else None
            probe.stage = stored.stage if stored else Stage.LEAD
            probe.stage_since = stored.stage_since if stored else None
            try:
                checked = rules.check_stage_move(
                    probe,
                    stage,
                    on=since,
                    actor=ctx.user,
                    note=fields["lost_reason"],
                    override_reason=values.get("override_reason") or "",
                    hint=_("A park admin may let it through with a reason in 准入说明."),
                )
            except ValidationError as exc:
                key, messages = next(iter(exc.message_dict.items()))
                if key == "override_reason" and not values.get("override_reason"):
                    key = "stage"  # below the bar with no reason given: the move is refused
                column, value = STAGE_COLUMNS[key]
                raise RowProblem(column, messages[0], values.get(value, "")) from None
            if checked.criteria is not None:
                change["admission"] = rules.recorded(checked.criteria)
            change["override"] = checked.override_reason
        fields["_change"] = change

    def existing(self, ctx, keys):
        return {k: p for k, p in ctx.cache["stored"].items() if k in set(keys)}

    def after_write(self, ctx, plan, batch):
        """The timeline entry of every new project, and of every project the file moved."""
        changes = []
        for project, fields in plan.extra.get("rows", []):
            change = fields["_change"]
            if change["from"] == project.stage:
                continue
            changes.append(
                StageChange(
                    project_id=project.pk,
                    from_stage=change["from"],
                    to_stage=project.stage,
                    on=project.stage_since,
                    by=ctx.user,
                    note=_("Imported.") if not project.lost_reason else project.lost_reason,
                    admission=change["admission"],
                    override_reason=change["override"],
                    batch=batch,
                )
            )
        StageChange.objects.bulk_create(changes)

    def undo_extra(self, batch):
        StageChange.objects.filter(batch=batch).delete()

"""Column maps of the enterprise register's imports: enterprises, yearly and monthly indicators,
honour awards. Headers are the ones the statistics bureau and park staff already use."""

import re
import unicodedata
from operator import attrgetter

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parkos.core.importing import CellError, Column, ImportSpec, register, stored
from parkos.parks.models import Park, Zone

from .choices import AwardStatus, EnterpriseStatus, HonourLevel
from .models import (
    Cluster,
    Contact,
    Enterprise,
    HonourAward,
    HonourType,
    IndicatorMonth,
    IndicatorYear,
    Industry,
)
from .signals import months_imported
from .validators import clean_uscc

CHUNK = 5000
LIST_SEPARATORS = re.compile(r"[、,，;；/|]")


def parse_uscc(value):
    """A USCC cell: cleaned and judged by `clean_uscc`, as the form and the API judge it."""
    try:
        return clean_uscc(value)
    except ValidationError as exc:
        raise CellError(exc.messages[0]) from exc


USCC_HELP = gettext_lazy(
    "18 characters; spaces, hyphens, lowercase and full-width characters are accepted."
)
USCC = Column(
    "统一社会信用代码",
    "uscc",
    required=True,
    aliases=("信用代码", "USCC"),
    parse=parse_uscc,
    help=USCC_HELP,
)
INDUSTRY_HELP = gettext_lazy("GB/T 4754-2017, any section, e.g. C3511, I6513 or 6513.")


def industry_codes() -> dict[str, str]:
    """Every way a sheet may write a GB/T 4754-2017 code → the code: as it is (C3511, I65) and,
    for a class, its four digits alone (3511, as the statistics bureau's 名录 write it: division
    numbers 01–97 run across the sections, so four digits name one class). Shorter bare digits
    are not taken: a number cell drops a leading zero, and 0111 (A0111 稻谷种植) would come
    back as 111, the digits of the group B111."""
    codes = {}
    for code, level in Industry.objects.values_list("code", "level"):
        codes[code] = code
        if level == "class":
            codes[code[1:]] = code
    return codes


def industry_code(ctx, text) -> str | None:
    """The industry a cell names, looked up in `ctx.cache["industries"]` (`industry_codes()`),
    or None with the problem reported: the one lookup of every import with an industry column."""
    written = unicodedata.normalize("NFKC", str(text)).strip().upper()
    code = ctx.cache["industries"].get(written)
    if code is None:
        if written.isdigit() and len(written) < 4:
            message = _(
                "Digits alone are read as a four-digit class code (6513); write a division or a "
                "group with its section letter (I65, I651). A number cell drops leading zeros "
                "(0111 becomes 111): format the column as text."
            )
        else:
            message = _("Unknown GB/T 4754-2017 industry code.")
        ctx.report("行业代码", message, written)
    return code


NAME_FOR_READERS = Column(
    "企业名称",
    "enterprise_name",
    read=False,
    help=gettext_lazy("For readers of the file; not checked."),
)


def _in_chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _a_good_part(ctx, count) -> bool:
    """A file of `count` enterprises covers a good part of the scope (a district's yearly
    figures): reading the scope's rows beats naming the file's thousands of keys. The scope is
    counted once per import."""
    if "scope_size" not in ctx.cache:
        ctx.cache["scope_size"] = ctx.scoped(Enterprise).count()
    return count * 4 >= ctx.cache["scope_size"]


class EnterpriseLookup:
    """Enterprises by USCC within the importing user's scope."""

    def load_enterprises(self, ctx, usccs):
        wanted = set(usccs)
        scoped = ctx.scoped(Enterprise)
        if _a_good_part(ctx, len(wanted)):
            # Its keys read in one pass: 0.03 s for 20,000 firms against 0.2–0.4 s by USCC.
            keys = scoped.values_list("uscc", "id")
            ctx.cache["enterprise_ids"] = {uscc: pk for uscc, pk in keys if uscc in wanted}
            return
        found = {}
        for chunk in _in_chunks(wanted):
            found.update(scoped.filter(uscc__in=chunk).values_list("uscc", "id"))
        ctx.cache["enterprise_ids"] = found

    def rows_of(self, ctx, queryset, enterprise_ids) -> list:
        """The `stored` rows of `queryset` of the enterprises `enterprise_ids` (of the scope),
        and, where they are a good part of the scope, of its other enterprises too: picked by
        the scope as a subquery, where 20,000 ids bound one by one took SQLite 0.2 s to find
        nothing (the rows of a new year)."""
        ids = set(enterprise_ids)
        scoped = ctx.scoped(Enterprise)
        if _a_good_part(ctx, len(ids)):
            return stored(queryset.filter(enterprise__in=scoped.values("pk")))
        rows = []
        for chunk in _in_chunks(ids):
            rows += stored(queryset.filter(enterprise_id__in=chunk))
        return rows

    def enterprise_id(self, ctx, uscc):
        found = ctx.cache["enterprise_ids"].get(uscc)
        if found is None:
            ctx.report(
                "统一社会信用代码",
                _("No enterprise with this USCC in your parks; import it first."),
                uscc,
            )
        return found


@register
class EnterpriseImport(ImportSpec):
    slug = "enterprises"
    label = gettext_lazy("Enterprises")
    model = Enterprise
    key = ("uscc",)
    protect_related = ("years", "months", "honours", "contacts", "users")
    columns = [
        Column("企业名称", "name", required=True, max_length=100),
        USCC,
        Column("法定代表人", "legal_representative", max_length=30),
        Column("成立日期", "founded_on", kind="date"),
        Column("注册资本", "registered_capital", kind="money", default_unit="万元"),
        Column("注册地址", "address", aliases=("地址",), max_length=200),
        Column(
            "行业代码",
            "industry_code",
            aliases=("国民经济行业代码", "行业分类代码"),
            help=INDUSTRY_HELP,
        ),
        Column("园区", "park_name", required=True),
        Column("片区", "zone_name"),
        Column("规上企业", "is_above_scale", kind="bool", aliases=("是否规上",)),
        Column("状态", "status", kind="choice", choices=EnterpriseStatus),
        Column("自有土地", "own_land_mu", kind="area", default_unit="亩"),
        Column(
            "租赁面积",
            "rented_floor_m2",
            kind="floor",
            default_unit="m²",
            aliases=("租赁厂房面积",),
        ),
        Column(
            "产业集群",
            "cluster_names",
            help=gettext_lazy(
                "Cluster names of the park's or the district's scheme, separated by 、"
            ),
        ),
    ]

    def prepare(self, ctx, rows):
        usccs = {r["uscc"] for r in rows}
        registered, visible = set(), set()
        for chunk in _in_chunks(usccs):
            registered.update(
                Enterprise.objects.filter(uscc__in=chunk).values_list("uscc", flat=True)
            )
            visible.update(
                ctx.scoped(Enterprise).filter(uscc__in=chunk).values_list("uscc", flat=True)
            )
        ctx.cache["foreign"] = registered - visible
        ctx.cache["parks"] = {p.name: p for p in ctx.scoped(Park)}
        ctx.cache["zones"] = {(z.park_id, z.name): z for z in Zone.objects.all()}
        ctx.cache["industries"] = industry_codes()
        ctx.cache["clusters"] = {
            (c.scheme.park_id, c.name): c.id for c in Cluster.objects.select_related("scheme")
        }

    def build(self, ctx, values):
        """Each lookup is checked whatever the others found, so a row's problems come out
        together."""
        if values["uscc"] in ctx.cache["foreign"]:
            ctx.report(
                "统一社会信用代码",
                _("Already registered in a park that is not yours."),
                values["uscc"],
            )
        park = ctx.cache["parks"].get(values["park_name"])
        if park is None:
            ctx.report("园区", _("Unknown park, or not one of yours."), values["park_name"])
        zone = None
        if values.get("zone_name") and park is not None:
            zone = ctx.cache["zones"].get((park.id, values["zone_name"]))
            if zone is None:
                ctx.report(
                    "片区",
                    _("No zone of this name in %(park)s.") % {"park": park},
                    values["zone_name"],
                )
        fields = {
            key: values[key]
            for key in (
                "name",
                "uscc",
                "legal_representative",
                "address",
                "founded_on",
                "registered_capital",
                "is_above_scale",
                "status",
                "own_land_mu",
                "rented_floor_m2",
            )
            if key in values and values[key] is not None
        }
        fields["park_id"] = park.id if park else None
        if "zone_name" in values:
            fields["zone_id"] = zone.id if zone else None
        if values.get("industry_code"):
            fields["industry_id"] = industry_code(ctx, values["industry_code"])
        if values.get("cluster_names"):
            ids = []
            for name in filter(
                None, (n.strip() for n in LIST_SEPARATORS.split(values["cluster_names"]))
            ):
                clusters = ctx.cache["clusters"]
                cluster_id = clusters.get((park and park.id, name)) or clusters.get((None, name))
                if cluster_id is None:
                    ctx.report("产业集群", _("Unknown cluster “%(name)s”.") % {"name": name}, name)
                ids.append(cluster_id)
            fields["_clusters"] = ids
        return fields

    def existing(self, ctx, keys):
        found = {}
        for chunk in _in_chunks(uscc for (uscc,) in keys):
            for enterprise in stored(ctx.scoped(Enterprise).filter(uscc__in=chunk)):
                found[(enterprise.uscc,)] = enterprise
        return found

    def after_write(self, ctx, plan, batch):
        through = Enterprise.clusters.through
        undo = {}
        for enterprise, fields in plan.extra.get("rows", []):
            wanted = set(fields["_clusters"])
            current = (
                set(enterprise.clusters.values_list("id", flat=True)) if enterprise.pk else set()
            )
            if wanted == current:
                continue
            undo[str(enterprise.pk)] = sorted(current)
            through.objects.filter(enterprise_id=enterprise.pk).delete()
            through.objects.bulk_create(
                [through(enterprise_id=enterprise.pk, cluster_id=cid) for cid in sorted(wanted)]
            )
        batch.undo = {"clusters": undo}

    def undo_extra(self, batch):
        through = Enterprise.clusters.through
        for pk, cluster_ids in (batch.undo or {}).get("clusters", {}).items():
            through.objects.filter(enterprise_id=int(pk)).delete()
            through.objects.bulk_create(
                [through(enterprise_id=int(pk), cluster_id=c) for c in cluster_ids]
            )


INDICATOR_COLUMNS = [
    Column("产值", "output_value", kind="money", default_unit="万元", aliases=("工业总产值",)),
    Column(
        "营业收入", "revenue", kind="money", default_unit="万元", aliases=("营收", "主营业务收入")
    ),
    Column("税收", "tax_paid", kind="money", default_unit="万元", aliases=("实缴税金", "税收总额")),
    Column("工业增加值", "value_added", kind="money", default_unit="万元", aliases=("增加值",)),
    Column("研发投入", "rd_spend", kind="money", default_unit="万元", aliases=("研发费用",)),
    Column("综合能耗", "energy_tce", kind="energy", default_unit="吨标准煤"),
    Column("用电量", "electricity_kwh", kind="electricity", default_unit="千瓦时"),
    Column("主要污染物排放当量", "pollutant_emissions", kind="tonnes", default_unit="吨"),
    Column("从业人员", "employees", kind="headcount", default_unit="人", aliases=("年末从业人员",)),
    Column("固定资产投资", "fixed_asset_investment", kind="money", default_unit="万元"),
]


def _year(value):
    from parkos.core.importing import CellError

    if not 1990 <= value <= 2100:
        raise CellError(_("Not a year between 1990 and 2100."))
    return value


def _month(value):
    from parkos.core.importing import CellError

    if not 1 <= value <= 12:
        raise CellError(_("A month is 1 to 12."))
    return value


class IndicatorImport(EnterpriseLookup, ImportSpec):
    period_fields: tuple[str, ...]

    def prepare(self, ctx, rows):
        self.load_enterprises(ctx, (r["uscc"] for r in rows))

    def build(self, ctx, values):
        fields = values.copy()  # the period and the figures, as the file gives them
        fields["enterprise_id"] = self.enterprise_id(ctx, fields.pop("uscc"))
        return fields

    def existing(self, ctx, keys):
        periods = {key[1:] for key in keys}
        lookup = Q()
        for period in periods:
            lookup |= Q(**dict(zip(self.period_fields, period, strict=True)))
        key_of = attrgetter(*self.key)  # a tuple: the key has two or three fields
        rows = self.rows_of(  # keyed below: in no order
            ctx, self.model.objects.filter(lookup).order_by(), {key[0] for key in keys}
        )
        return dict(zip(map(key_of, rows), rows, strict=True))


@register
class IndicatorYearImport(IndicatorImport):
    slug = "indicator-years"
    label = gettext_lazy("Yearly indicators")
    model = IndicatorYear
    key = ("enterprise_id", "year")
    period_fields = ("year",)
    columns = [
        USCC,
        NAME_FOR_READERS,
        Column("年份", "year", kind="int", required=True, parse=_year),
        *INDICATOR_COLUMNS,
    ]


@register
class IndicatorMonthImport(IndicatorImport):
    slug = "indicator-months"
    label = gettext_lazy("Monthly indicators")
    model = IndicatorMonth
    key = ("enterprise_id", "year", "month")
    period_fields = ("year", "month")
    columns = [
        USCC,
        NAME_FOR_READERS,
        Column("年份", "year", kind="int", required=True, parse=_year),
        Column("月份", "month", kind="int", required=True, parse=_month),
        *INDICATOR_COLUMNS,
    ]

    def after_write(self, ctx, plan, batch):
        """Tell the domains above once the figures are committed (the early warnings evaluate
        the file's latest month)."""
        months = sorted({(row.year, row.month) for row in (*plan.creates, *plan.updates)})
        if months:
            transaction.on_commit(
                lambda: months_imported.send(sender=IndicatorMonth, months=months)
            )


@register
class HonourAwardImport(EnterpriseLookup, ImportSpec):
    slug = "honour-awards"
    label = gettext_lazy("Honour awards")
    model = HonourAward
    key = ("enterprise_id", "honour_type_id", "year")
    columns = [
        USCC,
        NAME_FOR_READERS,
        Column("荣誉名称", "honour_name", required=True, aliases=("荣誉",)),
        Column("级别", "level", kind="choice", choices=HonourLevel),
        Column("年度", "year", kind="int", required=True, aliases=("年份",), parse=_year),
        Column("状态", "status", kind="choice", choices=AwardStatus),
        Column("备注", "note", max_length=200),
    ]

    def prepare(self, ctx, rows):
        self.load_enterprises(ctx, (r["uscc"] for r in rows))
        by_name = {}
        for honour in HonourType.objects.all():
            by_name.setdefault(honour.name, []).append(honour)
        ctx.cache["honours"] = by_name

    def build(self, ctx, values):
        candidates = ctx.cache["honours"].get(values["honour_name"], [])
        if values.get("level"):
            candidates = [h for h in candidates if h.level == values["level"]]
        if not candidates:
            ctx.report("荣誉名称", _("Not in the honour catalogue."), values["honour_name"])
        elif len(candidates) > 1:
            ctx.report("级别", _("This honour exists at several levels; fill in 级别."), "")
        fields = {
            "enterprise_id": self.enterprise_id(ctx, values["uscc"]),
            "honour_type_id": candidates[0].id if len(candidates) == 1 else None,
            "year": values["year"],
            "note": values.get("note", ""),
        }
        if values.get("status"):
            fields["status"] = values["status"]
        return fields

    def existing(self, ctx, keys):
        awards = self.rows_of(ctx, HonourAward.objects.all(), {key[0] for key in keys})
        return {(a.enterprise_id, a.honour_type_id, a.year): a for a in awards}


@register
class ContactImport(EnterpriseLookup, ImportSpec):
    slug = "contacts"
    label = gettext_lazy("Contacts")
    model = Contact
    key = ("enterprise_id", "name")
    help = gettext_lazy(
        "A contact is found again by enterprise and name: a second file updates it."
    )
    columns = [
        USCC,
        NAME_FOR_READERS,
        Column("姓名", "name", required=True, max_length=30, aliases=("联系人",)),
        Column("职务", "title", max_length=40),
        Column("电话", "phone", max_length=30, aliases=("联系电话", "手机")),
        Column("邮箱", "email", max_length=254, aliases=("电子邮箱", "Email")),
        Column("主要联系人", "is_primary", kind="bool"),
    ]

    def prepare(self, ctx, rows):
        self.load_enterprises(ctx, (r["uscc"] for r in rows))

    def build(self, ctx, values):
        email = values.get("email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                ctx.report("邮箱", _("Not an e-mail address."), email)
        return {
            "enterprise_id": self.enterprise_id(ctx, values["uscc"]),
            "name": values["name"],
            "title": values.get("title", ""),
            "phone": values.get("phone", ""),
            "email": email,
            "is_primary": bool(values.get("is_primary")),
        }

    def existing(self, ctx, keys):
        found = {}
        contacts = Contact.objects.order_by("-is_primary", "name", "pk")  # the first one kept
        for contact in self.rows_of(ctx, contacts, {key[0] for key in keys}):
            found.setdefault((contact.enterprise_id, contact.name), contact)
        return found

"""Column maps of the space inventory: buildings (with their floor parameters, the way listings
quote them: ground floor and upper floors) and units."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parkos.core.importing import (
    CellError,
    Column,
    ImportSpec,
    RowProblem,
    accepted_labels,
    register,
    stored,
)
from parkos.enterprises.imports import parse_uscc
from parkos.enterprises.models import Enterprise
from parkos.parks.models import Park, Zone

from .choices import (
    BuildingForm,
    FireClass,
    LandUse,
    Ownership,
    ParcelStatus,
    Structure,
    Suitability,
    UnitStatus,
)
from .models import Building, FloorSpec, Parcel, Unit, validate_polygon

SEPARATORS = "、,，;；/"


class ParkLookup:
    """Parks and zones by the names a sheet uses; only the importer's own parks resolve."""

    def load_parks(self, ctx):
        ctx.cache["parks"] = {p.name: p for p in ctx.scoped(Park)}
        ctx.cache["zones"] = {(z.park_id, z.name): z.id for z in Zone.objects.all()}

    def park(self, ctx, name):
        park = ctx.cache["parks"].get(name)
        if park is None:
            raise RowProblem("园区", _("Unknown park, or not one of yours."), name)
        return park

    def zone_id(self, ctx, park, name):
        zone_id = ctx.cache["zones"].get((park.id, name))
        if zone_id is None:
            ctx.report("片区", _("No zone of this name in %(park)s.") % {"park": park}, name)
        return zone_id


HEIGHT = ("space.FloorSpec", "clear_height_m")  # the building's floors carry its heights and loads
LOAD = ("space.FloorSpec", "floor_load_kn_m2")


@register
class BuildingImport(ParkLookup, ImportSpec):
    slug = "buildings"
    label = gettext_lazy("Buildings")
    model = Building
    key = ("park_id", "code")
    columns = [
        Column("园区", "park_name", required=True),
        Column("楼宇编号", "code", required=True, max_length=40),
        Column("名称", "name", required=True, max_length=100, aliases=("楼宇名称",)),
        Column("片区", "zone_name"),
        Column("地块编号", "parcel_code"),
        Column("权属", "ownership", kind="choice", choices=Ownership, required=True),
        Column(
            "业主信用代码",
            "owner_uscc",
            parse=parse_uscc,
            help=gettext_lazy("For an enterprise-owned building."),
        ),
        Column("建成年份", "year_built", kind="int"),
        Column("形态", "form", kind="choice", choices=BuildingForm, required=True),
        Column("层数", "floors", kind="int", required=True),
        Column("总建筑面积", "total_floor_m2", kind="floor", default_unit="m²", required=True),
        Column("可租售面积", "available_floor_m2", kind="floor", default_unit="m²"),
        Column("结构", "structure", kind="choice", choices=Structure, required=True),
        Column("柱网", "column_grid", max_length=40),
        Column("火灾危险性类别", "fire_class", kind="choice", choices=FireClass),
        Column(
            "首层层高",
            "ground_height",
            kind="decimal",
            aliases=("首层层高（m）", "首层层高(m)"),
            stored_in=HEIGHT,
        ),
        Column(
            "首层承重",
            "ground_load",
            kind="decimal",
            aliases=("首层承重（kN/m²）", "首层承重(kN/m²)"),
            stored_in=LOAD,
        ),
        Column(
            "标准层层高",
            "upper_height",
            kind="decimal",
            aliases=("标准层层高（m）", "标准层层高(m)"),
            stored_in=HEIGHT,
        ),
        Column(
            "标准层承重",
            "upper_load",
            kind="decimal",
            aliases=("标准层承重（kN/m²）", "标准层承重(kN/m²)"),
            stored_in=LOAD,
        ),
        Column("行车", "crane_tonnes", kind="decimal", aliases=("行车（吨）", "行车(吨)")),
        Column("配电", "power_kva", kind="int", aliases=("配电（kVA）", "配电(kVA)")),
        Column("天然气", "gas", kind="bool"),
        Column("工业用水", "water", kind="bool"),
        Column("工业排水", "drainage", kind="bool"),
        Column("装卸平台", "loading_docks", kind="int"),
        Column(
            "适用",
            "suitability",
            help=gettext_lazy("Codes or names separated by 、: ") + "、".join(Suitability.values),
        ),
        Column("纬度", "latitude", kind="decimal", allow_negative=False),
        Column("经度", "longitude", kind="decimal"),
        Column("对外发布", "published", kind="bool"),
        Column("概况", "overview"),
    ]

    def prepare(self, ctx, rows):
        self.load_parks(ctx)
        ctx.cache["parcels"] = {(p.park_id, p.code): p.id for p in ctx.scoped(Parcel)}
        owners = {r["owner_uscc"] for r in rows if r.get("owner_uscc")}
        ctx.cache["owners"] = dict(
            ctx.scoped(Enterprise).filter(uscc__in=owners).values_list("uscc", "id")
        )
        ctx.cache["suitability"] = accepted_labels(Suitability)

    def build(self, ctx, values):
        park = self.park(ctx, values["park_name"])
        fields = {
            k: values[k]
            for k in (
                "code",
                "name",
                "ownership",
                "year_built",
                "form",
                "floors",
                "total_floor_m2",
                "available_floor_m2",
                "structure",
                "column_grid",
                "fire_class",
                "crane_tonnes",
                "power_kva",
                "gas",
                "water",
                "drainage",
                "loading_docks",
                "published",
                "overview",
            )
            if values.get(k) is not None and k in values
        }
        fields["park_id"] = park.id
        for key in ("latitude", "longitude"):
            if values.get(key) is not None:
                fields[key] = float(values[key])
        if values.get("zone_name"):
            fields["zone_id"] = self.zone_id(ctx, park, values["zone_name"])
        if values.get("parcel_code"):
            parcel_id = ctx.cache["parcels"].get((park.id, values["parcel_code"]))
            if parcel_id is None:
                ctx.report(
                    "地块编号",
                    _("No parcel of this code in %(park)s.") % {"park": park},
                    values["parcel_code"],
                )
            fields["parcel_id"] = parcel_id
        if values["ownership"] == Ownership.ENTERPRISE:
            owner_id = ctx.cache["owners"].get(values.get("owner_uscc") or "")
            if owner_id is None:
                ctx.report(
                    "业主信用代码",
                    _("An enterprise-owned building needs its owner, registered in your parks."),
                    values.get("owner_uscc", ""),
                )
            fields["owner_id"] = owner_id
        total = fields.get("total_floor_m2")
        if total is not None and fields.get("available_floor_m2", Decimal(0)) > total:
            ctx.report(
                "可租售面积",
                _("Available floor area cannot exceed the total (%(total)s m²).")
                % {"total": total},
                fields["available_floor_m2"],
            )
        codes = []
        for word in filter(None, (w.strip() for w in _split(values.get("suitability") or ""))):
            code = ctx.cache["suitability"].get(word)
            if code is None:
                ctx.report("适用", _("Unknown suitability “%(word)s”.") % {"word": word}, word)
            codes.append(code)
        fields["suitability"] = codes
        fields["_floors"] = [
            values.get(k) for k in ("ground_height", "ground_load", "upper_height", "upper_load")
        ]
        return fields

    def existing(self, ctx, keys):
        parks = {park_id for park_id, _code in keys}
        return {
            (b.park_id, b.code): b
            for b in stored(Building.objects.filter(park_id__in=parks))
            if (b.park_id, b.code) in set(keys)
        }

    def after_write(self, ctx, plan, batch):
        """Floor parameters: the ground floor's and the upper floors' values, one row per floor."""
        for building, fields in plan.extra.get("rows", []):
            ground_height, ground_load, upper_height, upper_load = fields["_floors"]
            if ground_height is None and upper_height is None:
                continue
            FloorSpec.objects.filter(building=building).delete()
            area = building.total_floor_m2 / building.floors
            specs = []
            for floor in range(1, building.floors + 1):
                height = ground_height if floor == 1 else (upper_height or ground_height)
                load = ground_load if floor == 1 else (upper_load or ground_load)
                if height and load:
                    specs.append(
                        FloorSpec(
                            building=building,
                            floor=floor,
                            clear_height_m=height,
                            floor_load_kn_m2=load,
                            area_m2=area.quantize(Decimal("0.01")),
                        )
                    )
            FloorSpec.objects.bulk_create(specs)


def _split(text):
    for separator in SEPARATORS:
        text = text.replace(separator, "、")
    return text.split("、")


@register
class UnitImport(ParkLookup, ImportSpec):
    slug = "units"
    label = gettext_lazy("Units")
    model = Unit
    key = ("building_id", "code")
    columns = [
        Column("园区", "park_name", required=True),
        Column("楼宇编号", "building_code", required=True),
        Column("单元编号", "code", required=True, max_length=40),
        Column("楼层", "floor", kind="int", required=True, allow_negative=True),
        Column("面积", "area_m2", kind="floor", default_unit="m²", required=True),
        Column("状态", "status", kind="choice", choices=UnitStatus),
        Column(
            "租金",
            "rent_per_m2_day",
            kind="decimal",
            aliases=("租金（元/m²/天）", "租金(元/m²/天)"),
        ),
        Column(
            "售价", "sale_price_per_m2", kind="decimal", aliases=("售价（元/m²）", "售价(元/m²)")
        ),
        Column("对外发布", "published", kind="bool"),
    ]

    def prepare(self, ctx, rows):
        self.load_parks(ctx)
        ctx.cache["buildings"] = {(b.park_id, b.code): b.id for b in ctx.scoped(Building)}

    def build(self, ctx, values):
        park = self.park(ctx, values["park_name"])
        building_id = ctx.cache["buildings"].get((park.id, values["building_code"]))
        if building_id is None:
            ctx.report(
                "楼宇编号",
                _("No building of this code in %(park)s.") % {"park": park},
                values["building_code"],
            )
        fields = {
            k: values[k]
            for k in (
                "code",
                "floor",
                "area_m2",
                "status",
                "rent_per_m2_day",
                "sale_price_per_m2",
                "published",
            )
            if values.get(k) is not None
        }
        fields["building_id"] = building_id
        return fields

    def existing(self, ctx, keys):
        buildings = {building_id for building_id, _code in keys}
        units = stored(Unit.objects.filter(building_id__in=buildings))
        return {(u.building_id, u.code): u for u in units}


def _polygon(text):
    """'30.7411,121.3302; 30.7420,121.3302; …' → [[30.7411, 121.3302], …]."""
    if not text:
        return []
    try:
        points = [
            [float(c) for c in pair.split(",")]
            for pair in text.replace("；", ";").split(";")
            if pair.strip()
        ]
        validate_polygon(points)
    except (ValueError, ValidationError) as exc:
        raise CellError(
            _("Write the boundary as lat,lng; lat,lng; … (three points or more).")
        ) from exc
    return points


@register
class ParcelImport(ParkLookup, ImportSpec):
    slug = "parcels"
    label = gettext_lazy("Land parcels")
    model = Parcel
    key = ("park_id", "code")
    columns = [
        Column("园区", "park_name", required=True),
        Column("地块编号", "code", required=True, max_length=40),
        Column("片区", "zone_name"),
        Column("面积", "area_mu", kind="area", default_unit="亩", required=True),
        Column("用地性质", "land_use", kind="choice", choices=LandUse),
        Column("状态", "status", kind="choice", choices=ParcelStatus),
        Column(
            "指导价", "guide_price", kind="money", default_unit="万元", help=gettext_lazy("Per mu.")
        ),
        Column(
            "边界",
            "polygon",
            parse=_polygon,
            help=gettext_lazy("latitude,longitude; latitude,longitude; …"),
        ),
        Column("对外发布", "published", kind="bool"),
        Column("概况", "overview"),
    ]

    def prepare(self, ctx, rows):
        self.load_parks(ctx)

    def build(self, ctx, values):
        park = self.park(ctx, values["park_name"])
        fields = {
            k: values[k]
            for k in (
                "code",
                "area_mu",
                "land_use",
                "status",
                "guide_price",
                "polygon",
                "published",
                "overview",
            )
            if values.get(k) is not None
        }
        fields["park_id"] = park.id
        if values.get("zone_name"):
            fields["zone_id"] = self.zone_id(ctx, park, values["zone_name"])
        return fields

    def existing(self, ctx, keys):
        wanted = set(keys)
        return {
            (p.park_id, p.code): p
            for p in stored(Parcel.objects.filter(park_id__in={k[0] for k in keys}))
            if (p.park_id, p.code) in wanted
        }

"""What the public may see: published spaces, and of them only the published fields.

Every public page reads through these functions, and templates are given plain dictionaries
built here — never a model instance — so an internal note or an owner's figures cannot reach a
visitor by a template mistake."""

from django.db.models import Min, Prefetch, Sum

from parkos.space.choices import UnitStatus
from parkos.space.models import Building, FloorSpec, Unit

PUBLIC_BUILDING_FIELDS = (
    "id",
    "code",
    "name",
    "park__name",
    "zone__name",
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
    "suitability",
    "overview",
    "year_built",
    "latitude",
    "longitude",
    "ownership",
)


def public_units():
    return Unit.objects.filter(
        published=True, status=UnitStatus.AVAILABLE, building__published=True
    )


def public_buildings():
    return Building.objects.filter(published=True)


def building_card(building: Building) -> dict:
    data = {name: _resolve(building, name) for name in PUBLIC_BUILDING_FIELDS}
    data["form_label"] = building.get_form_display()
    data["structure_label"] = building.get_structure_display()
    data["ownership_label"] = building.get_ownership_display()
    data["fire_class_label"] = building.get_fire_class_display()
    data["suitability_labels"] = building.suitability_labels()
    return data


def _resolve(obj, path):
    for part in path.split("__"):
        obj = getattr(obj, part, None) if obj is not None else None
    return obj


def building_detail(pk) -> dict | None:
    building = (
        public_buildings()
        .select_related("park", "zone")
        .prefetch_related(
            Prefetch("floor_specs", queryset=FloorSpec.objects.order_by("floor")),
            "photos",
            Prefetch(
                "units", queryset=public_units().order_by("floor", "code"), to_attr="public_units"
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if building is None:
        return None
    card = building_card(building)
    card["floors_detail"] = [
        {
            "floor": f.floor,
            "clear_height_m": f.clear_height_m,
            "floor_load_kn_m2": f.floor_load_kn_m2,
            "area_m2": f.area_m2,
        }
        for f in building.floor_specs.all()
    ]
    card["units"] = [
        {
            "code": u.code,
            "floor": u.floor,
            "area_m2": u.area_m2,
            "rent_per_m2_day": u.rent_per_m2_day,
            "sale_price_per_m2": u.sale_price_per_m2,
        }
        for u in building.public_units
    ]
    card["park_id"] = building.park_id
    card["photos"] = [
        {"url": p.get_absolute_url(), "caption": p.caption} for p in building.photos.all()
    ]
    return card


def glance():
    """Available area on offer, by form and by zone."""
    units = public_units()
    by_form = (
        units.values("building__form").annotate(area=Sum("area_m2")).order_by("building__form")
    )
    by_zone = (
        units.values("building__zone__name")
        .annotate(area=Sum("area_m2"))
        .order_by("building__zone__name")
    )
    return {
        "total_area": units.aggregate(area=Sum("area_m2"))["area"] or 0,
        "buildings": public_buildings().filter(units__in=units).distinct().count(),
        "by_form": [(row["building__form"], row["area"]) for row in by_form],
        "by_zone": [(row["building__zone__name"] or "—", row["area"]) for row in by_zone],
    }


def listing(buildings):
    """Cards of the public buildings that have a unit on offer, with their lowest clear height."""
    offered = public_units().values("building_id")
    rows = (
        buildings.filter(pk__in=offered)
        .select_related("park", "zone")
        .annotate(lowest_height=Min("floor_specs__clear_height_m"))
    )
    return [dict(building_card(b), lowest_height=b.lowest_height) for b in rows]

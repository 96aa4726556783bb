"""The space inventory's declared entities. Parcels (land) get every page from the declaration.
A building's pages edit its floors and units with it and keep their own views; buildings and
units are declared for their API routes (a unit alone, the way an integration updates it)."""

from parkos.core.entities import Entity, Menu
from parkos.parks.models import Park

from . import actions, services
from .filters import BuildingFilterSet, ParcelFilterSet, UnitFilterSet
from .forms import BuildingForm, ParcelForm, UnitForm
from .models import Building, Parcel, Unit
from .schemas import BuildingOut, ParcelOut, UnitOut
from .tables import ParcelTable


def _parcels_on_a_map(request):
    return {
        "map": services.map_features(
            parcels=Parcel.objects.visible_to(request.user),
            parks=Park.objects.visible_to(request.user),
        ),
        "map_config": services.map_config(),
    }


def _parcel_with_its_buildings(request, parcel):
    buildings = parcel.buildings.all()
    return {
        "buildings": buildings,
        "map": services.map_features(parcels=[parcel], buildings=buildings, parks=[parcel.park]),
        "map_config": services.map_config(),
    }


parcels = Entity(
    model=Parcel,
    path="parcels",
    filterset=ParcelFilterSet,
    table=ParcelTable,
    form=ParcelForm,
    out_schema=ParcelOut,
    save=actions.save_parcel,
    detail_fields=(
        "code",
        "park",
        "zone",
        "area_mu",
        "land_use",
        "status",
        "guide_price",
        "published",
        "overview",
        "internal_note",
    ),
    select_related=("park", "zone"),
    menu=Menu("space", 20),
    import_slug="parcels",
    list_template="space/parcel_list.html",
    list_context=_parcels_on_a_map,
    detail_template="space/parcel_detail.html",
    detail_context=_parcel_with_its_buildings,
)

buildings = Entity(
    model=Building,
    path="buildings",
    filterset=BuildingFilterSet,
    form=BuildingForm,
    out_schema=BuildingOut,
    save=actions.save_building,
    delete=None,  # a building leaves the inventory by being unpublished, never deleted
    import_slug="buildings",
    pages=(),
)

units = Entity(
    model=Unit,
    path="units",
    filterset=UnitFilterSet,
    form=UnitForm,
    out_schema=UnitOut,
    select_related=("building",),
    import_slug="units",
    pages=(),
)

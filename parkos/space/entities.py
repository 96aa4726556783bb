"""The space inventory's declared entities: parcels (land) for now; buildings with their floors
and units keep their own pages."""

from parkos.core.entities import Entity, Menu

from . import actions, services
from .filters import ParcelFilterSet
from .forms import ParcelForm
from .models import Parcel
from .schemas import ParcelOut
from .tables import ParcelTable


def _parcels_on_a_map(request):
    return {
        "map": services.map_features(parcels=Parcel.objects.visible_to(request.user)),
        "map_config": services.map_config(),
    }


def _parcel_with_its_buildings(request, parcel):
    buildings = parcel.buildings.all()
    return {
        "buildings": buildings,
        "map": services.map_features(parcels=[parcel], buildings=buildings),
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

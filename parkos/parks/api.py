from ninja import Schema
from ninja.pagination import paginate

from parkos.core.api import Pages, Router, visible_list, visible_object
from parkos.core.routes import api_access

from .entities import zones
from .models import Park
from .schemas import ZoneOut

router = Router(tags=["parks"])


class ParkOut(Schema):
    id: int
    name: str
    short_name: str
    address: str
    zones: list[ZoneOut]

    @staticmethod
    def resolve_zones(obj):
        return list(obj.zones.all())


@router.get("/parks", response=list[ParkOut], openapi_extra=api_access("parks.view_park"))
@paginate(Pages, page_size=50)
def list_parks(request):
    return visible_list(request, Park.objects.prefetch_related("zones"))


@router.get(
    "/parks/{park_id}",
    response=ParkOut,
    openapi_extra=api_access("parks.view_park", rows="parks.park"),
)
def get_park(request, park_id: int):
    return visible_object(request, Park.objects.prefetch_related("zones"), pk=park_id)


zones.add_api_routes(router)

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from parkos.core.api import visible_list, visible_object

from .models import Park, Zone

router = Router(tags=["parks"])


class ZoneOut(Schema):
    id: int
    name: str
    code: str
    park_id: int
    steward_id: int | None


class ParkOut(Schema):
    id: int
    name: str
    short_name: str
    address: str
    zones: list[ZoneOut]

    @staticmethod
    def resolve_zones(obj):
        return list(obj.zones.all())


@router.get("/parks", response=list[ParkOut])
@paginate(PageNumberPagination, page_size=50)
def list_parks(request):
    return visible_list(request, Park.objects.prefetch_related("zones"))


@router.get("/parks/{park_id}", response=ParkOut)
def get_park(request, park_id: int):
    return visible_object(request, Park.objects.prefetch_related("zones"), pk=park_id)


@router.get("/zones", response=list[ZoneOut])
@paginate(PageNumberPagination, page_size=100)
def list_zones(request, park_id: int | None = None):
    zones = visible_list(request, Zone.objects.all())
    return zones.filter(park_id=park_id) if park_id else zones

import datetime
from decimal import Decimal

from ninja import Field, Schema

from parkos.core.api import Id, Router
from parkos.core.routes import api_access

from .entities import buildings, parcels, units
from .matching import Demand, match
from .models import Unit

router = Router(tags=["space"])


class DemandIn(Schema):
    area_min: Decimal | None = None
    area_max: Decimal | None = None
    forms: list[str] = []
    suitability: list[str] = []
    min_clear_height: Decimal | None = None
    min_floor_load: Decimal | None = None
    min_crane: Decimal | None = None
    min_power_kva: int | None = Field(None, ge=0, le=10**7)
    max_rent: Decimal | None = None
    zone_id: Id | None = None
    move_in: datetime.date | None = None
    cluster_id: Id | None = None


class ReasonOut(Schema):
    criterion: str
    text: str
    passed: bool
    penalty: int


class MatchOut(Schema):
    unit_id: int
    unit_code: str
    building_id: int
    building_name: str
    floor: int
    area_m2: Decimal
    rent_per_m2_day: Decimal | None
    score: int
    reasons: list[ReasonOut]
    near_miss: str


class MatchesOut(Schema):
    matches: list[MatchOut]
    near_misses: list[MatchOut]


def _out(m):
    unit = m.unit
    return {
        "unit_id": unit.pk,
        "unit_code": unit.code,
        "building_id": unit.building_id,
        "building_name": unit.building.name,
        "floor": unit.floor,
        "area_m2": unit.area_m2,
        "rent_per_m2_day": unit.rent_per_m2_day,
        "score": m.score,
        "reasons": m.reasons,
        "near_miss": m.near_miss,
    }


@router.post("/space/match", response=MatchesOut, openapi_extra=api_access("space.view_unit"))
def match_space(request, payload: DemandIn):
    """Units that fit a demand, best first, each with a reason per criterion; plus near misses."""
    matches, near = match(Unit.objects.visible_to(request.user), Demand(**payload.dict()))
    return {"matches": [_out(m) for m in matches], "near_misses": [_out(m) for m in near]}


for entity in (parcels, buildings, units):
    entity.add_api_routes(router)

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import field_validator

from parkos.core.api import Id, Router
from parkos.core.routes import api_access

from .entities import buildings, parcels, units
from .matching import CRITERIA, DEFAULT_MUST, Demand, match
from .models import Unit

router = Router(tags=["space"])


Criterion = Literal[*CRITERIA]
# What a listing stores: two decimals at most, and no number PostgreSQL's numeric cannot hold.
Amount = Annotated[Decimal, Field(ge=0, le=10**9, decimal_places=2)]


class DemandIn(Schema):
    """A demand: every criterion is optional; `must` marks which are must-haves. Numbers are
    at least 0, with two decimals at most (what a listing stores)."""

    area_min: Amount | None = Field(None, description="m²")
    area_max: Amount | None = Field(None, description="m², at least `area_min`")
    forms: list[str] = Field([], description="building forms, any of (always a must-have)")
    suitability: list[str] = Field([], description="suitabilities, all of (always a must-have)")
    min_clear_height: Amount | None = Field(None, description="m, of the unit's floor")
    min_floor_load: Amount | None = Field(None, description="kN/m², of the unit's floor")
    min_crane: Amount | None = Field(None, description="t")
    min_power_kva: int | None = Field(None, ge=0, le=10**7, description="kVA")
    max_rent: Amount | None = Field(None, description="yuan per m² per day (`budget`)")
    zone_id: Id | None = None
    move_in: datetime.date | None = Field(None, description="the unit is available by then")
    cluster_id: Id | None = Field(
        None, description="an operating enterprise of this cluster in the zone (a preference)"
    )
    must: list[Criterion] = Field(
        sorted(DEFAULT_MUST),
        description="The criteria that must be met: a unit that misses one is not a match, but "
        "a near miss when it misses one or two by a little (docs/online-park.md, margins). The "
        "others are preferences: missing one costs points. `budget` is the rent. A must-have "
        'without a value requires nothing. Default `["area"]`.',
    )

    @field_validator("area_max")
    @classmethod
    def _area_in_order(cls, value, info):
        low = info.data.get("area_min")
        if None not in (value, low) and value < low:
            raise ValueError("area_max is below area_min")
        return value


class ReasonOut(Schema):
    criterion: str = Field(description="a `must` criterion, or `cluster`")
    text: str = Field(description="what was compared, in the request's language")
    passed: bool
    penalty: int = Field(description="points lost: a preference not met; 0 for a must-have")
    must: bool = Field(description="a must-have (a near miss's missed ones say by how much)")


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
    near_miss: str = Field(description="a near miss's missed must-haves, by how much; else empty")


class MatchesOut(Schema):
    matches: list[MatchOut] = Field(description="units that meet every must-have, best first")
    near_misses: list[MatchOut] = Field(
        description="units that miss one or two must-haves by a little, closest first"
    )


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
    """Units that meet a demand's must-haves, best first by its preferences, each with a reason
    per criterion; plus the near misses, each saying which must-haves it misses and by how
    much."""
    matches, near = match(Unit.objects.visible_to(request.user), Demand(**payload.dict()))
    return {"matches": [_out(m) for m in matches], "near_misses": [_out(m) for m in near]}


for entity in (parcels, buildings, units):
    entity.add_api_routes(router)

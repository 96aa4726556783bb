from datetime import date
from decimal import Decimal

from ninja import Field, Schema


class ParcelOut(Schema):
    id: int
    code: str
    park_id: int
    zone_id: int | None
    area_mu: Decimal
    land_use: str
    status: str
    guide_price: Decimal | None
    polygon: list | None
    overview: str
    published: bool


class BuildingOut(Schema):
    id: int
    code: str
    name: str
    park_id: int
    zone_id: int | None
    parcel_id: int | None
    ownership: str
    owner_id: int | None
    year_built: int | None
    latitude: float | None
    longitude: float | None
    form: str
    floors: int
    total_floor_m2: Decimal
    available_floor_m2: Decimal
    structure: str
    column_grid: str
    fire_class: str
    crane_tonnes: Decimal
    power_kva: int
    gas: bool
    water: bool
    drainage: bool
    loading_docks: int
    suitability: list[str]
    overview: str
    published: bool
    internal_note: str


class UnitOut(Schema):
    id: int
    building_id: int
    code: str
    floor: int
    area_m2: Decimal
    status: str
    available_from: date | None
    rent_per_m2_day: Decimal | None = Field(description="yuan per m² per day")
    sale_price_per_m2: Decimal | None = Field(description="yuan per m²")
    published: bool
    internal_note: str

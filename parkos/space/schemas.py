from decimal import Decimal

from ninja import Schema


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

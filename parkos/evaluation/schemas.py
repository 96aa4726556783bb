from decimal import Decimal

from ninja import Field, Schema


class AdjustmentOut(Schema):
    id: int
    enterprise_id: int
    enterprise_name: str = Field(alias="enterprise.name")
    year: int
    kind: str
    points: Decimal | None
    grade: str
    reason: str
    created_by_id: int | None

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


class SchemeIndicatorOut(Schema):
    code: str
    weight: Decimal
    benchmark_rule: str
    benchmark_value: Decimal
    scaling: str
    cap: Decimal | None
    floor: Decimal | None


class SchemeOut(Schema):
    id: int
    slug: str
    name: str
    park_id: int | None = Field(description="empty for a district-wide scheme")
    description: str
    source: str
    is_preset: bool
    version: int
    population: str
    min_land_mu: Decimal
    exclude_founded_within_years: int
    exclude_industries: str
    rented_floor_share: Decimal
    merge_tenants: bool
    missing_rule: str
    missing_penalty: Decimal
    grade_method: str
    grade_a: Decimal
    grade_b: Decimal
    grade_c: Decimal
    grade_d: Decimal
    indicators: list[SchemeIndicatorOut]

    @staticmethod
    def resolve_indicators(obj):
        return list(obj.indicators.all())

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema


class WarningRuleOut(Schema):
    id: int
    kind: str
    park_id: int | None = Field(description="empty: the whole district's rule")
    threshold: Decimal | None = Field(
        description="percent (output, energy, promises), months (tax) or grade levels"
    )
    min_investment: Decimal | None = Field(description="promises: large projects from (yuan)")
    is_active: bool
    note: str


class EarlyWarningOut(Schema):
    id: int
    enterprise_id: int
    enterprise_name: str = Field(alias="enterprise.name")
    rule_id: int
    kind: str = Field(alias="rule.kind")
    year: int
    month: int
    figures: str = Field(description="the figures that fired the rule")
    created: dt.datetime
    acknowledged_at: dt.datetime | None
    acknowledged_by_id: int | None
    note: str

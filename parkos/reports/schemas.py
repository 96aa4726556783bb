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


class MonthlyAnalysisOut(Schema):
    id: int
    park_id: int | None = Field(description="empty: the whole district")
    year: int
    month: int
    status: str
    text: str = Field(description="the text with its figures filled in")
    body: str = Field(description="the text with the figures as placeholders, {产值累计}…")
    published_at: dt.datetime | None

    @staticmethod
    def resolve_text(obj):
        from .views import analysis_text

        return analysis_text(obj)

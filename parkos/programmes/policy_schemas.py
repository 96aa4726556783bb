import datetime as dt
from decimal import Decimal

from ninja import Field, Schema


class PolicyCallOut(Schema):
    id: int
    park_id: int | None = Field(description="empty: a call of the whole district")
    title: str
    kind: str
    level: str
    year: int
    batch: int
    department: str
    deadline: dt.date
    criteria: dict = Field(description="declared eligibility criteria (docs/programmes.md)")
    description: str


class PolicyProjectOut(Schema):
    id: int
    call_id: int
    call_title: str = Field(alias="call.title")
    kind: str = Field(alias="call.kind")
    level: str = Field(alias="call.level")
    year: int = Field(alias="call.year")
    enterprise_id: int
    enterprise_name: str = Field(alias="enterprise.name")
    status: str
    applied_amount: Decimal | None = Field(description="yuan")
    approved_amount: Decimal | None = Field(description="yuan")
    disbursed_amount: Decimal | None = Field(description="yuan")
    recommended_on: dt.date | None
    applied_on: dt.date | None
    approved_on: dt.date | None
    disbursed_on: dt.date | None
    closed_on: dt.date | None
    note: str


class HonourApplicationOut(Schema):
    id: int
    enterprise_id: int
    enterprise_name: str = Field(alias="enterprise.name")
    honour_type_id: int
    honour_name: str = Field(alias="honour_type.name")
    level: str = Field(alias="honour_type.level")
    year: int
    status: str
    recommended_on: dt.date | None
    applied_on: dt.date | None
    decided_on: dt.date | None
    award_id: int | None


class HonourCriteriaOut(Schema):
    id: int
    honour_type_id: int
    criteria: dict
    note: str


class PolicyStepIn(Schema):
    """A step of a policy project: the amount in yuan (approve, disburse, apply) and the date
    (default: today)."""

    action: str = Field(description="approve | disburse | reject | withdraw")
    amount: Decimal | None = Field(None, gt=0, max_digits=16, decimal_places=2)
    on: dt.date | None = None
    note: str = ""


class PolicyApplyIn(Schema):
    enterprise: str = Field(description="the enterprise's USCC")
    amount: Decimal = Field(description="yuan", gt=0, max_digits=16, decimal_places=2)
    on: dt.date | None = None


class EligibilityOut(Schema):
    enterprise_id: int
    eligible: bool
    reasons: list[dict]

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema


class LoanProgrammeOut(Schema):
    id: int
    park_id: int
    name: str
    description: str


class PartnerBankOut(Schema):
    id: int
    programme_id: int
    bank_id: int
    bank_name: str = Field(alias="bank.name")
    min_amount: Decimal | None = Field(description="yuan; empty: no lower limit")
    max_amount: Decimal | None = Field(description="yuan; empty: no upper limit")
    max_term_months: int | None


class LoanRoundOut(Schema):
    id: int
    programme_id: int
    number: int
    opens_on: dt.date
    closes_on: dt.date | None


class FinancingDemandOut(Schema):
    id: int
    round_id: int
    enterprise_id: int
    enterprise_name: str = Field(alias="enterprise.name")
    amount: Decimal = Field(description="yuan")
    purpose: str
    term_months: int
    collateral: str
    preferred_bank_id: int | None
    status: str = Field(description="filed, matched, granted or declined")
    bank_id: int | None = Field(description="the bank the demand is matched to")
    granted_amount: Decimal | None = Field(description="yuan")
    granted_on: dt.date | None
    declined_reason: str
    filed_at: dt.datetime


class MatchIn(Schema):
    bank_id: int


class GrantIn(Schema):
    granted_amount: Decimal = Field(description="yuan")
    granted_on: dt.date


class DeclineIn(Schema):
    declined_reason: str

"""What the API answers for the register's declared entities (their bodies are generated from
their forms, see core/api.py)."""

from decimal import Decimal

from ninja import Field, Schema

from parkos.core.masking import PersonalFields


class ContactOut(PersonalFields):
    id: int
    enterprise_id: int
    enterprise_name: str = Field(alias="enterprise.name")
    name: str
    title: str
    phone: str
    email: str
    is_primary: bool


class HonourTypeOut(Schema):
    id: int
    name: str
    level: str


class HonourAwardOut(Schema):
    id: int
    enterprise_id: int
    enterprise_name: str = Field(alias="enterprise.name")
    honour_type: HonourTypeOut
    year: int
    status: str
    note: str


class ClusterSchemeOut(Schema):
    id: int
    name: str
    park_id: int | None
    description: str
    target_growth: Decimal | None
    target_share: Decimal | None


class ClusterOut(Schema):
    id: int
    scheme_id: int
    name: str
    code: str
    order: int
    target_growth: Decimal | None
    target_share: Decimal | None


class TagOut(Schema):
    id: int
    name: str
    park_id: int | None

"""What the API answers for the register's declared entities (their bodies are generated from
their forms, see core/api.py)."""

from ninja import Field, Schema


class ContactOut(Schema):
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

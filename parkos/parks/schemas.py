from ninja import Schema


class ZoneOut(Schema):
    id: int
    name: str
    code: str
    park_id: int
    steward_id: int | None

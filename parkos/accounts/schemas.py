from ninja import Schema


class UserOut(Schema):
    id: int
    username: str
    last_name: str
    first_name: str
    email: str
    phone: str
    role: str
    park_id: int | None
    enterprise_id: int | None
    is_active: bool

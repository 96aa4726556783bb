import datetime as dt
from decimal import Decimal

from parkos.core.masking import PersonalFields


class EnquiryOut(PersonalFields):
    id: int
    park_id: int
    building_id: int | None
    name: str
    company: str
    phone: str
    email: str
    industry: str
    area_m2: Decimal | None
    message: str
    status: str
    staff_note: str
    created: dt.datetime

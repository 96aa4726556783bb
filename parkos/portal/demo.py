"""A few enquiries from the online park, so investment staff see the list filled in the demo."""

from decimal import Decimal

from parkos.parks.models import Park
from parkos.space.models import Building

from .models import Enquiry, EnquiryStatus

ENQUIRIES = [
    (
        "周总",
        "苏州某某精密部件有限公司",
        "13912340001",
        3000,
        "需要单层厂房，行车 10 吨以上，配电 1600 kVA。",
        EnquiryStatus.NEW,
    ),
    (
        "陈经理",
        "杭州某某生物医药有限公司",
        "13812340002",
        5000,
        "GMP 车间，层高 6 米以上，希望年内入驻。",
        EnquiryStatus.CONTACTED,
    ),
    (
        "刘女士",
        "上海某某无人机科技有限公司",
        "13712340003",
        2000,
        "研发办公加小批量试制。",
        EnquiryStatus.LEAD,
    ),
    (
        "赵先生",
        "宁波某某新材料有限公司",
        "13612340004",
        8000,
        "拟购地 30 亩自建厂房，了解准入标准。",
        EnquiryStatus.NEW,
    ),
]


def seed():
    if Enquiry.objects.exists():
        return
    park = Park.objects.order_by("id").first()
    buildings = list(Building.objects.filter(park=park, published=True)[:4])
    for i, (name, company, phone, area, message, status) in enumerate(ENQUIRIES):
        Enquiry.objects.create(
            park=park,
            building=buildings[i] if i < len(buildings) and i % 2 == 0 else None,
            name=name,
            company=company,
            phone=phone,
            area_m2=Decimal(area),
            message=message,
            status=status,
        )

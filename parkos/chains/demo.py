"""The demo's display-panel chain (seed article 003): an anchor panel maker of the second park
(a fictional name, like every demo firm) with 12 local upstream and downstream firms and two
outside customers, 440 亿元 of chain project investment (the article: more than 430), and the
nodes the district lacks (weak links) for the investment staff to attract. Idempotent."""

from decimal import Decimal

from django.db import transaction

from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.demo import SECOND_PARK
from parkos.enterprises.models import Cluster, Enterprise

from .models import ChainLink, ChainNode, ChainPlacement, ChainTemplate

TEMPLATE = "新型显示产业链"
ANCHOR = "上海辉晟显示科技股份有限公司"
YI = Decimal(100_000_000)
# name, stage, order, (partners placed on it: count, direction, product, investment in 亿元)
NODES = [
    ("有机发光材料", "upstream", 10, 3, "supplier", "OLED 发光材料", Decimal("20")),
    ("玻璃基板", "upstream", 20, 0, "supplier", "", None),
    ("驱动芯片", "upstream", 30, 1, "supplier", "显示驱动 IC", Decimal("80")),
    ("蒸镀与检测设备", "upstream", 40, 3, "supplier", "蒸镀设备", Decimal("30")),
    ("AMOLED 面板", "core", 50, 0, "", "", None),
    ("显示模组", "downstream", 60, 2, "customer", "显示模组", Decimal("60")),
    ("智能终端", "downstream", 70, 3, "customer", "穿戴与车载终端", Decimal("30")),
]  # 12 local firms; their chain projects: 60 + 80 + 90 + 120 + 90 = 440 亿元
OUTSIDE_CUSTOMERS = [("华东某手机整机厂", "智能终端"), ("长三角某车载显示集成商", "显示模组")]


@transaction.atomic
def seed():
    if ChainTemplate.objects.filter(name=TEMPLATE).exists():
        return
    second = Enterprise.objects.filter(park__name=SECOND_PARK, status=EnterpriseStatus.OPERATING)
    information = Cluster.objects.filter(scheme__park__isnull=True, code="I").first()
    local = list(
        second.filter(clusters__code__in=("I", "N", "E"), clusters__scheme__park__isnull=True)
        .exclude(name__startswith="上海和辉")
        .exclude(name__startswith="上海奥来德")
        .order_by("id")
        .distinct()[:13]
    )
    if len(local) < 13:
        return  # a demo too small for the chain
    anchor, partners = local[0], iter(local[1:])
    anchor.name = ANCHOR
    anchor.set_search_keys()
    anchor.save()
    template = ChainTemplate.objects.create(
        name=TEMPLATE,
        cluster=information,
        description="材料 → 零部件与设备 → 面板 → 模组 → 终端",
    )
    for name, stage, order, count, direction, product, investment in NODES:
        node = ChainNode.objects.create(
            template=template,
            name=name,
            stage=stage,
            order=order,
            weak_below=1 if stage == "core" else 2,  # one panel maker is the chain's core
        )
        if stage == "core":
            ChainPlacement.objects.create(enterprise=anchor, node=node, product="AMOLED 显示面板")
        for _ in range(count):
            partner = next(partners)
            ChainPlacement.objects.create(enterprise=partner, node=node, product=product)
            ChainLink.objects.create(
                anchor=anchor,
                direction=direction,
                partner=partner,
                node=node,
                product=product,
                investment=investment * YI,
            )
    nodes = {n.name: n for n in template.nodes.all()}
    for name, node in OUTSIDE_CUSTOMERS:
        ChainLink.objects.create(
            anchor=anchor, direction="customer", partner_name=name, node=nodes[node]
        )

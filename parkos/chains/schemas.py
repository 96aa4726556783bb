from decimal import Decimal

from ninja import Field, Schema


class ChainTemplateOut(Schema):
    id: int
    name: str
    park_id: int | None
    cluster_id: int | None
    description: str


class ChainNodeOut(Schema):
    id: int
    template_id: int
    name: str
    stage: str
    order: int
    weak_below: int


class ChainPlacementOut(Schema):
    id: int
    enterprise_id: int
    enterprise_name: str = Field(alias="enterprise.name")
    node_id: int
    product: str


class ChainLinkOut(Schema):
    id: int
    anchor_id: int
    direction: str
    partner_id: int | None
    partner_name: str
    node_id: int | None
    product: str
    investment: Decimal | None

"""Reads over the chains: an anchor's chain map and the weak links of a chain template."""

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.models import Enterprise

from .choices import Direction
from .models import ChainLink, ChainNode, ChainPlacement


@dataclass
class ChainMap:
    anchor: Enterprise
    links: list = field(default_factory=list)
    investment: Decimal | None = None  # the chain projects' planned investment, summed
    local: int = 0  # local partners, once each
    outside: int = 0

    @property
    def suppliers(self):
        return [link for link in self.links if link.direction == Direction.SUPPLIER]

    @property
    def customers(self):
        return [link for link in self.links if link.direction == Direction.CUSTOMER]

    def graph(self) -> dict:
        """The ECharts graph: the anchor in the middle, suppliers on the left, customers on the
        right, local partners apart from outside firms; an edge runs from supplier to customer."""
        nodes = [{"name": self.anchor.name, "category": 0, "symbolSize": 60, "x": 0, "y": 0}]
        edges, seen = [], {self.anchor.name}
        for side, rows in ((-1, self.suppliers), (1, self.customers)):
            for i, link in enumerate(rows):
                name = link.partner_label
                if name not in seen:
                    seen.add(name)
                    nodes.append(
                        {
                            "name": name,
                            "category": 1 if link.partner_id else 2,
                            "symbolSize": 30 if link.partner_id else 22,
                            "x": side * 300,
                            "y": (i - len(rows) / 2) * 40,
                            "value": link.node.name if link.node_id else "",
                        }
                    )
                pair = (name, self.anchor.name) if side < 0 else (self.anchor.name, name)
                edges.append({"source": pair[0], "target": pair[1], "value": link.product})
        categories = [_("Anchor enterprise"), _("Local partner"), _("Outside partner")]
        return {"nodes": nodes, "links": edges, "categories": [str(c) for c in categories]}


def chain_map(user, anchor) -> ChainMap:
    links = list(
        ChainLink.objects.visible_to(user)
        .filter(anchor=anchor)
        .select_related("partner", "node")
        .order_by("direction", "node__order", "id")
    )
    found = ChainMap(anchor, links)
    found.investment = sum((link.investment or 0 for link in links), Decimal(0)) if links else None
    found.local = len({link.partner_id for link in links if link.partner_id})
    found.outside = len({link.partner_name for link in links if not link.partner_id})
    return found


def is_anchor(user, enterprise) -> bool:
    return ChainLink.objects.visible_to(user).filter(anchor=enterprise).exists()


@dataclass
class NodeCount:
    node: ChainNode
    local: int  # operating enterprises the viewer sees placed on the node
    drill: str  # the placements behind the count
    lead: str = ""  # the pipeline's new-project form, prefilled for this node

    @property
    def weak(self) -> bool:
        return self.local < self.node.weak_below


def node_counts(user, template) -> list[NodeCount]:
    """Every node of the template with the local enterprises placed on it (operating ones the
    viewer sees); a node with fewer than its `weak_below` is a weak link: a target for
    investment attraction, with the pipeline's new-project form prefilled."""
    placed = ChainPlacement.objects.visible_to(user).filter(
        enterprise__status=EnterpriseStatus.OPERATING
    )
    nodes = (
        ChainNode.objects.filter(template=template)
        .annotate(local=Count("placements", filter=Q(placements__in=placed)))
        .order_by("order", "id")
    )
    found = []
    for node in nodes:
        count = NodeCount(
            node,
            node.local,
            reverse("chains:chainplacement-list")
            + "?"
            + urlencode({"node": node.pk, "status": EnterpriseStatus.OPERATING}),
        )
        if count.weak and user.has_perm("investment.add_project"):
            count.lead = lead_url(template, node)
        found.append(count)
    return found


def lead_url(template, node) -> str:
    """The pipeline's new-project form with the weak link's chain, node and cluster filled in
    (the investment app has no action that makes a lead from a chain)."""
    params = {
        "name": f"补链招商：{template.name} · {node.name}",
        "notes": f"{template.name}薄弱环节：{node.name}",
    }
    if template.cluster_id:
        params["cluster"] = template.cluster_id
    if template.park_id:
        params["park"] = template.park_id
    return reverse("investment:project-create") + "?" + urlencode(params)

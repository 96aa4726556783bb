"""The declared entities' suites (core/testing/mixins.py): every persona over the chains' lists,
pages, exports and API. Templates and their nodes are the district's catalogue (everyone with
the permission reads them, a park's staff write their park's); placements and links hang off
enterprises and are scoped like them."""

import itertools

from parkos.chains.entities import links, nodes, placements, templates
from parkos.chains.models import ChainLink, ChainNode, ChainPlacement, ChainTemplate
from parkos.testing.mixins import EntityTests

_n = itertools.count(1)

EVERY_PARK = {"a", "b"}
CATALOGUE_SEES = {
    "district_admin": EVERY_PARK,
    "park_admin": EVERY_PARK,
    "investment": EVERY_PARK,
    "steward": EVERY_PARK,
    "leader_park": EVERY_PARK,
    "leader_district": EVERY_PARK,
    "enterprise": set(),
    "system_admin": set(),
    "security_admin": set(),
    "audit_admin": set(),
}
CATALOGUE_WRITES = {
    **{role: set() for role in CATALOGUE_SEES},
    "district_admin": EVERY_PARK,
    "park_admin": {"a"},
    "investment": {"a"},
    "steward": {"a"},
    "leader_park": {"a"},
}


def template(park):
    return ChainTemplate.objects.create(name=f"产业链{next(_n)}", park=park)


def node(park):
    return ChainNode.objects.create(
        template=template(park), name=f"环节{next(_n)}", stage="upstream", order=1
    )


class TestChainTemplates(EntityTests):
    entity = templates
    sees = CATALOGUE_SEES
    writes = CATALOGUE_WRITES
    import_keys = ("b", "a")

    def owners(self, world):
        return {"a": world.park_a, "b": world.park_b}

    def make(self, world, park):
        return template(park)

    def form_data(self, world, park):
        return {"name": f"新链{next(_n)}", "park": park.pk, "cluster": "", "description": ""}


class TestChainNodes(TestChainTemplates):
    entity = nodes

    def make(self, world, park):
        return node(park)

    def export_marker(self, row):
        return row.name

    def form_data(self, world, park):
        return {
            "template": template(park).pk,
            "name": f"环节{next(_n)}",
            "stage": "downstream",
            "order": 2,
            "weak_below": 2,
        }


class TestChainPlacements(EntityTests):
    entity = placements

    def make(self, world, firm):
        return ChainPlacement.objects.create(enterprise=firm, node=node(firm.park))

    def export_marker(self, row):
        return row.enterprise.name

    def form_data(self, world, firm):
        return {"enterprise": firm.uscc, "node": node(firm.park).pk, "product": "玻璃基板"}


class TestChainLinks(EntityTests):
    entity = links

    def make(self, world, firm):
        return ChainLink.objects.create(
            anchor=firm, direction="customer", partner_name=f"区外客户{next(_n)}"
        )

    def export_marker(self, row):
        return row.anchor.name

    def form_data(self, world, firm):
        return {
            "anchor": firm.uscc,
            "direction": "customer",
            "partner": "",
            "partner_name": f"区外客户{next(_n)}",
            "node": "",
            "product": "",
            "investment": "",
        }

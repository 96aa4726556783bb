"""Chain templates, nodes, placements and links, scoped like the pages."""

from parkos.core.api import Router

from .entities import links, nodes, placements, templates

router = Router(tags=["chains"])
for entity in (templates, nodes, placements, links):
    entity.add_api_routes(router)

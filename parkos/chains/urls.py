from parkos.core.routes import route

from . import views
from .entities import links, nodes, placements, templates

app_name = "chains"
urlpatterns = [
    *templates.urls(),
    *nodes.urls(),
    *placements.urls(),
    *links.urls(),
    route(
        "anchors/<int:pk>/",
        views.anchor_map,
        "anchor",
        perms=("chains.view_chainlink",),
        rows="enterprises.enterprise",
    ),
]

"""The chains' declared entities: list with filter and .xlsx, detail, forms, history, API."""

from parkos.core.entities import Entity, Menu

from . import views
from .filters import (
    ChainLinkFilterSet,
    ChainNodeFilterSet,
    ChainPlacementFilterSet,
    ChainTemplateFilterSet,
)
from .forms import ChainLinkForm, ChainNodeForm, ChainPlacementForm, ChainTemplateForm
from .models import ChainLink, ChainNode, ChainPlacement, ChainTemplate
from .schemas import ChainLinkOut, ChainNodeOut, ChainPlacementOut, ChainTemplateOut
from .tables import ChainLinkTable, ChainNodeTable, ChainPlacementTable, ChainTemplateTable

templates = Entity(
    model=ChainTemplate,
    path="templates",
    filterset=ChainTemplateFilterSet,
    table=ChainTemplateTable,
    form=ChainTemplateForm,
    out_schema=ChainTemplateOut,
    select_related=("park", "cluster"),
    menu=Menu("investment", 70),
    detail_template="chains/template_detail.html",
    detail_context=views.template_detail_context,
    api_path="chains/templates",
)
nodes = Entity(
    model=ChainNode,
    path="nodes",
    filterset=ChainNodeFilterSet,
    table=ChainNodeTable,
    form=ChainNodeForm,
    out_schema=ChainNodeOut,
    select_related=("template",),
    menu=Menu("investment", 72, manage=True),
    api_path="chains/nodes",
)
placements = Entity(
    model=ChainPlacement,
    path="placements",
    filterset=ChainPlacementFilterSet,
    table=ChainPlacementTable,
    form=ChainPlacementForm,
    out_schema=ChainPlacementOut,
    select_related=("enterprise", "node__template"),
    menu=Menu("investment", 74),
    api_path="chains/placements",
)
links = Entity(
    model=ChainLink,
    path="links",
    filterset=ChainLinkFilterSet,
    table=ChainLinkTable,
    form=ChainLinkForm,
    out_schema=ChainLinkOut,
    select_related=("anchor", "partner", "node"),
    menu=Menu("investment", 76),
    api_path="chains/links",
)

"""The register's declared entities: each gets its pages, API routes, menu entry and role-matrix
rows from this declaration (see core/entities.py)."""

from parkos.core.entities import Entity, Menu

from .filters import (
    ClusterFilterSet,
    ClusterSchemeFilterSet,
    ContactFilterSet,
    HonourAwardFilterSet,
    TagFilterSet,
)
from .forms import ClusterForm, ClusterSchemeForm, ContactForm, HonourAwardForm, TagForm
from .models import Cluster, ClusterScheme, Contact, HonourAward, Tag
from .schemas import ClusterOut, ClusterSchemeOut, ContactOut, HonourAwardOut, TagOut
from .tables import ClusterSchemeTable, ClusterTable, ContactTable, HonourAwardTable, TagTable

contacts = Entity(
    model=Contact,
    path="contacts",
    filterset=ContactFilterSet,
    table=ContactTable,
    form=ContactForm,
    out_schema=ContactOut,
    select_related=("enterprise",),
    menu=Menu("register", 20),
    import_slug="contacts",
)

honour_awards = Entity(
    model=HonourAward,
    path="honours",
    filterset=HonourAwardFilterSet,
    table=HonourAwardTable,
    form=HonourAwardForm,
    out_schema=HonourAwardOut,
    select_related=("enterprise", "honour_type"),
    menu=Menu("register", 30),
    import_slug="honour-awards",
    api_name=("honour", "honours"),
)

cluster_schemes = Entity(
    model=ClusterScheme,
    path="cluster-schemes",
    filterset=ClusterSchemeFilterSet,
    table=ClusterSchemeTable,
    form=ClusterSchemeForm,
    out_schema=ClusterSchemeOut,
    select_related=("park",),
    menu=Menu("admin", 30, manage=True),
)

clusters = Entity(
    model=Cluster,
    path="clusters",
    filterset=ClusterFilterSet,
    table=ClusterTable,
    form=ClusterForm,
    out_schema=ClusterOut,
    select_related=("scheme__park",),
    menu=Menu("admin", 40, manage=True),
)

tags = Entity(
    model=Tag,
    path="tags",
    filterset=TagFilterSet,
    table=TagTable,
    form=TagForm,
    out_schema=TagOut,
    select_related=("park",),
    menu=Menu("admin", 50, manage=True),
)

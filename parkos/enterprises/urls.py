from parkos.core.routes import route

from . import views
from .entities import cluster_schemes, clusters, contacts, honour_awards, tags

app_name = "enterprises"
VIEW, ROWS = ("enterprises.view_enterprise",), "enterprises.enterprise"
urlpatterns = [
    route("", views.EnterpriseListView.as_view(), "list", perms=VIEW),
    route("new/", views.enterprise_create, "create", perms=("enterprises.add_enterprise",)),
    route("<int:pk>/", views.enterprise_detail, "detail", perms=VIEW, rows=ROWS),
    route(
        "<int:pk>/edit/",
        views.enterprise_edit,
        "edit",
        perms=("enterprises.change_enterprise",),
        rows=ROWS,
    ),
    *contacts.urls(),
    *honour_awards.urls(),
    *cluster_schemes.urls(),
    *clusters.urls(),
    *tags.urls(),
]

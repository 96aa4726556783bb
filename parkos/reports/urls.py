from parkos.core.routes import route

from . import views

app_name = "reports"
urlpatterns = [
    route("", views.home, "overview"),
    route("dashboard/", views.cockpit, "dashboard", perms=("enterprises.view_dashboard",)),
    route(
        "dashboard/yearly-report/",
        views.yearly,
        "yearly-report",
        perms=("enterprises.view_dashboard",),
    ),
    route(
        "clusters/",
        views.clusters,
        "clusters",
        perms=("enterprises.view_dashboard", "enterprises.view_indicatoryear"),
    ),
]

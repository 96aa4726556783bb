from parkos.core.routes import route

from . import views
from .choices import ACKNOWLEDGE, PUBLISH_ANALYSIS
from .entities import early_warnings, monthly_analyses, warning_rules

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
    *warning_rules.urls(),
    *early_warnings.urls(),
    *monthly_analyses.urls(),
    route(
        "analyses/<int:pk>/publish/",
        views.publish_analysis,
        "monthlyanalysis-publish",
        perms=("reports.view_monthlyanalysis", PUBLISH_ANALYSIS),
        rows="reports.monthlyanalysis",
        method="POST",
    ),
    route(
        "warnings/<int:pk>/acknowledge/",
        views.acknowledge,
        "earlywarning-acknowledge",
        perms=("reports.view_earlywarning", ACKNOWLEDGE),
        rows="reports.earlywarning",
        method="POST",
    ),
]

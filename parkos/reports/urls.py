from parkos.core.routes import route

from . import views
from .choices import ACKNOWLEDGE
from .entities import early_warnings, warning_rules

app_name = "reports"
urlpatterns = [
    route("", views.home, "overview"),
    route("dashboard/", views.cockpit, "dashboard", perms=("enterprises.view_dashboard",)),
    *warning_rules.urls(),
    *early_warnings.urls(),
    route(
        "warnings/<int:pk>/acknowledge/",
        views.acknowledge,
        "earlywarning-acknowledge",
        perms=("reports.view_earlywarning", ACKNOWLEDGE),
        rows="reports.earlywarning",
        method="POST",
    ),
]

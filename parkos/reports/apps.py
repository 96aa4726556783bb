from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "parkos.reports"
    verbose_name = _("Reports")

    def ready(self):
        from parkos.core.navigation import MenuItem, register

        register(
            MenuItem("overview", _("Overview"), "reports:overview", (), 10),
            MenuItem(
                "overview",
                _("Cockpit dashboard"),
                "reports:dashboard",
                ("enterprises.view_dashboard",),
                20,
            ),
            MenuItem(
                "overview",
                _("Industry clusters"),
                "reports:clusters",
                ("enterprises.view_dashboard", "enterprises.view_indicatoryear"),
                30,
            ),
        )

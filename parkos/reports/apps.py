from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "parkos.reports"
    verbose_name = _("Reports")

    def ready(self):
        from parkos.core.navigation import MenuItem, register
        from parkos.enterprises import portrait
        from parkos.enterprises.signals import months_imported

        from .tasks import on_months_imported
        from .views import portrait_warnings

        months_imported.connect(on_months_imported, dispatch_uid="reports.warnings")

        portrait.register(portrait.Section("reports/_portrait_warnings.html", portrait_warnings, 5))

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

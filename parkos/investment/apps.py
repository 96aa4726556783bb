from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentConfig(AppConfig):
    name = "parkos.investment"
    verbose_name = _("Investment attraction")

    def ready(self):
        from parkos.enterprises import portrait
        from parkos.portal.signals import enquiry_received

        from . import imports  # noqa: F401 — plug projects into the import engine
        from .actions import lead_from_enquiry
        from .queries import portrait_projects

        enquiry_received.connect(lead_from_enquiry, dispatch_uid="investment-lead-from-enquiry")
        portrait.register(
            portrait.Section("investment/_portrait_projects.html", portrait_projects, 10)
        )
        from parkos.core.navigation import MenuItem, register

        projects = ("investment.view_project",)
        register(
            MenuItem("investment", _("Pipeline"), "investment:board", projects, 10),
            MenuItem("investment", _("Investment projects"), "investment:projects", projects, 20),
            MenuItem(
                "investment",
                _("Annual targets"),
                "investment:targets",
                ("investment.view_annualtarget",),
                30,
            ),
            MenuItem("investment", _("Figures"), "investment:figures", projects, 40),
            MenuItem("investment", _("Reminders"), "investment:reminders", projects, 50),
            MenuItem(
                "investment",
                _("Promises at capacity"),
                "investment:promises",
                (*projects, "enterprises.view_indicatoryear"),
                60,
            ),
        )

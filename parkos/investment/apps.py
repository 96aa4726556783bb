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

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "parkos.portal"
    verbose_name = _("Online park")

    def ready(self):
        from parkos.core.navigation import MenuItem, register

        register(
            MenuItem("investment", _("Enquiries"), "portal:enquiries", ("portal.view_enquiry",), 70)
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceConfig(AppConfig):
    name = "parkos.service"
    verbose_name = _("Enterprise service")

    def ready(self):
        from parkos.core.navigation import MenuItem, register
        from parkos.enterprises import portrait

        from . import (
            checks,  # noqa: F401 — registers the holiday-notice check
            imports,  # noqa: F401 — plug visits and requests into the import engine
        )
        from .choices import DIRECTORY, MY_WORK
        from .queries import portrait_visits

        portrait.register(portrait.Section("service/_portrait_visits.html", portrait_visits, 30))

        register(
            MenuItem("service", _("My work"), "service:my-work", MY_WORK, 5),
            MenuItem("service", _("Zone directory"), "service:directory", DIRECTORY, 30),
            MenuItem("service", _("Request figures"), "service:figures", MY_WORK, 50),
        )

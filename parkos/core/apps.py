from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "parkos.core"
    verbose_name = _("Core")

    def ready(self):
        from . import lookups  # noqa: F401 — registers field__literal_in
        from .tables import memoise_tables2_signatures

        memoise_tables2_signatures()
        from .navigation import MenuItem, register

        register(
            MenuItem("data", _("Imports"), "core:imports", ("core.view_importbatch",), 10),
            MenuItem("data", _("API"), "api:openapi-view", (), 20),
            MenuItem("admin", _("Audit trail"), "core:audit", ("core.view_auditevent",), 90),
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "parkos.enterprises"
    verbose_name = _("Enterprises")

    def ready(self):
        # Plug this app's importable entities into the one import engine.
        from parkos.core.navigation import MenuItem, register

        from . import imports  # noqa: F401

        register(
            MenuItem(
                "register",
                _("Enterprises"),
                "enterprises:list",
                ("enterprises.view_enterprise",),
                10,
            )
        )

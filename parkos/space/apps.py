from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpaceConfig(AppConfig):
    name = "parkos.space"
    verbose_name = _("Space")

    def ready(self):
        from parkos.core.navigation import MenuItem, register

        from . import imports  # noqa: F401 — plug buildings and units into the import engine

        register(
            MenuItem("space", _("Buildings"), "space:buildings", ("space.view_building",), 10),
            MenuItem(
                "space", _("Match space to a demand"), "space:match", ("space.view_unit",), 30
            ),
        )

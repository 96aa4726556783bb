from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpaceConfig(AppConfig):
    name = "parkos.space"
    verbose_name = _("Space")

    def ready(self):
        from . import imports  # noqa: F401 — plug buildings and units into the import engine

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "parkos.core"
    verbose_name = _("Core")

    def ready(self):
        from .tables import memoise_tables2_signatures

        memoise_tables2_signatures()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChainsConfig(AppConfig):
    name = "parkos.chains"
    verbose_name = _("Industry chains")

    def ready(self):
        from parkos.enterprises import portrait

        from .views import portrait_chain

        portrait.register(portrait.Section("chains/_portrait_chain.html", portrait_chain, 15))

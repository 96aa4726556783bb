from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "parkos.evaluation"
    verbose_name = _("Per-mu benefit evaluation")

    def ready(self):
        from parkos.enterprises import portrait

        from .services import portrait_results

        portrait.register(
            portrait.Section("evaluation/_portrait_results.html", portrait_results, 20)
        )

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
        from parkos.core.navigation import MenuItem, register

        register(
            MenuItem(
                "evaluation", _("Evaluation runs"), "evaluation:runs", ("evaluation.view_run",), 10
            ),
            MenuItem(
                "evaluation", _("Dashboard"), "evaluation:dashboard", ("evaluation.view_run",), 20
            ),
            MenuItem(
                "evaluation", _("Schemes"), "evaluation:schemes", ("evaluation.view_scheme",), 30
            ),
            MenuItem(
                "evaluation",
                _("Admission bar"),
                "evaluation:admission",
                ("evaluation.view_admissionbar",),
                50,
            ),
        )

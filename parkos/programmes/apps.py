from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "parkos.programmes"
    verbose_name = _("Events and programmes")

    def ready(self):
        from parkos.core.navigation import MenuItem, register

        from . import policy_imports  # noqa: F401 — plug policy projects into the import engine

        register(
            MenuItem(
                "programmes",
                _("Upcoming events"),
                "programmes:upcoming",
                ("programmes.view_event", "programmes.add_registration"),
                5,
            ),
            MenuItem(
                "programmes",
                _("Event figures"),
                "programmes:figures",
                ("programmes.view_event", "programmes.view_figures"),
                30,
            ),
            MenuItem(
                "policy",
                _("My policy calls"),
                "programmes:policy-mine",
                ("programmes.view_policycall", "programmes.add_policyproject"),
                35,
            ),
            MenuItem(
                "policy",
                _("Policy project figures"),
                "programmes:policy-figures",
                ("programmes.view_policyproject", "programmes.view_policy_figures"),
                55,
            ),
            MenuItem(
                "policy",
                _("Honour figures"),
                "programmes:honour-figures",
                ("programmes.view_honourapplication", "programmes.view_policy_figures"),
                65,
            ),
            MenuItem(
                "financing",
                _("Financing by round"),
                "programmes:financing-figures",
                ("programmes.view_financingdemand", "programmes.view_loanround"),
                50,
            ),
        )
        from . import imports  # noqa: F401 — plug financing demands and events into the imports

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "parkos.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from parkos.core.navigation import MenuItem, register

        from . import middleware, signals  # noqa: F401  (connect their receivers)

        register(
            MenuItem(
                "admin", _("Locked accounts"), "accounts:lockouts", ("accounts.unlock_user",), 80
            )
        )

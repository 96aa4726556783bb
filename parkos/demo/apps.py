from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo district: `seed_demo` loads each domain's demo rows (their `demo.py`) in order,
    `demo_users` prints one login per role. On top of every domain, so none depends on it."""

    name = "parkos.demo"
    verbose_name = _("Demo district")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy check on demo logins)

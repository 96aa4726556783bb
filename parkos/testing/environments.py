"""The environment of a ParkOS process started apart from the tests (gunicorn, manage.py): the
caller's, less every setting of its own, plus production settings with a fresh secret."""

import os
import secrets


def production_env(**settings) -> dict:
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PARKOS_", "DATABASE_", "SECRET_KEY"))
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "parkos.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        **settings,
    }

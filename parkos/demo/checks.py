"""`manage.py check --deploy` fails while demo logins exist: their password is published in the
README and printed by `make demo`."""

from django.contrib.auth import get_user_model
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from .accounts import DEMO_USERNAMES, PASSWORD


@register(Tags.security, deploy=True)
def no_demo_logins(app_configs=None, **kwargs):
    try:
        users = list(get_user_model().objects.filter(username__in=DEMO_USERNAMES, is_active=True))
    except DatabaseError:  # no database yet: nothing to find
        return []
    published = [u.username for u in users if u.check_password(PASSWORD)]
    if not published:
        return []
    return [
        Error(
            f"Demo logins with the published password exist: {', '.join(sorted(published))}.",
            hint="Deactivate or delete them, or give them new passwords, before going live.",
            id="parkos.E001",
        )
    ]

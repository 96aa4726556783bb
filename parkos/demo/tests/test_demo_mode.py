"""Demo logins have a published password: they are made only in demo mode, and a deployment
check refuses to pass while one is active."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from parkos.demo.accounts import DEMO_USERNAMES, PASSWORD
from parkos.demo.checks import no_demo_logins


def test_demo_users_refuses_outside_demo_mode(db, settings):
    settings.PARKOS_DEMO = False
    with pytest.raises(CommandError, match="PARKOS_DEMO"):
        call_command("demo_users")
    assert not get_user_model().objects.filter(username__in=DEMO_USERNAMES).exists()


def test_the_deploy_check_fails_while_a_demo_login_has_the_published_password(db):
    user = get_user_model().objects.create_user("leader", password=PASSWORD)
    errors = no_demo_logins()
    assert [e.id for e in errors] == ["parkos.E001"] and "leader" in errors[0].msg
    user.set_password("Another-Strong-2026")
    user.save()
    assert no_demo_logins() == []

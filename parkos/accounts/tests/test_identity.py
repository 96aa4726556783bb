"""Identity and sessions (等保 level 3, 身份鉴别): the password policy on every form that sets a
password, the password change page, and the idle and absolute session limits."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from parkos.accounts.middleware import SEEN, STARTED

STRONG = "Yuanqu-2026-strong"


@pytest.mark.parametrize(
    "password,problem",
    [
        ("short-1A", "至少"),  # under 10 characters
        ("onlylowercaseletters", "至少混合"),  # one class
        ("lowercase-and-symbols", "至少混合"),  # two classes
        ("Parkadmin_a-2026", "相似"),  # like the user name
    ],
)
def test_the_policy_names_what_is_wrong(world, password, problem):
    user = world.users["park_admin"]
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert problem in " ".join(refused.value.messages)


def test_none_of_the_last_five_passwords_again(world):
    user = world.users["park_admin"]
    passwords = [f"Yuanqu-{n}-strong" for n in range(6)]
    for password in passwords:
        validate_password(password, user)
        user.set_password(password)
        user.save()
    for recent in passwords[1:]:
        with pytest.raises(ValidationError, match="最近"):
            validate_password(recent, user)
    validate_password(passwords[0], user)  # six passwords ago: allowed again


def test_every_user_changes_their_own_password_under_the_policy(world, client):
    user = world.users["enterprise"]
    client.force_login(user)
    page = client.get("/accounts/").content.decode()
    assert 'href="/accounts/password/"' in page
    weak = client.post(
        "/accounts/password/",
        {"old_password": "pw", "new_password1": "password", "new_password2": "password"},
    )
    assert weak.status_code == 200 and "至少混合" in weak.content.decode()
    done = client.post(
        "/accounts/password/",
        {"old_password": "pw", "new_password1": STRONG, "new_password2": STRONG},
        follow=True,
    )
    assert "密码已修改" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(STRONG)
    assert client.get("/accounts/").status_code == 200  # still signed in here


def _age_session(client, **seconds_ago):
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[{"started": STARTED, "seen": SEEN}[key]] = now - ago
    session.save()


def test_a_session_ends_after_the_idle_limit(world, client, settings):
    settings.PARKOS_SESSION_IDLE_MINUTES = 30
    client.force_login(world.users["park_admin"])
    assert client.get("/enterprises/").status_code == 200
    _age_session(client, started=60, seen=29 * 60)
    assert client.get("/enterprises/").status_code == 200  # 29 minutes idle: still in
    _age_session(client, started=60, seen=31 * 60)
    response = client.get("/enterprises/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "30 分钟未操作" in response.content.decode()


def test_a_session_ends_after_the_absolute_limit_however_active(world, client, settings):
    settings.PARKOS_SESSION_MAX_HOURS = 12
    client.force_login(world.users["park_admin"])
    client.get("/")
    _age_session(client, started=13 * 3600, seen=10)
    response = client.get("/enterprises/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "12 小时" in response.content.decode()


def _sign_in(client, password, url="/accounts/login/"):
    return client.post(url, {"username": "parkadmin_a", "password": password})


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(world, client):
    for _ in range(4):
        assert _sign_in(client, "wrong").status_code == 200  # the form says it is wrong
    locked = _sign_in(client, "wrong")
    assert locked.status_code == 429 and "账户暂时锁定" in locked.content.decode()
    refused = _sign_in(client, "pw")  # the right password, during the cool-off
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_admin_login_counts_towards_the_same_lock(world, client):
    for _ in range(5):
        client.post("/admin/login/", {"username": "parkadmin_a", "password": "wrong"})
    assert _sign_in(client, "pw").status_code == 429


def test_signing_in_resets_the_count(world, client):
    for _ in range(4):
        _sign_in(client, "wrong")
    assert _sign_in(client, "pw").status_code == 302
    client.logout()
    for _ in range(4):
        _sign_in(client, "wrong")
    assert _sign_in(client, "pw").status_code == 302  # four more are not five


def test_the_lock_ends_after_the_cool_off(world, client, settings):
    from axes.models import AccessAttempt
    from django.utils import timezone

    for _ in range(5):
        _sign_in(client, "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME)
    assert _sign_in(client, "pw").status_code == 302


def test_an_admin_enrols_an_authenticator_then_gives_its_code(world, client, settings):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.PARKOS_SECOND_FACTOR_ROLES = ["park_admin"]
    client.force_login(world.users["park_admin"])
    held = client.get("/enterprises/")
    assert held.status_code == 302 and held["Location"].startswith("/accounts/second-factor/")
    assert client.get("/api/v1/parks").status_code == 403
    page = client.get(held["Location"]).content.decode()
    assert 'id="enrol-qr"' in page and "<svg" in page
    device = TOTPDevice.objects.get(user=world.users["park_admin"])
    wrong = client.post("/accounts/second-factor/", {"code": "000000", "next": "/enterprises/"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.get(pk=device.pk).confirmed
    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    throttled = client.post("/accounts/second-factor/", {"code": code, "next": "/enterprises/"})
    assert throttled.status_code == 200  # right after a wrong code, even the right one waits
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=10)
    )
    done = client.post("/accounts/second-factor/", {"code": code, "next": "/enterprises/"})
    assert done.status_code == 302 and done["Location"] == "/enterprises/"
    assert client.get("/enterprises/").status_code == 200
    # Next sign-in: the code is asked again, without the enrolment.
    client.logout()
    client.force_login(world.users["park_admin"])
    again = client.get("/accounts/second-factor/").content.decode()
    assert 'id="enrol-qr"' not in again and 'id="second-factor-form"' in again


def test_roles_that_do_not_administer_are_not_asked(world, client, settings):
    settings.PARKOS_SECOND_FACTOR_ROLES = ["park_admin"]
    client.force_login(world.users["investment"])
    assert client.get("/enterprises/").status_code == 200


def test_a_second_factor_page_never_sends_anyone_elsewhere(world, client, settings):
    settings.PARKOS_SECOND_FACTOR_ROLES = ["park_admin"]
    client.force_login(world.users["park_admin"])
    page = client.get("/accounts/second-factor/?next=https://evil.example/").content.decode()
    assert '<input type="hidden" name="next" value="/">' in page


def test_the_security_administrator_unlocks_and_it_is_recorded(world, client):
    from parkos.core.models import AuditAction, AuditEvent

    for _ in range(5):
        client.post("/accounts/login/", {"username": "leader_a", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "leader_a", "password": "pw"})
    assert locked.status_code == 429
    client.force_login(world.users["park_admin"])
    assert client.get("/accounts/lockouts/").status_code == 403
    client.force_login(world.users["security_admin"])
    page = client.get("/accounts/lockouts/").content.decode()
    assert "leader_a" in page
    response = client.post("/accounts/lockouts/unlock/", {"username": "leader_a"}, follow=True)
    assert "leader_a 可以重新登录" in response.content.decode()
    assert "leader_a" not in client.get("/accounts/lockouts/").content.decode()
    event = AuditEvent.objects.get(action=AuditAction.UNLOCK)
    assert (event.username, event.object_repr) == ("secadmin", "leader_a")
    client.logout()
    assert (
        client.post("/accounts/login/", {"username": "leader_a", "password": "pw"}).status_code
        == 302
    )


def test_an_unlock_without_a_user_name_unlocks_nobody(world, client):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "leader_a", "password": "wrong"})
    client.force_login(world.users["security_admin"])
    client.post("/accounts/lockouts/unlock/", {"username": ""})
    assert "leader_a" in client.get("/accounts/lockouts/").content.decode()

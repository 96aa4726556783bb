from django.contrib.auth import get_user_model

from parkos.accounts.models import APIToken
from parkos.accounts.roles import ROLE_PERMISSIONS
from parkos.core.roles import Role


def test_every_role_has_a_permission_set():
    assert set(ROLE_PERMISSIONS) == set(Role.values)
    assert "enterprises.view_indicatoryear" not in ROLE_PERMISSIONS[Role.INVESTMENT]
    assert not any(
        p.split(".")[1].startswith(("add", "change", "delete"))
        for p in ROLE_PERMISSIONS[Role.LEADER]
    )


def test_login_page_and_login(world, client):
    body = client.get("/accounts/login/").content.decode()
    assert "登录数字高新区" in body
    response = client.post("/accounts/login/", {"username": "parkadmin_a", "password": "pw"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_tokens_are_shown_once_and_stored_hashed(world, client):
    client.force_login(world.users["park_admin"])
    response = client.post("/accounts/tokens/", {"name": "脚本"}, follow=True)
    body = response.content.decode()
    token = APIToken.objects.get(user=world.users["park_admin"])
    key = body.split("它不会再次显示：")[1].split("<")[0].strip()
    assert (
        key.startswith("pk_") and token.key_hash == APIToken.hash(key) and key not in token.key_hash
    )
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert not APIToken.objects.exists()


def test_inactive_users_see_nothing(world, client):
    user = get_user_model().objects.get(username="parkadmin_a")
    user.is_active = False
    user.save()
    from parkos.enterprises.models import Enterprise

    assert not Enterprise.objects.visible_to(user).exists()


def test_only_roles_that_connect_systems_make_tokens(world, client):
    client.force_login(world.users["steward"])
    assert "accounts:token-create" not in client.get("/accounts/").content.decode()
    assert client.post("/accounts/tokens/", {"name": "脚本"}).status_code == 403
    assert not APIToken.objects.exists()


def test_an_expired_token_is_refused(world, client):
    from datetime import timedelta

    from django.utils import timezone

    token, key = APIToken.issue(world.users["park_admin"], "ci")
    assert token.expires > timezone.now() + timedelta(days=89)
    auth = {"Authorization": f"Bearer {key}"}
    assert client.get("/api/v1/parks", headers=auth).status_code == 200
    APIToken.objects.filter(pk=token.pk).update(expires=timezone.now())
    assert client.get("/api/v1/parks", headers=auth).status_code == 401

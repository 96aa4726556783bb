"""Users managed in the product: a park's admins manage their park's users, district admins
everyone's; roles fit their place; every change is kept."""

import itertools

from parkos.accounts.entities import users
from parkos.accounts.models import User
from parkos.core.roles import Role
from parkos.testing.mixins import EntityTests
from parkos.testing.personas import ROLES

_n = itertools.count(1)
PASSWORD = "Yuanqu-2026-strong"


class TestUsers(EntityTests):
    entity = users
    sees = {**dict.fromkeys(ROLES, frozenset()), "district_admin": {"a", "b"}, "park_admin": {"a"}}
    import_keys = ("b", "a")

    def owners(self, world):
        return {"a": world.park_a, "b": world.park_b}

    def make(self, world, owner):
        return User.objects.create(username=f"staff{next(_n)}", role=Role.INVESTMENT, park=owner)

    def form_data(self, world, owner):
        return {
            "username": f"newstaff{next(_n)}",
            "last_name": "张",
            "first_name": "三",
            "email": "",
            "phone": "",
            "role": Role.INVESTMENT,
            "park": owner.pk,
            "enterprise": "",
            "is_active": "on",
            "password1": PASSWORD,
            "password2": PASSWORD,
        }


def _post(client, world, **changes):
    data = TestUsers().form_data(world, world.park_a) | changes
    return client.post("/accounts/users/new/", data)


def test_a_park_admin_gives_no_district_wide_role(world, client):
    client.force_login(world.users["park_admin"])
    page = client.get("/accounts/users/new/").content.decode()
    assert 'value="district_admin"' not in page  # not even offered
    response = _post(client, world, role=Role.DISTRICT_ADMIN, park="")
    assert response.status_code == 200 and set(response.context["form"].errors) >= {"role"}
    response = _post(client, world, role=Role.LEADER, park="")  # a district-wide leader
    assert response.status_code == 200 and "park" in response.context["form"].errors
    assert not User.objects.filter(username__startswith="newstaff").exists()


def test_the_rule_holds_for_a_park_admin_on_the_api_too(world, client):
    client.force_login(world.users["park_admin"])
    body = TestUsers().form_data(world, world.park_a) | {"role": Role.DISTRICT_ADMIN, "park": None}
    body["is_active"] = True
    response = client.post("/api/v1/users", body, content_type="application/json")
    assert response.status_code == 422
    assert not User.objects.filter(role=Role.DISTRICT_ADMIN).exclude(username="district").exists()


def test_an_enterprise_user_needs_an_enterprise_of_their_park(world, client):
    client.force_login(world.users["district_admin"])
    response = _post(client, world, role=Role.ENTERPRISE, enterprise=world.firm_b.uscc)
    assert "该企业属于其他园区" in response.content.decode()
    response = _post(client, world, role=Role.ENTERPRISE, enterprise=world.firm_a2.uscc)
    assert response.status_code == 302
    created = User.objects.get(enterprise=world.firm_a2)
    assert created.check_password(PASSWORD) and created.role == Role.ENTERPRISE


def test_nobody_changes_their_own_role_and_role_changes_are_kept(world, client):
    admin = world.users["park_admin"]
    client.force_login(admin)
    data = TestUsers().form_data(world, world.park_a) | {
        "username": admin.username,
        "role": Role.INVESTMENT,
        "password1": "",
        "password2": "",
    }
    response = client.post(f"/accounts/users/{admin.pk}/edit/", data)
    assert "不能更改自己的角色" in response.content.decode()
    staff = world.users["investment"]
    data |= {"username": staff.username, "role": Role.STEWARD}
    assert client.post(f"/accounts/users/{staff.pk}/edit/", data).status_code == 302
    history = client.get(f"/accounts/users/{staff.pk}/history/").content.decode()
    assert "<del>招商专员</del>" in history and "<strong>服务管家</strong>" in history
    staff.refresh_from_db()
    assert staff.check_password("pw")  # an empty password box keeps the password


def test_the_history_never_keeps_a_password_hash(world):
    user = world.users["investment"]
    user.set_password("another-Strong-2026")
    user.save()
    assert "password" not in {f.name for f in User.history.model._meta.fields}


def test_a_steward_who_serves_zones_is_not_moved_or_demoted_first(world, client):
    steward = world.users["steward"]  # serves zone A1
    client.force_login(world.users["district_admin"])
    data = TestUsers().form_data(world, world.park_b) | {
        "username": steward.username,
        "role": Role.STEWARD,
        "password1": "",
        "password2": "",
    }
    response = client.post(f"/accounts/users/{steward.pk}/edit/", data)
    assert "仍在服务 甲一片区" in response.content.decode()
    steward.refresh_from_db()
    assert steward.park == world.park_a


def test_nobody_deactivates_themselves(world, client):
    admin = world.users["park_admin"]
    client.force_login(admin)
    response = client.patch(
        f"/api/v1/users/{admin.pk}", {"is_active": False}, content_type="application/json"
    )
    assert response.status_code == 422 and "不能停用自己的账号" in response.json()["detail"]
    admin.refresh_from_db()
    assert admin.is_active


def test_a_sign_in_writes_no_history(world, client):
    user = world.users["investment"]
    before = user.history.count()
    assert (
        client.post("/accounts/login/", {"username": user.username, "password": "pw"}).status_code
        == 302
    )
    assert user.history.count() == before

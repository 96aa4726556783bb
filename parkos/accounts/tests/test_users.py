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
    response = _post(client, world, role=Role.DISTRICT_ADMIN, park="")
    assert response.status_code == 200
    assert "只有区管理员可以授予全区角色" in response.content.decode()
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
    assert "<del>investment</del>" in history and "<strong>steward</strong>" in history
    staff.refresh_from_db()
    assert staff.check_password("pw")  # an empty password box keeps the password


def test_the_history_never_keeps_a_password_hash(world):
    user = world.users["investment"]
    user.set_password("another-Strong-2026")
    user.save()
    assert "password" not in {f.name for f in User.history.model._meta.fields}

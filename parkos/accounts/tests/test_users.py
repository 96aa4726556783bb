"""Users managed in the product by the three administrators of 等保 2.0 (三权分立): the system
administrator opens accounts and keeps their details, the security administrator gives their
role and place; roles fit their place; every change is kept and audited."""

import itertools

from parkos.accounts.entities import users
from parkos.accounts.models import User
from parkos.core.models import AuditEvent
from parkos.core.roles import Role
from parkos.testing.mixins import EntityTests
from parkos.testing.personas import ROLES

_n = itertools.count(1)
PASSWORD = "Yuanqu-2026-strong"
MANAGERS = ("system_admin", "security_admin")


class TestUsers(EntityTests):
    entity = users
    sees = {**dict.fromkeys(ROLES, frozenset()), **dict.fromkeys(MANAGERS, frozenset({"a", "b"}))}
    import_keys = ("b", "a")
    editor = "system_admin"

    def owners(self, world):
        return {"a": world.park_a, "b": world.park_b}

    def make(self, world, owner):
        return User.objects.create(username=f"staff{next(_n)}", role=Role.INVESTMENT, park=owner)

    def form_data(self, world, owner):
        """An account as its system administrator opens it: no role, no place yet."""
        return {
            "username": f"newstaff{next(_n)}",
            "last_name": "张",
            "first_name": "三",
            "email": "",
            "phone": "",
            "is_active": "on",
            "password1": PASSWORD,
            "password2": PASSWORD,
        }


def _grant(world, user, **changes):
    """What the security administrator's form posts for `user`: role and place."""
    data = {"role": user.role, "park": user.park_id or "", "is_active": "on"}
    data["enterprise"] = user.enterprise.uscc if user.enterprise_id else ""
    return data | changes


def test_an_account_is_opened_by_one_administrator_and_given_rights_by_another(world, client):
    client.force_login(world.users["system_admin"])
    form = client.get("/accounts/users/new/").content.decode()
    assert 'name="role"' in form and "disabled" in form.split('name="role"')[1].split(">")[0]
    data = TestUsers().form_data(world, None)
    response = client.post("/accounts/users/new/", data | {"role": Role.PARK_ADMIN})
    assert "这是另一位管理员的职责" in response.content.decode()  # a forged role is refused
    assert not User.objects.filter(username=data["username"]).exists()
    response = client.post("/accounts/users/new/", data)
    assert response.status_code == 302
    opened = User.objects.get(username=data["username"])
    assert opened.role == "" and opened.park is None
    assert not opened.get_all_permissions()

    client.force_login(world.users["security_admin"])
    grant = _grant(world, opened, role=Role.STEWARD, park=world.park_a.pk)
    response = client.post(f"/accounts/users/{opened.pk}/edit/", grant | {"username": "renamed"})
    assert "这是另一位管理员的职责" in response.content.decode()
    response = client.post(f"/accounts/users/{opened.pk}/edit/", grant)
    assert response.status_code == 302
    opened.refresh_from_db()
    assert (opened.role, opened.park, opened.username) == (
        Role.STEWARD,
        world.park_a,
        data["username"],
    )
    event = AuditEvent.objects.filter(action="role_change", object_id=str(opened.pk)).first()
    assert event.username == "secadmin" and "role:  → steward" in event.detail


def test_on_the_api_each_administrator_is_refused_the_others_part(world, client):
    staff = world.users["investment"]
    client.force_login(world.users["system_admin"])
    response = client.patch(
        f"/api/v1/users/{staff.pk}", {"role": Role.PARK_ADMIN}, content_type="application/json"
    )
    assert response.status_code == 422 and "role" in response.json()["detail"]
    client.force_login(world.users["security_admin"])
    for body in ({"email": "x@example.com"}, {"password1": PASSWORD, "password2": PASSWORD}):
        response = client.patch(f"/api/v1/users/{staff.pk}", body, content_type="application/json")
        assert response.status_code == 422, body
    staff.refresh_from_db()
    assert staff.role == Role.INVESTMENT and staff.email == "" and staff.check_password("pw")


def test_the_action_itself_holds_the_duties(world):
    """Whatever calls it, the one writer of users refuses the other administrator's part."""
    import pytest
    from django.core.exceptions import ValidationError

    from parkos.accounts.actions import save_user

    staff = world.users["investment"]
    with pytest.raises(ValidationError) as refused:
        save_user(actor=world.users["system_admin"], instance=staff, values={"role": Role.LEADER})
    assert "role" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        save_user(actor=world.users["security_admin"], instance=staff, values={"username": "other"})
    assert "username" in refused.value.message_dict


def test_no_business_role_manages_accounts_or_reads_the_trail(world, client):
    for role in ("district_admin", "park_admin", "leader_district"):
        client.force_login(world.users[role])
        assert client.get("/accounts/users/").status_code == 403, role
        assert client.get("/audit/").status_code == 403, role
    client.force_login(world.users["audit_admin"])
    assert client.get("/audit/").status_code == 200
    assert client.get("/accounts/users/").status_code == 403
    assert client.get("/enterprises/").status_code == 403  # no business data


def _edit(client, world, user, **changes):
    client.force_login(world.users["security_admin"])
    return client.post(f"/accounts/users/{user.pk}/edit/", _grant(world, user, **changes))


def test_a_role_fits_its_place(world, client):
    staff = world.users["investment"]
    response = _edit(client, world, staff, role=Role.STEWARD, park="")
    assert response.status_code == 200 and "park" in response.context["form"].errors
    response = _edit(client, world, staff, role=Role.AUDIT_ADMIN, park=world.park_a.pk)
    assert response.status_code == 200 and "park" in response.context["form"].errors
    staff.refresh_from_db()
    assert (staff.role, staff.park) == (Role.INVESTMENT, world.park_a)


def test_the_rule_holds_on_the_api_too(world, client):
    client.force_login(world.users["security_admin"])
    staff = world.users["investment"]
    response = client.patch(
        f"/api/v1/users/{staff.pk}",
        {"role": Role.PARK_ADMIN, "park": None},
        content_type="application/json",
    )
    assert response.status_code == 422 and "park" in response.json()["detail"]
    staff.refresh_from_db()
    assert staff.role == Role.INVESTMENT


def test_an_enterprise_user_needs_an_enterprise_of_their_park(world, client):
    user = User.objects.create(username="newcomer", park=world.park_a)
    response = _edit(client, world, user, role=Role.ENTERPRISE, enterprise=world.firm_b.uscc)
    assert "该企业属于其他园区" in response.content.decode()
    response = _edit(client, world, user, role=Role.ENTERPRISE, enterprise=world.firm_a2.uscc)
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.role, user.enterprise) == (Role.ENTERPRISE, world.firm_a2)


def test_nobody_changes_their_own_role_and_role_changes_are_kept(world, client):
    admin = world.users["security_admin"]
    response = _edit(client, world, admin, role=Role.DISTRICT_ADMIN)
    assert "不能更改自己的角色" in response.content.decode()
    staff = world.users["investment"]
    assert _edit(client, world, staff, role=Role.STEWARD).status_code == 302
    history = client.get(f"/accounts/users/{staff.pk}/history/").content.decode()
    assert "<del>招商专员</del>" in history and "<strong>服务管家</strong>" in history
    staff.refresh_from_db()
    assert staff.check_password("pw")  # the security administrator never touches passwords


def test_the_history_never_keeps_a_password_hash(world):
    user = world.users["investment"]
    user.set_password("another-Strong-2026")
    user.save()
    assert "password" not in {f.name for f in User.history.model._meta.fields}


def test_a_steward_who_serves_zones_is_not_moved_or_demoted_first(world, client):
    steward = world.users["steward"]  # serves zone A1
    response = _edit(client, world, steward, park=world.park_b.pk)
    assert "仍在服务 甲一片区" in response.content.decode()
    steward.refresh_from_db()
    assert steward.park == world.park_a


def test_nobody_deactivates_themselves(world, client):
    admin = world.users["system_admin"]
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

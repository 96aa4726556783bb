"""The security audit trail: each kind of event recorded with user, address and outcome; rows
append-only; a changed row found by `audit_verify`; pruned only past the retention, leaving a
chain that still verifies; read and searched by the audit administrator."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from parkos.core.models import AuditAction, AuditEvent
from parkos.enterprises.models import Contact


def _events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_sign_ins_failures_lock_outs_and_sign_outs_are_recorded(world, client):
    address = {"REMOTE_ADDR": "192.0.2.7"}
    client.post("/accounts/login/", {"username": "parkadmin_a", "password": "pw"}, **address)
    client.post("/accounts/logout/", **address)
    for _ in range(5):
        client.post("/accounts/login/", {"username": "steward_a1", "password": "x"}, **address)
    (login,) = _events(AuditAction.LOGIN)
    assert (login.username, login.ip, login.outcome) == ("parkadmin_a", "192.0.2.7", "ok")
    assert _events(AuditAction.LOGOUT)[0].username == "parkadmin_a"
    failed = _events(AuditAction.LOGIN_FAILED)
    assert len(failed) == 5 and {e.outcome for e in failed} == {"failed"}
    assert _events(AuditAction.LOCKED_OUT)[0].username == "steward_a1"


def test_a_denial_and_an_export_name_the_address_asked_for(world, client):
    client.force_login(world.users["investment"])
    assert client.get("/evaluation/").status_code == 403
    client.get("/enterprises/?q=甲&export=xlsx")
    (denied,) = _events(AuditAction.DENIED)
    assert denied.username == "investment_a" and denied.detail == "GET /evaluation/"
    (export,) = _events(AuditAction.EXPORT)
    assert "export=xlsx" in export.detail and "q=" in export.detail


def test_deletes_role_changes_and_publishing_are_recorded(world, client):
    admin = world.users["park_admin"]
    client.force_login(admin)
    contact = Contact.objects.create(enterprise=world.firm_a1, name="王会计")
    client.post(f"/enterprises/contacts/{contact.pk}/delete/")
    (deleted,) = _events(AuditAction.DELETE)
    assert (deleted.username, deleted.object_repr) == ("parkadmin_a", str(contact))
    leader = world.users["leader_park"]
    client.force_login(world.users["security_admin"])
    response = client.post(
        f"/accounts/users/{leader.pk}/edit/",
        {"role": "investment", "park": world.park_a.pk, "enterprise": "", "is_active": "on"},
    )
    assert response.status_code == 302, response.context["form"].errors
    (change,) = _events(AuditAction.ROLE_CHANGE)
    assert change.username == "secadmin" and change.object_repr == "leader_a"
    assert change.detail == "role: leader → investment"
    from parkos.testing.samples import _evaluation

    _scheme, run = _evaluation(world, admin)
    (published,) = _events(AuditAction.PUBLISH)
    assert published.object_id == str(run.pk)


def test_the_trail_is_append_only(world):
    from parkos.core.audit import record

    event = record(AuditAction.EXPORT, user=world.users["park_admin"], detail="GET /x")
    event.detail = "nothing"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(detail="nothing")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_audit_verify_finds_a_row_changed_behind_the_applications_back(world, capsys):
    from parkos.core.audit import record

    for n in range(3):
        record(AuditAction.EXPORT, user=world.users["park_admin"], detail=f"GET /{n}")
    call_command("audit_verify")
    assert "3 events" in capsys.readouterr().out
    middle = AuditEvent.objects.order_by("id")[1]
    with connection.cursor() as cursor:
        table = AuditEvent._meta.db_table
        cursor.execute(f"UPDATE {table} SET username = %s WHERE id = %s", ["someone", middle.pk])
    with pytest.raises(CommandError, match=f"event {middle.pk}"):
        call_command("audit_verify")


def test_the_audit_administrator_searches_the_trail_and_nobody_else_reads_it(world, client):
    from parkos.core.audit import record

    record(AuditAction.EXPORT, user=world.users["park_admin"], detail="GET /enterprises/")
    for role in ("park_admin", "district_admin", "security_admin", "system_admin"):
        client.force_login(world.users[role])
        assert client.get("/audit/").status_code == 403, role
    client.force_login(world.users["audit_admin"])
    page = client.get("/audit/?q=parkadmin_a").content.decode()
    assert "GET /enterprises/" in page and "parkadmin_a" in page


def test_an_export_carries_who_exported_it(world, client):
    import io
    import zipfile

    client.force_login(world.users["park_admin"])
    response = client.get("/enterprises/?export=xlsx", REMOTE_ADDR="192.0.2.8")
    book = zipfile.ZipFile(io.BytesIO(response.content))
    properties = book.read("docProps/core.xml").decode()
    assert "parkadmin_a" in properties and "192.0.2.8" in properties
    sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<oddHeader>" in sheet and "parkadmin_a" in sheet


def _written_ago(monkeypatch, days, count):
    """`count` events as if recorded `days` ago (the clock set back, nothing else touched)."""
    from datetime import timedelta

    from django.utils import timezone

    from parkos.core.audit import record

    then = timezone.now() - timedelta(days=days)
    with monkeypatch.context() as patched:
        patched.setattr(timezone, "now", lambda: then)
        return [record(AuditAction.EXPORT, detail=f"GET /{n}") for n in range(count)]


def test_pruning_keeps_the_retention_and_the_chain_still_verifies(world, capsys, monkeypatch):
    old = _written_ago(monkeypatch, 200, 3)
    _written_ago(monkeypatch, 100, 2)  # younger than the retention: kept
    with pytest.raises(CommandError, match="180"):
        call_command("audit_prune", days=30)  # 等保 level 3: at least 180 days
    call_command("audit_prune")
    assert "3" in capsys.readouterr().out
    assert not AuditEvent.objects.filter(pk__in=[e.pk for e in old]).exists()
    (pruned,) = _events(AuditAction.PRUNE)
    assert "3" in pruned.detail
    call_command("audit_verify")
    assert "intact" in capsys.readouterr().out


def test_rows_removed_from_the_head_without_a_prune_are_found(world, monkeypatch):
    events = _written_ago(monkeypatch, 1, 3)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[0].pk])
    with pytest.raises(CommandError, match=f"event {events[1].pk}"):
        call_command("audit_verify")

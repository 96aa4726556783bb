"""A locked SQLite database answers 503 with Retry-After and a message (security issue, part 2:
a write or login while another write held the database answered 500 after 20 s)."""

import sqlite3
import time

import pytest
from django.contrib.sessions.models import Session
from django.db import DatabaseError, OperationalError, connection
from django.test import RequestFactory

from parkos.accounts.middleware import SEEN, SessionLimitsMiddleware
from parkos.core.middleware import BusyDatabaseMiddleware
from parkos.core.sessions import SessionStore


def test_a_locked_database_is_a_503_with_retry_after(world):
    request = RequestFactory().post("/enterprises/contacts/new/")
    request.user = world.users["park_admin"]
    middleware = BusyDatabaseMiddleware(lambda r: None)
    response = middleware.process_exception(request, OperationalError("database is locked"))
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "请稍候再试" in response.content.decode()
    assert middleware.process_exception(request, OperationalError("no such table")) is None


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite lock")
def test_sqlite_really_says_locked(tmp_path):
    """The message the middleware recognises is SQLite's own."""
    path = tmp_path / "db.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0.1, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    holder.execute("ROLLBACK")


def _stale_session(client, user):
    """A signed-in session whose next request writes its last-seen time (once a minute)."""
    client.force_login(user)
    session = client.session
    session[SEEN] = time.time() - 120
    session.save()
    return session.session_key


def _stored(session_key):
    return SessionStore(session_key).load()


def test_a_session_the_busy_database_cannot_save_keeps_the_page(world, client, monkeypatch):
    """Load test (security issue, part 7): while another write held SQLite past the 20 s wait, a
    signed-in user's page answered 400 Bad Request ("session deleted") because the last-seen
    time could not be written after the page was rendered. The page is served now, and the
    stored session is left as it was."""
    key = _stale_session(client, world.users["park_admin"])
    before = _stored(key)[SEEN]

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Session, "save", locked)
    response = client.get("/enterprises/")
    monkeypatch.undo()
    assert response.status_code == 200 and "企业" in response.content.decode()
    assert _stored(key)[SEEN] == before


def test_a_session_deleted_meanwhile_is_still_refused(world, client, monkeypatch):
    """Only a busy database is forgiven: a session gone meanwhile stays Django's 400."""
    _stale_session(client, world.users["park_admin"])

    def gone(*args, **kwargs):
        raise DatabaseError("Forced update did not affect any rows.")

    monkeypatch.setattr(Session, "save", gone)
    assert client.get("/enterprises/").status_code == 400


def test_a_busy_database_outside_a_view_is_a_503_too(world, client, monkeypatch):
    """Outside a view (here the idle limit's check in its middleware) BusyDatabaseMiddleware
    does not see the error; the 500 handler answers 503 with Retry-After instead."""
    client.force_login(world.users["park_admin"])
    client.raise_request_exception = False

    def locked(self, request):
        raise OperationalError("database is locked")

    monkeypatch.setattr(SessionLimitsMiddleware, "check", locked)
    response = client.get("/enterprises/")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "请稍候再试" in response.content.decode()
    monkeypatch.setattr(SessionLimitsMiddleware, "check", lambda self, r: 1 / 0)
    assert client.get("/enterprises/").status_code == 500  # any other error stays a 500

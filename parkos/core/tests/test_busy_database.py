"""A locked SQLite database answers 503 with Retry-After and a message (security issue, part 2:
a write or login while another write held the database answered 500 after 20 s)."""

import sqlite3

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory

from parkos.core.middleware import BusyDatabaseMiddleware


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

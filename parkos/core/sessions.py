"""Sessions in the database, as Django keeps them, but a session that cannot be saved because
SQLite's one writer is busy is left as it was instead of failing the page.

A signed-in user's request writes their session now and then (the last-seen time of the idle
limit, once a minute: accounts/middleware.py), after the page is rendered. When another write
held SQLite for longer than a connection waits (20 s), Django took the failed update for a
session deleted meanwhile and answered 400 Bad Request, throwing the rendered page away (found
by the load test, security issue part 7). Keeping the stored session is safe: signing in and
out write theirs in the view (a busy database there is a 503, core/middleware.py), and what the
rest adds — the last-seen time, a verified second factor — only makes the session end sooner
or ask again when it is lost."""

import logging

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError

from .middleware import database_busy

log = logging.getLogger(__name__)


class SessionStore(db.SessionStore):
    def save(self, must_create=False):
        try:
            super().save(must_create=must_create)
        except UpdateError as exc:
            if not database_busy(exc.__context__):
                raise  # the session was deleted meanwhile (signed out elsewhere): Django's 400
            log.warning("Session not saved: the database is busy; it keeps its stored state.")

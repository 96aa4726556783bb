"""Session limits (等保 level 3, 身份鉴别): a signed-in session ends after a while without a
request (idle) and, whatever the activity, some hours after sign-in (absolute). Both are
settings. The last-seen time is written at most once a minute, so an active user costs no
session write per request."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext as _

STARTED, SEEN = "parkos_started", "parkos_seen"
SEEN_RESOLUTION = 60  # seconds


@receiver(user_logged_in)
def start_the_clock(sender, request, user, **kwargs):
    """Signing in starts both limits."""
    if request is not None and hasattr(request, "session"):
        request.session[STARTED] = request.session[SEEN] = time.time()


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and hasattr(request, "session"):
            self.check(request)
        return self.get_response(request)

    def check(self, request):
        session, now = request.session, time.time()
        started, seen = session.get(STARTED), session.get(SEEN)
        if started is None:  # a session from before the limits existed
            session[STARTED] = session[SEEN] = now
            return
        idle = settings.PARKOS_SESSION_IDLE_MINUTES * 60
        if seen is not None and now - seen > idle:
            logout(request)
            messages.info(
                request,
                _("You were signed out after %(n)d minutes without activity.")
                % {"n": settings.PARKOS_SESSION_IDLE_MINUTES},
            )
        elif now - started > settings.PARKOS_SESSION_MAX_HOURS * 3600:
            logout(request)
            messages.info(
                request,
                _("You were signed out %(n)d hours after signing in; please sign in again.")
                % {"n": settings.PARKOS_SESSION_MAX_HOURS},
            )
        elif seen is None or now - seen > SEEN_RESOLUTION:
            session[SEEN] = now

from django.conf import settings
from django.db import OperationalError
from django.shortcuts import render
from django.utils import translation

from .audit import current_ip, current_user, record
from .http import client_ip
from .models import AuditAction


class LanguageMiddleware:
    """Simplified Chinese unless the user picked another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language; a government office's
    product should not turn English because a browser was installed in English."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override() restores the thread's language afterwards, so one request's choice never
        # leaks into whatever the thread does next.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class BusyDatabaseMiddleware:
    """SQLite lets one writer at a time: when another write holds the database for longer than
    the connection waits (20 s), answer 503 with Retry-After and a message, not a 500. Nothing
    was written: the failed request's transaction was rolled back."""

    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return busy_response(request) if database_busy(exception) else None


def database_busy(exception) -> bool:
    """Is this SQLite saying another write holds the database ("database is locked")?"""
    return isinstance(exception, OperationalError) and "locked" in str(exception)


def busy_response(request):
    response = render(request, "core/busy.html", status=503)
    response["Retry-After"] = str(BusyDatabaseMiddleware.RETRY_AFTER_SECONDS)
    return response


class BodySizeLimitMiddleware:
    """Refuse an oversized request body before anything reads it (413): an anonymous visitor
    sends at most an enquiry or a sign-in (PARKOS_ANONYMOUS_MAX_BODY_BYTES), a signed-in user at
    most the largest upload ParkOS takes (an import file). Django's own limit counts form fields
    only, not files, so a 50 MB anonymous POST used to be read to the end."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
        limit = (
            settings.PARKOS_MAX_BODY_BYTES
            if signed_in
            else settings.PARKOS_ANONYMOUS_MAX_BODY_BYTES
        )
        if length > limit:
            return render(request, "core/too_large.html", {"limit_kb": limit // 1024}, status=413)
        return self.get_response(request)


class AuditMiddleware:
    """Where each event comes from, and the two events every route can produce: a permission
    denied (any 403) and an export (any spreadsheet sent as a download, with the filters in its
    address: who exported which filtered list)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(client_ip(request))
        user_token = current_user.set(getattr(request, "user", None))
        try:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            if response.status_code == 403:
                record(AuditAction.DENIED, user=user, outcome="denied", detail=_where(request))
            elif response.status_code == 200 and ".xlsx" in response.get("Content-Disposition", ""):
                record(AuditAction.EXPORT, user=user, detail=_where(request))
            return response
        finally:
            current_ip.reset(token)
            current_user.reset(user_token)


def _where(request):
    return f"{request.method} {request.get_full_path()}"

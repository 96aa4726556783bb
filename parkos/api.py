"""The JSON API at /api/v1/: one router per app, mounted here."""

import json

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.core.signals import got_request_exception
from django.utils.log import log_response
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.parser import Parser
from ninja.renderers import JSONRenderer
from ninja.security import django_auth

from parkos.accounts.api import TokenAuth
from parkos.accounts.api import router as accounts_router
from parkos.chains.api import router as chains_router
from parkos.core.api import declared_access_first
from parkos.enterprises.api import router as enterprises_router
from parkos.evaluation.api import router as evaluation_router
from parkos.investment.api import router as investment_router
from parkos.parks.api import router as parks_router
from parkos.portal.api import router as portal_router
from parkos.programmes.api import router as programmes_router
from parkos.reports.api import router as reports_router
from parkos.service.api import router as service_router
from parkos.space.api import router as space_router


class ObjectBodies(Parser):
    """Every body ParkOS takes is a JSON object: a list or a bare value was read as an empty
    object (a PATCH of `[null, null]` answered 200 and changed nothing); it is refused as a
    malformed request (400). So is text that is not Unicode: JSON's escapes can spell half a
    surrogate pair (`"\\udc00"`), which no database can encode (500 on SQLite and PostgreSQL)."""

    def parse_body(self, request):
        # Read once per request: the value checks that run before the handler
        # (core.api.value_errors) and ninja's own reading of the body both ask for it.
        if hasattr(request, "_parkos_body"):
            return request._parkos_body
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise HttpError(422, _("The body must be a JSON object."))
        json.dumps(data, ensure_ascii=False).encode()  # UnicodeEncodeError: ninja answers 400
        request._parkos_body = data
        return data


class ReadableJSON(JSONRenderer):
    """Chinese names as characters, not escape sequences, for people reading the answers."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=ReadableJSON(),
    parser=ObjectBodies(),
    title="ParkOS API",
    version="1",
    description=(
        "Parks, zones, enterprises, indicators, honours, per-mu evaluations, space and "
        "investment projects, service requests, events, "
        "scoped to the caller's role."
    ),
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)
api.add_decorator(declared_access_first, mode="view")


def server_error(request, exc):
    """An unexpected error answers JSON like every other error, not the site's HTML page;
    it is still signalled and logged as Django logs its own 500s (the traceback, the admins'
    mail). Django's own 400s (a suspicious request) stay Django's."""
    if isinstance(exc, SuspiciousOperation | BadRequest):
        raise exc
    got_request_exception.send(sender=None, request=request)
    response = api.create_response(request, {"detail": _("Something went wrong")}, status=500)
    log_response(
        "Internal Server Error: %s", request.path, response=response, request=request, exception=exc
    )
    return response


def forbidden(request, exc):
    """An action's refusal (PermissionDenied) is the API's 403, in JSON."""
    return api.create_response(request, {"detail": _("You may not do this.")}, status=403)


api.add_exception_handler(Exception, server_error)
api.add_exception_handler(PermissionDenied, forbidden)
api.add_router("/", accounts_router)
api.add_router("/", parks_router)
api.add_router("/", enterprises_router)
api.add_router("/", evaluation_router)
api.add_router("/", space_router)
api.add_router("/", investment_router)
api.add_router("/", chains_router)
api.add_router("/", portal_router)
api.add_router("/", service_router)
api.add_router("/", programmes_router)
api.add_router("/", reports_router)

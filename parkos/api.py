"""The JSON API at /api/v1/: one router per app, mounted here."""

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.parser import Parser
from ninja.renderers import JSONRenderer
from ninja.security import django_auth

from parkos.accounts.api import TokenAuth
from parkos.accounts.api import router as accounts_router
from parkos.core.api import declared_access_first
from parkos.enterprises.api import router as enterprises_router
from parkos.evaluation.api import router as evaluation_router
from parkos.investment.api import router as investment_router
from parkos.parks.api import router as parks_router
from parkos.portal.api import router as portal_router
from parkos.space.api import router as space_router


class ObjectBodies(Parser):
    """Every body ParkOS takes is a JSON object: a list or a bare value was read as an empty
    object (a PATCH of `[null, null]` answered 200 and changed nothing); it is refused as a
    malformed request (400)."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise HttpError(422, _("The body must be a JSON object."))
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
        "investment projects, "
        "scoped to the caller's role."
    ),
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)
api.add_decorator(declared_access_first, mode="view")
api.add_router("/", accounts_router)
api.add_router("/", parks_router)
api.add_router("/", enterprises_router)
api.add_router("/", evaluation_router)
api.add_router("/", space_router)
api.add_router("/", investment_router)
api.add_router("/", portal_router)

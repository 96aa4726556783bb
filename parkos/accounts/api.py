"""The accounts part of the API: users (a declared entity) and authentication by token, beside
the session (parkos/api.py puts both on every route)."""

from ninja.security import HttpBearer

from parkos.core.api import Router

from .entities import users
from .models import APIToken

router = Router(tags=["accounts"])
users.add_api_routes(router)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer pk_…` for machines; the token acts as its user."""

    def authenticate(self, request, token):
        # The API checks a caller's declared permissions right after authentication, before
        # ninja's own pass (core.api.declared_access_first): look the token up once.
        if getattr(request, "_parkos_token", None) == token:
            return request._parkos_token_user
        request._parkos_token, request._parkos_token_user = token, APIToken.user_for(token)
        if request._parkos_token_user is not None:
            request.user = request._parkos_token_user
        return request._parkos_token_user

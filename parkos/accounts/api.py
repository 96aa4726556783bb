"""The accounts part of the API: users (a declared entity) and authentication by token, beside
the session (parkos/api.py puts both on every route)."""

from django.utils import timezone
from ninja import Router
from ninja.security import HttpBearer

from .entities import users
from .models import APIToken

router = Router(tags=["accounts"])
users.add_api_routes(router)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer pk_…` for machines; the token acts as its user."""

    def authenticate(self, request, token):
        found = (
            APIToken.objects.select_related("user").filter(key_hash=APIToken.hash(token)).first()
        )
        if found is None or not found.user.is_active:
            return None
        APIToken.objects.filter(pk=found.pk).update(last_used=timezone.now())
        request.user = found.user
        return found.user

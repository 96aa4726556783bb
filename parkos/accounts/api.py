"""API authentication by token, beside the session (parkos/api.py puts both on every route)."""

from django.utils import timezone
from ninja.security import HttpBearer

from .models import APIToken


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

"""What every API router shares: authentication, scoping, filters, errors."""

from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from parkos.accounts.models import APIToken

from .scoping import get_visible_or_404


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


AUTH = [TokenAuth(), django_auth]


def require_perm(request, perm):
    if not request.user.has_perm(perm):
        raise HttpError(403, "You may not do this.")


def visible_list(request, queryset, filterset_class=None):
    """The scoped, filtered rows of a list endpoint (the same filter class as the page)."""
    meta = queryset.model._meta
    require_perm(request, f"{meta.app_label}.view_{meta.model_name}")
    rows = queryset.visible_to(request.user)
    if filterset_class is None:
        return rows
    filterset = filterset_class(request.GET, queryset=rows, request=request)
    if not filterset.is_valid():
        raise HttpError(422, "; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items()))
    return filterset.qs


def visible_object(request, queryset, **lookup):
    return get_visible_or_404(queryset, request.user, **lookup)


def form_errors(form):
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}

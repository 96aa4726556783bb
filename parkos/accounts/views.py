from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import APIToken


def account(request):
    return render(
        request, "accounts/account.html", {"tokens": request.user.tokens.order_by("-created")}
    )


@require_POST
def token_create(request):
    name = request.POST.get("name", "").strip()[:100] or _("API token")
    _token, key = APIToken.issue(request.user, name)
    messages.success(
        request, _("Copy your new token now; it is not shown again: %(key)s") % {"key": key}
    )
    return redirect("accounts:account")


@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(APIToken, pk=pk, user=request.user)
    token.delete()  # a user's own token, fetched among their own: nothing else to check
    messages.success(request, _("Token revoked."))
    return redirect("accounts:account")

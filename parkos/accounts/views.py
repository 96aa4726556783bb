from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from parkos.core.forms import style_fields

from . import actions
from .lockouts import locked
from .models import APIToken


class LoginView(auth_views.LoginView):
    """Sign-in, then the page the user's role starts from (`PARKOS_LANDING_PAGES`: a steward's
    work list), or the overview; a `next` address still wins."""

    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        page = settings.PARKOS_LANDING_PAGES.get(self.request.user.role)
        return resolve_url(page) if page else super().get_default_redirect_url()


def account(request):
    return render(
        request,
        "accounts/account.html",
        {
            "tokens": request.user.tokens.order_by("-created"),
            "token_days": settings.PARKOS_API_TOKEN_DAYS,
        },
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


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    """Every user changes their own password (the old one first), under the password policy;
    they stay signed in here and are signed out of their other sessions."""

    template_name = "core/object_form.html"
    success_url = reverse_lazy("accounts:account")
    success_message = gettext_lazy("Your password was changed.")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        style_fields(form)
        return form

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Change password"),
            "back": reverse("accounts:account"),
        }


def lockouts(request):
    """The accounts locked now, each with the button that unlocks it."""
    return render(request, "accounts/lockouts.html", {"attempts": locked()})


@require_POST
def unlock(request):
    username = request.POST.get("username", "")
    if actions.unlock(actor=request.user, username=username):
        messages.success(request, _("%(username)s can sign in again.") % {"username": username})
    else:
        messages.info(request, _("%(username)s was not locked.") % {"username": username})
    return redirect("accounts:lockouts")

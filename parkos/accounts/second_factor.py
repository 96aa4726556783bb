"""A second factor for the roles that administer (等保 level 3: 两种或两种以上组合的鉴别技术):
after the password, a six-digit code from an authenticator app (TOTP, RFC 6238, with
django-otp). The first time, the page shows a QR code to enrol the app; afterwards it asks for
the code at every sign-in. Which roles must use it is a setting (PARKOS_SECOND_FACTOR_ROLES)."""

import segno
from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

EXEMPT = ("/accounts/second-factor/", "/accounts/logout/", "/static/", "/i18n/")


def needs_second_factor(user) -> bool:
    return (
        user.is_authenticated
        and user.role in settings.PARKOS_SECOND_FACTOR_ROLES
        and not user.is_verified()
    )


class SecondFactorMiddleware:
    """Until the code is given, a user whose role needs it reaches nothing but this page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_second_factor(request.user) and not request.path.startswith(EXEMPT):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("Give your second factor first.")}, status=403)
            return redirect(f"{reverse('accounts:second-factor')}?next={request.get_full_path()}")
        return self.get_response(request)


def second_factor(request):
    user = request.user
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="ParkOS", confirmed=False)
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "/"
    if request.method == "POST":
        code = request.POST.get("code", "").strip()
        if code.isdigit() and device.verify_token(code):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(target)
        messages.error(request, _("That code is wrong or has expired; enter the current one."))
    return render(
        request,
        "accounts/second_factor.html",
        {
            "title": _("Second factor"),
            "enrol": not device.confirmed,
            "qr": segno.make(device.config_url, error="m").svg_inline(scale=4)
            if not device.confirmed
            else None,
            "next": target,
        },
    )

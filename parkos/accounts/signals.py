"""Sign-ins, sign-outs, failed sign-ins and lock-outs go to the audit trail (core.audit)."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from parkos.core.audit import record
from parkos.core.models import AuditAction


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    record(AuditAction.LOGIN, user=user)


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(AuditAction.LOGOUT, user=user)


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    record(AuditAction.LOGIN_FAILED, username=credentials.get("username", ""), outcome="failed")


@receiver(user_locked_out)
def locked_out(sender, request, username, **kwargs):
    record(AuditAction.LOCKED_OUT, username=username or "", outcome="denied")

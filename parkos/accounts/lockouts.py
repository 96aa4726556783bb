"""Accounts that django-axes has locked after repeated wrong passwords (AXES_FAILURE_LIMIT in a
row, for AXES_COOLOFF_TIME): the security administrator's list. A lock ends by itself when the
cool-off passes, so the list is short and needs no filters or export."""

from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone


def locked():
    """The attempts that lock an account now, newest first."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")

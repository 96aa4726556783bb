"""The only writers of warning rules and of warnings' acknowledgement: atomic, `actor=`, with
the rows' history (who, before → after). Warnings themselves are written by the monthly
evaluation (`early_warnings.evaluate`), never by hand."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from parkos.core.actions import check_in_scope, save_object

from .choices import ACKNOWLEDGE
from .models import EarlyWarning, WarningRule
from .rules import check_open, check_threshold


def save_rule(*, actor, instance: WarningRule, values: dict) -> WarningRule:
    return save_object(actor=actor, instance=instance, values=values, checks=[check_threshold])


@transaction.atomic
def acknowledge(warning: EarlyWarning, *, actor, note: str = "") -> EarlyWarning:
    """The staff have seen the warning (and say what they did in the note); it leaves the
    open list."""
    if actor is not None and not actor.has_perm(ACKNOWLEDGE):
        raise PermissionDenied
    check_in_scope(actor, warning)
    warning = EarlyWarning.objects.select_for_update().get(pk=warning.pk)
    check_open(warning)
    warning.acknowledged_at = timezone.now()
    warning.acknowledged_by = actor
    warning.note = note.strip()
    warning._history_user = actor
    warning.save(update_fields=["acknowledged_at", "acknowledged_by", "note"])
    return warning

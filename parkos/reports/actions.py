"""The only writers of warning rules and of warnings' acknowledgement: atomic, `actor=`, with
the rows' history (who, before → after). Warnings themselves are written by the monthly
evaluation (`early_warnings.evaluate`), never by hand."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from parkos.core.actions import check_in_scope, save_object
from parkos.core.audit import record
from parkos.core.models import AuditAction

from . import monthly
from .choices import ACKNOWLEDGE, PUBLISH_ANALYSIS, AnalysisStatus
from .models import EarlyWarning, MonthlyAnalysis, WarningRule
from .rules import check_draft, check_no_typed_numbers, check_open, check_threshold


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


def save_analysis(*, actor, instance: MonthlyAnalysis, values: dict) -> MonthlyAnalysis:
    """Start a month's analysis (its text generated from the figures when none is given) or
    change a draft's words; the figures stay placeholders."""
    if not instance._state.adding:
        check_draft(instance)
    values = dict(values)
    if not (values.get("body") or instance.body).strip():
        values["body"] = monthly.draft(
            values.get("park", instance.park), values.get("year"), values.get("month")
        )
    return save_object(
        actor=actor, instance=instance, values=values, checks=[check_no_typed_numbers]
    )


@transaction.atomic
def publish(analysis: MonthlyAnalysis, *, actor) -> MonthlyAnalysis:
    """Publish a draft: its figures are frozen as they are now, and its text no longer changes."""
    if actor is not None and not actor.has_perm(PUBLISH_ANALYSIS):
        raise PermissionDenied
    check_in_scope(actor, analysis)
    analysis = MonthlyAnalysis.objects.select_for_update().get(pk=analysis.pk)
    check_draft(analysis)
    check_no_typed_numbers(analysis)
    analysis.figures = monthly.figures(analysis.park, analysis.year, analysis.month)
    analysis.status = AnalysisStatus.PUBLISHED
    analysis.published_at = timezone.now()
    analysis.published_by = actor
    analysis._history_user = actor
    analysis.save()
    record(AuditAction.PUBLISH, user=actor, obj=analysis)
    return analysis

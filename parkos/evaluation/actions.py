"""Writes of the evaluation's settings that staff make on pages: the admission bar and the
adjustments. Atomic, `actor=`, audited, inside the actor's scope (core/actions.py). Runs,
publishing and schemes are written by services.py (run_evaluation, publish, copy_scheme,
save_scheme), which take `actor=` the same way."""

from parkos.core.actions import save_object

from .models import Adjustment, AdmissionBar


def save_admission_bar(*, actor, instance: AdmissionBar, values: dict) -> AdmissionBar:
    return save_object(actor=actor, instance=instance, values=values)


def record_adjustment(*, actor, instance: Adjustment, values: dict) -> Adjustment:
    """A bonus, penalty, fixed grade or veto for the next run of its year; who recorded it is
    kept on it."""
    return save_object(actor=actor, instance=instance, values={**values, "created_by": actor})

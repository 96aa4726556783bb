"""The only writers of events, registrations and attendances: atomic, `actor=`, with each row's
history (who, before → after); the rules are `rules.py`'s."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parkos.core.actions import check_in_scope, delete_object, require_perm, save_object

from .models import Attendance, Event, Registration
from .rules import (
    check_attendance_date,
    check_attendee,
    check_audience,
    check_cancellable,
    check_capacity,
    check_not_registered,
    check_rating,
    check_registration_open,
    check_same_park,
)


def save_event(*, actor, instance: Event, values: dict) -> Event:
    """Create or change an event; its audience stays in its park."""
    zones, clusters, tags = values.get("zones"), values.get("clusters"), values.get("tags")
    return save_object(
        actor=actor,
        instance=instance,
        values=values,
        checks=[lambda event: check_audience(event, zones, clusters, tags)],
    )


def save_registration(*, actor, instance: Registration, values: dict) -> Registration:
    """Register an enterprise for an event: its park's, before the day is over, once, within
    the capacity (the event is locked, so two registrations at once cannot both take the last
    place)."""
    if instance._state.adding:
        instance.registered_by = actor
    with transaction.atomic():
        event = values.get("event") or instance.event
        Event.objects.select_for_update().filter(pk=event.pk).first()

        def checks(registration):
            check_same_park(registration.event, registration.enterprise)
            check_registration_open(registration.event)
            check_not_registered(registration.event, registration.enterprise, exclude=registration)
            check_capacity(registration.event, exclude=registration)

        return save_object(actor=actor, instance=instance, values=values, checks=[checks])


def register(event: Event, enterprise, *, actor) -> Registration:
    return save_registration(
        actor=actor, instance=Registration(), values={"event": event, "enterprise": enterprise}
    )


def cancel_registration(*, actor, instance: Registration) -> None:
    """Cancel before the event; a registration whose enterprise attended stays."""
    check_cancellable(instance)
    delete_object(actor=actor, instance=instance)


@transaction.atomic
def record_attendance(event: Event, enterprise, *, actor, perm="add") -> Attendance:
    """The enterprise came (its registration, or a walk-in): one row per event and enterprise,
    so ticking it twice records it once. `perm`: "add" for the staff's sheet, "checkin" for an
    enterprise user checking in their own enterprise (`check_in`)."""
    require_perm(actor, Attendance, perm)
    check_same_park(event, enterprise)
    check_attendance_date(event)
    # One writer per event at a time: two users of an enterprise scanning the code at the same
    # moment would otherwise both find no row and the second would hit the unique constraint.
    Event.objects.select_for_update().filter(pk=event.pk).first()
    existing = Attendance.objects.filter(event=event, enterprise=enterprise).first()
    if existing is not None:
        check_in_scope(actor, existing)
        return existing
    attendance = Attendance(
        event=event,
        enterprise=enterprise,
        registration=event.registrations.filter(enterprise=enterprise).first(),
        recorded_by=actor,
    )
    attendance.full_clean()
    attendance._history_user = actor
    attendance.save()
    check_in_scope(actor, attendance)
    return attendance


def check_in(event: Event, *, actor) -> tuple[Attendance, bool]:
    """An enterprise user scanned the event's code: their enterprise attends (once per event).
    Returns the attendance and whether it was new."""
    if actor.enterprise_id is None:
        raise ValidationError(_("Only an enterprise's own user checks it in."))
    before = Attendance.objects.filter(event=event, enterprise_id=actor.enterprise_id).exists()
    attendance = record_attendance(event, actor.enterprise, actor=actor, perm="checkin")
    return attendance, not before


def remove_attendance(*, actor, instance: Attendance) -> None:
    """Untick an attendance recorded by mistake (its history keeps it)."""
    delete_object(actor=actor, instance=instance)


@transaction.atomic
def give_feedback(event: Event, enterprise, *, actor, rating, comment="") -> Attendance:
    """The enterprise's rating (1–5) and comment on an event it attended."""
    require_perm(actor, Attendance, "feedback")
    attendance = (
        Attendance.objects.visible_to(actor)
        .select_for_update()
        .filter(event=event, enterprise=enterprise)
        .first()
        if actor is not None
        else Attendance.objects.filter(event=event, enterprise=enterprise).first()
    )
    check_attendee(attendance, enterprise)
    check_rating(rating)
    attendance.rating, attendance.comment = int(rating), (comment or "").strip()
    attendance.feedback_at = timezone.now()
    attendance._history_user = actor
    attendance.save()
    return attendance

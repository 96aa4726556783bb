"""The rules of events, one check each: the forms, the API and the actions call them."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def check_same_park(event, enterprise) -> None:
    """An enterprise takes part in the events of its own park."""
    if enterprise.park_id != event.park_id:
        raise ValidationError(
            {
                "enterprise": _("%(name)s is not an enterprise of %(park)s, which holds the event.")
                % {"name": enterprise, "park": event.park}
            }
        )


def check_registration_open(event) -> None:
    """Registration closes at the end of the event's day."""
    if event.on < timezone.localdate():
        raise ValidationError(
            {
                "event": _("The event took place on %(date)s: registration is closed.")
                % {"date": f"{event.on:%Y-%m-%d}"}
            }
        )


def check_not_registered(event, enterprise, exclude=None) -> None:
    """One registration per event and enterprise."""
    others = event.registrations.filter(enterprise=enterprise)
    if exclude is not None and exclude.pk:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise ValidationError(
            {
                "enterprise": _("%(name)s is already registered for this event.")
                % {"name": enterprise}
            }
        )


def check_capacity(event, exclude=None) -> None:
    """An event with a capacity takes that many enterprises, no more."""
    if event.capacity is None:
        return
    taken = event.registrations.all()
    if exclude is not None and exclude.pk:
        taken = taken.exclude(pk=exclude.pk)
    if taken.count() >= event.capacity:
        raise ValidationError(
            {
                "event": ngettext(
                    "The event is full: its capacity is %(capacity)d enterprise.",
                    "The event is full: its capacity is %(capacity)d enterprises.",
                    event.capacity,
                )
                % {"capacity": event.capacity}
            }
        )


def check_attendance_date(event) -> None:
    """Attendance is taken on the day of the event or after it, never before."""
    if timezone.localdate() < event.on:
        raise ValidationError(
            {
                "event": _("The event is on %(date)s: attendance is taken from that day.")
                % {"date": f"{event.on:%Y-%m-%d}"}
            }
        )


def check_cancellable(registration) -> None:
    """A registration is cancelled before the event; an attended one stays."""
    if hasattr(registration, "attendance"):
        raise ValidationError(
            _("%(name)s attended the event: the registration stays.")
            % {"name": registration.enterprise}
        )
    check_registration_open(registration.event)


def check_attendee(attendance, enterprise) -> None:
    """Feedback comes from an enterprise that attended."""
    if attendance is None:
        raise ValidationError(
            {
                "rating": _("%(name)s did not attend this event: only attendees give feedback.")
                % {"name": enterprise}
            }
        )


def check_rating(rating) -> None:
    if rating is None or not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": _("Rate the event from 1 to 5.")})


def check_audience(event, zones, clusters) -> None:
    """The target zones are the park's; the target clusters the park's or the district's."""
    for zone in zones or ():
        if zone.park_id != event.park_id:
            raise ValidationError(
                {
                    "zones": _("%(zone)s is not a zone of %(park)s.")
                    % {"zone": zone, "park": event.park}
                }
            )
    for cluster in clusters or ():
        if cluster.scheme.park_id not in (None, event.park_id):
            raise ValidationError(
                {"clusters": _("%(cluster)s is a cluster of another park.") % {"cluster": cluster}}
            )

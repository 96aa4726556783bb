"""QR check-in: each event's code encodes a signed URL naming the event and its day. An
enterprise user who scans it (signed in) checks their enterprise in through the attendance
action, once per event; a code that is forged, expired, for another day or for an event that
moved is refused with a message that says which."""

import datetime as dt

import segno
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

SALT = "parkos.programmes.checkin"
MAX_AGE = dt.timedelta(days=400)  # a code printed for next year's fair still reads


class CheckInRefused(Exception):
    pass


def token(event) -> str:
    return signing.dumps({"e": event.pk, "d": event.on.isoformat()}, salt=SALT)


def checkin_url(request, event) -> str:
    return request.build_absolute_uri(reverse("programmes:checkin", args=[token(event)]))


def qr_svg(url: str, scale: int = 4) -> str:
    return segno.make(url, error="m").svg_inline(scale=scale)


def read(value: str) -> tuple[int, dt.date]:
    """The event id and day a code names, or CheckInRefused with the reason."""
    try:
        data = signing.loads(value, salt=SALT, max_age=MAX_AGE)
        return int(data["e"]), dt.date.fromisoformat(data["d"])
    except signing.SignatureExpired as exc:
        raise CheckInRefused(_("This check-in code has expired.")) from exc
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise CheckInRefused(
            _("This check-in code is not valid: scan the code shown at the event.")
        ) from exc


def check_day(event, coded_day: dt.date) -> None:
    """The code is for the event as it is now, and today is its day."""
    if event.on != coded_day:
        raise CheckInRefused(
            _("The event has moved to %(date)s: this code is for its old date.")
            % {"date": f"{event.on:%Y-%m-%d}"}
        )
    today = timezone.localdate()
    if today < event.on:
        raise CheckInRefused(
            _("The event is on %(date)s: check-in opens on that day.")
            % {"date": f"{event.on:%Y-%m-%d}"}
        )
    if today > event.on:
        raise CheckInRefused(
            _("The event was on %(date)s: its check-in code has expired.")
            % {"date": f"{event.on:%Y-%m-%d}"}
        )

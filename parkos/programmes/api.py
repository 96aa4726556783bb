"""Events and registrations, scoped like the pages; attendance is recorded like the sheet's tick."""

from django.core.exceptions import ValidationError
from ninja import Status
from ninja.errors import HttpError

from parkos.core.api import Id, Router, error_text, visible_object
from parkos.core.routes import api_access
from parkos.enterprises.models import Enterprise

from . import actions, policy_api
from .entities import events, registrations
from .financing.api import add_routes as add_financing_routes
from .models import Event
from .schemas import AttendanceIn, AttendanceOut

router = Router(tags=["programmes"])
events.add_api_routes(router)
registrations.add_api_routes(router)
policy_api.add_routes(router)
add_financing_routes(router)


@router.post(
    "/programmes/events/{event_id}/attendances",
    response={201: AttendanceOut},
    openapi_extra=api_access(
        "programmes.view_event", "programmes.add_attendance", rows="programmes.event"
    ),
)
def record_attendance(request, event_id: Id, payload: AttendanceIn):
    """Record that the enterprise (by USCC) attended: its registration, or a walk-in. Once per
    event and enterprise; 422 before the event's day or for an enterprise of another park."""
    event = visible_object(request, Event.objects.select_related("park"), pk=event_id)
    enterprise = Enterprise.objects.visible_to(request.user).filter(uscc=payload.enterprise).first()
    if enterprise is None:
        raise HttpError(422, f"enterprise: {payload.enterprise}?")
    try:
        attendance = actions.record_attendance(event, enterprise, actor=request.user)
    except ValidationError as exc:
        raise HttpError(422, error_text(exc.message_dict)) from exc
    return Status(201, attendance)

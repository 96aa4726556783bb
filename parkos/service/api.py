"""Service requests with their timeline, scoped like the pages; a step is posted like the
detail page's buttons."""

from django.core.exceptions import ValidationError
from ninja import Status
from ninja.errors import HttpError

from parkos.core.api import Id, Router, error_text, visible_object
from parkos.core.routes import api_access

from . import actions
from .entities import service_requests
from .models import ServiceRequest
from .schemas import RequestEventOut, StepIn

router = Router(tags=["service"])
service_requests.add_api_routes(router)


@router.post(
    "/service/requests/{request_id}/steps",
    response={201: RequestEventOut},
    openapi_extra=api_access("service.view_servicerequest", rows="service.servicerequest"),
)
def take_step(request, request_id: Id, payload: StepIn):
    """Accept, start work, answer (the park's side, `service.change_servicerequest`); close with
    a rating or reopen with a reason (the enterprise's, `service.close_servicerequest`). 422
    names the rule that refused: a step the status does not allow, a missing answer or rating."""
    row = visible_object(request, ServiceRequest.objects, pk=request_id)
    try:
        event = actions.take_step(
            row, payload.step, actor=request.user, note=payload.note, rating=payload.rating
        )
    except ValidationError as exc:
        raise HttpError(422, error_text(exc.message_dict)) from exc
    return Status(201, event)

"""Service requests with their timeline, scoped like the pages; a step is posted like the
detail page's buttons."""

from django.core.exceptions import ValidationError
from ninja import Status
from ninja.errors import HttpError

from parkos.core.api import Id, Router, error_text, visible_object
from parkos.core.routes import api_access

from . import actions
from .entities import service_packages, service_requests, visits
from .models import RequestCategory, ServiceRequest, Visit
from .schemas import RequestEventOut, ServiceRequestOut, StepIn, VisitRequestIn

router = Router(tags=["service"])
service_requests.add_api_routes(router)
visits.add_api_routes(router)
service_packages.add_api_routes(router)


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


@router.post(
    "/service/visits/{visit_id}/request",
    response={201: ServiceRequestOut},
    openapi_extra=api_access(
        "service.view_visit", "service.add_servicerequest", rows="service.visit"
    ),
)
def visit_to_request(request, visit_id: Id, payload: VisitRequestIn):
    """Raise a request from the visit's findings (source: visit), in the category named."""
    visit = visible_object(request, Visit.objects.select_related("enterprise"), pk=visit_id)
    category = RequestCategory.objects.filter(code=payload.category, is_active=True).first()
    if category is None:
        raise HttpError(422, f"category: {payload.category}?")
    try:
        raised = actions.request_from_visit(
            visit, actor=request.user, category=category, title=payload.title
        )
    except ValidationError as exc:
        raise HttpError(422, error_text(exc.message_dict)) from exc
    return Status(201, ServiceRequest.objects.prefetch_related("events").get(pk=raised.pk))

"""Early warnings and their rules, scoped like the pages; a warning is acknowledged like the
detail page's button."""

from django.core.exceptions import ValidationError
from ninja import Schema
from ninja.errors import HttpError

from parkos.core.api import Id, Router, error_text, visible_object
from parkos.core.routes import api_access

from . import actions
from .choices import ACKNOWLEDGE
from .entities import early_warnings, monthly_analyses, warning_rules
from .models import EarlyWarning
from .schemas import EarlyWarningOut

router = Router(tags=["reports"])
early_warnings.add_api_routes(router)
warning_rules.add_api_routes(router)
monthly_analyses.add_api_routes(router)


class AcknowledgeIn(Schema):
    note: str = ""


@router.post(
    "/reports/warnings/{warning_id}/acknowledge",
    response=EarlyWarningOut,
    openapi_extra=api_access("reports.view_earlywarning", ACKNOWLEDGE, rows="reports.earlywarning"),
)
def acknowledge(request, warning_id: Id, payload: AcknowledgeIn):
    """Acknowledge a warning with a note (`reports.acknowledge_earlywarning`); 422 when it is
    acknowledged already."""
    warning = visible_object(request, EarlyWarning.objects, pk=warning_id)
    try:
        return actions.acknowledge(warning, actor=request.user, note=payload.note)
    except ValidationError as exc:
        raise HttpError(422, error_text(exc.messages)) from exc

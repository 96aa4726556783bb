"""Financing under /api/v1/programmes/financing/: the declared entities' routes, and a demand's
steps (match, grant, decline) through the same actions as its page."""

from django.core.exceptions import ValidationError
from ninja.errors import HttpError

from parkos.core.api import Id, error_text, visible_object
from parkos.core.routes import api_access

from . import actions
from .entities import financing_demands, loan_programmes, loan_rounds, partner_banks
from .models import Bank, FinancingDemand
from .schemas import DeclineIn, FinancingDemandOut, GrantIn, MatchIn

STEP = api_access(
    "programmes.view_financingdemand",
    "programmes.process_financingdemand",
    rows="programmes.financingdemand",
)


def _run(request, demand_id, act):
    demand = visible_object(
        request, FinancingDemand.objects.select_related("round__programme"), pk=demand_id
    )
    try:
        return act(demand)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        raise HttpError(422, error_text(errors)) from exc


def add_routes(router) -> None:
    for entity in (loan_programmes, partner_banks, loan_rounds, financing_demands):
        entity.add_api_routes(router)

    @router.post(
        "/programmes/financing/demands/{demand_id}/match",
        response=FinancingDemandOut,
        openapi_extra=STEP,
    )
    def match_financing_demand(request, demand_id: Id, payload: MatchIn):
        """Match the demand to a partner bank of its programme (filed or matched demands)."""
        bank = Bank.objects.filter(pk=payload.bank_id).first()
        if bank is None:
            raise HttpError(422, f"bank_id: {payload.bank_id}?")
        return _run(request, demand_id, lambda d: actions.match(d, bank, actor=request.user))

    @router.post(
        "/programmes/financing/demands/{demand_id}/grant",
        response=FinancingDemandOut,
        openapi_extra=STEP,
    )
    def grant_financing_demand(request, demand_id: Id, payload: GrantIn):
        """Record the loan the matched bank granted (amount in yuan, date)."""
        return _run(
            request,
            demand_id,
            lambda d: actions.grant(
                d, payload.granted_amount, payload.granted_on, actor=request.user
            ),
        )

    @router.post(
        "/programmes/financing/demands/{demand_id}/decline",
        response=FinancingDemandOut,
        openapi_extra=STEP,
    )
    def decline_financing_demand(request, demand_id: Id, payload: DeclineIn):
        """Record the demand as declined, with the reason."""
        return _run(
            request,
            demand_id,
            lambda d: actions.decline(d, payload.declined_reason, actor=request.user),
        )

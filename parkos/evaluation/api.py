"""Evaluation in the API: runs, results with their explanation, the admission check.
Same scoping as the pages (drafts only for evaluation staff)."""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Field, FilterSchema, Query, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from parkos.core.api import ErrorOut, Id, Pages, Router, visible_list, visible_object
from parkos.core.routes import api_access

from .entities import adjustments, schemes
from .models import AdmissionBar, Result, Run
from .services import check_admission

router = Router(tags=["evaluation"])


class RunOut(Schema):
    id: int
    year: int
    scheme: str = Field(alias="definition.name")
    scheme_version: int
    park_id: int | None
    status: str
    rated_count: int
    not_rated_count: int
    published_at: dt.datetime | None
    published_by_id: int | None


class ResultOut(Schema):
    id: int
    run_id: int
    enterprise_id: int
    enterprise_name: str = Field(alias="enterprise.name")
    rated: bool
    reason: str = Field(description="a code such as no_land or young:2 when not rated")
    land_mu: Decimal | None
    total: Decimal | None
    rank: int | None
    grade: str
    scores: dict = Field(
        description="per indicator: value, benchmark (display unit), weight, score, clipped"
    )


class ResultFilter(FilterSchema):
    grade: str | None = None
    rated: bool | None = None
    enterprise_id: Id | None = None


class AdmissionIn(Schema):
    park_id: Id
    land_mu: Decimal = Field(gt=0)
    investment: Decimal = Field(ge=0, description="yuan")
    output: Decimal = Field(ge=0, description="yuan per year at capacity")
    tax: Decimal = Field(ge=0, description="yuan per year at capacity")


class CriterionOut(Schema):
    label: str
    required_per_mu: Decimal
    actual_per_mu: Decimal | None
    passed: bool


class AdmissionOut(Schema):
    passed: bool
    criteria: list[CriterionOut]


@router.get(
    "/evaluation/runs", response=list[RunOut], openapi_extra=api_access("evaluation.view_run")
)
@paginate(Pages, page_size=50)
def list_runs(request, year: int | None = None):
    runs = visible_list(request, Run.objects.all())
    return runs.filter(year=year) if year else runs


@router.get(
    "/evaluation/runs/{run_id}/results",
    response=list[ResultOut],
    openapi_extra=api_access(
        "evaluation.view_run", "evaluation.view_result", rows="evaluation.run"
    ),
)
@paginate(Pages, page_size=100)
def list_results(request, run_id: Id, filters: Query[ResultFilter]):
    run = visible_object(request, Run.objects, pk=run_id)
    rows = visible_list(request, Result.objects.select_related("enterprise")).filter(run=run)
    return filters.filter(rows).order_by("rank", "enterprise_id")


@router.get(
    "/evaluation/results/{result_id}",
    response=ResultOut,
    openapi_extra=api_access("evaluation.view_result", rows="evaluation.result"),
)
def get_result(request, result_id: Id):
    return visible_object(request, Result.objects.select_related("enterprise"), pk=result_id)


@router.post(
    "/evaluation/admission-check",
    response={200: AdmissionOut, 404: ErrorOut},  # no bar for the park in the caller's scope
    openapi_extra=api_access("evaluation.view_admissionbar"),
)
def admission_check(request, payload: AdmissionIn):
    """Pass/fail of a proposed land project against its park's per-mu bar."""
    bar = visible_list(request, AdmissionBar.objects.all()).filter(park_id=payload.park_id).first()
    if bar is None:
        raise HttpError(404, _("No admission bar for this park in your scope."))
    criteria = check_admission(
        bar,
        investment=payload.investment,
        land_mu=payload.land_mu,
        output=payload.output,
        tax=payload.tax,
    )
    return {
        "passed": all(c.passed for c in criteria),
        "criteria": [
            {
                "label": str(c.label),
                "required_per_mu": c.required,
                "actual_per_mu": c.actual,
                "passed": c.passed,
            }
            for c in criteria
        ],
    }


adjustments.add_api_routes(router)
schemes.add_api_routes(router)

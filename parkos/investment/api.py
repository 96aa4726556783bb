"""Projects, stage moves, targets with completion and the year's figures; amounts in yuan.
Investment staff and the park's admins write, leaders read; every route goes through the scope."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from ninja import Field, Query, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from parkos.core.api import (
    Id,
    Pages,
    Router,
    error_text,
    visible_list,
    visible_object,
    write_with_form,
)
from parkos.core.routes import api_access
from parkos.core.units import WAN

from . import actions, queries, rules
from .filters import ProjectFilterSet, TargetFilterSet
from .forms import ProjectForm
from .models import AnnualTarget, Project

router = Router(tags=["investment"])
MONEY_FIELDS = ("planned_investment", "foreign_capital", "promised_output", "promised_tax")


class ProjectOut(Schema):
    id: int
    name: str
    park_id: int
    investor_name: str
    investor_country: str
    investor_group: str
    cluster_id: int | None
    industry_code: str | None = Field(None, alias="industry_id")
    channel: str
    source_event: str
    owner_id: int | None
    planned_investment: Decimal | None = Field(description="yuan")
    is_foreign: bool
    foreign_capital: Decimal | None = Field(description="yuan")
    land_need_mu: Decimal | None
    floor_need_m2: Decimal | None
    promised_output: Decimal | None = Field(description="yuan a year at capacity")
    promised_tax: Decimal | None = Field(description="yuan a year at capacity")
    stage: str
    stage_since: dt.date
    signed_on: dt.date | None
    lost_reason: str
    next_action: str
    next_action_on: dt.date | None
    enterprise_id: int | None
    building_id: int | None
    parcel_id: int | None


class ProjectIn(Schema):
    name: str
    park_id: int
    investor_name: str
    investor_country: str = "中国"
    investor_group: str = ""
    cluster_id: int | None = None
    industry_code: str | None = None
    channel: str = "other"
    source_event: str = ""
    owner_id: int | None = None
    planned_investment: Decimal | None = Field(None, description="yuan")
    is_foreign: bool = False
    foreign_capital: Decimal | None = Field(None, description="yuan")
    land_need_mu: Decimal | None = None
    floor_need_m2: Decimal | None = None
    promised_output: Decimal | None = Field(None, description="yuan")
    promised_tax: Decimal | None = Field(None, description="yuan")
    stage: str = Field("lead", description="lead, contacted, negotiating or signed")
    stage_since: dt.date | None = None
    next_action: str = ""
    next_action_on: dt.date | None = None
    notes: str = ""
    enterprise_uscc: str | None = None


class MoveIn(Schema):
    stage: str
    on: dt.date
    note: str = ""
    override_reason: str = ""


class StageChangeOut(Schema):
    from_stage: str
    to_stage: str
    on: dt.date
    by_id: int | None
    note: str
    admission: list[dict] | None
    override_reason: str


class TargetOut(Schema):
    id: int
    park_id: int
    year: int
    cluster_id: int | None
    signed_investment: Decimal = Field(description="yuan")
    signed_count: int | None
    foreign_capital: Decimal | None = Field(description="yuan")
    done_investment: Decimal = Field(description="yuan, from the signed projects")
    done_count: int
    done_foreign: Decimal = Field(description="yuan")


class GroupOut(Schema):
    key: str | int | None
    label: str
    count: int
    investment: Decimal = Field(description="yuan")


class FiguresOut(Schema):
    year: int
    months: list[GroupOut]
    clusters: list[GroupOut]
    channels: list[GroupOut]
    owners: list[GroupOut]


# The API's field names for the form's, and its amounts in yuan (the form types 万元).
FORM_NAMES = {
    "park_id": "park",
    "cluster_id": "cluster",
    "owner_id": "owner",
    "industry_code": "industry",
    "enterprise_uscc": "enterprise",
}


def _in_form_units(values: dict) -> dict:
    values = {k: v / WAN if k in MONEY_FIELDS and v is not None else v for k, v in values.items()}
    return {**values, "stage_since": values.get("stage_since") or rules.today()}


@router.get(
    "/investment/projects",
    response=list[ProjectOut],
    openapi_extra=api_access("investment.view_project"),
)
@paginate(Pages, page_size=100)
def list_projects(request):
    """Filters as on the list page: q, park, stage (repeatable), channel, cluster, owner,
    signed_year, signed_month, is_foreign, overdue."""
    return visible_list(request, Project.objects.all(), ProjectFilterSet).order_by("id")


@router.get(
    "/investment/projects/{project_id}",
    response=ProjectOut,
    openapi_extra=api_access("investment.view_project", rows="investment.project"),
)
def get_project(request, project_id: Id):
    return visible_object(request, Project.objects, pk=project_id)


@router.post(
    "/investment/projects",
    response={201: ProjectOut},
    openapi_extra=api_access("investment.add_project"),
)
def create_project(request, payload: ProjectIn):
    project = write_with_form(
        request, ProjectForm, actions.save_project, _in_form_units(payload.dict()), None, FORM_NAMES
    )
    return Status(201, project)


@router.post(
    "/investment/projects/{project_id}/stage",
    response=StageChangeOut,
    openapi_extra=api_access("investment.change_project", rows="investment.project"),
)
def move_project(request, project_id: Id, payload: MoveIn):
    """Move a project on a date; 422 with the rule that refused (admission bar, lost reason,
    date order…)."""
    project = visible_object(request, Project.objects, pk=project_id)
    try:
        return actions.move_stage(
            project, payload.stage, actor=request.user, **payload.dict(exclude={"stage"})
        )
    except ValidationError as exc:
        raise HttpError(422, error_text(exc.message_dict)) from exc
    except ValueError as exc:  # an unknown stage
        raise HttpError(422, str(exc)) from exc


@router.get(
    "/investment/projects/{project_id}/timeline",
    response=list[StageChangeOut],
    openapi_extra=api_access("investment.view_stagechange", rows="investment.project"),
)
def project_timeline(request, project_id: Id):
    project = visible_object(request, Project.objects, pk=project_id)
    return project.stage_changes.order_by("on", "id")


@router.get(
    "/investment/targets",
    response=list[TargetOut],
    openapi_extra=api_access("investment.view_annualtarget"),
)
def list_targets(request):
    """Annual targets with what was signed against them (filters: park, year)."""
    rows = visible_list(request, AnnualTarget.objects.all(), TargetFilterSet)
    return queries.with_completion(rows.order_by("-year", "park_id", "id"))


@router.get(
    "/investment/figures",
    response=FiguresOut,
    openapi_extra=api_access("investment.view_project", example={"year": 2024}),
)
def signed_figures(request, year: int = Query(..., ge=1990, le=2100)):
    """The year's signed projects and planned investment by month, cluster, channel, owner."""
    data = queries.signed_figures(Project.objects.visible_to(request.user), year)
    return {"year": year, **data}

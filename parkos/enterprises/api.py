import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, FilterSchema, Query, Schema, Status
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

from . import actions
from .entities import cluster_schemes, clusters, contacts, honour_awards, tags
from .filters import EnterpriseFilterSet
from .forms import EnterpriseForm
from .models import Enterprise, HonourType, IndicatorMonth, IndicatorYear
from .schemas import ClusterOut, HonourTypeOut

router = Router(tags=["enterprises"])


class EnterpriseOut(Schema):
    id: int
    name: str
    uscc: str
    legal_representative: str
    founded_on: dt.date | None
    registered_capital: Decimal | None = Field(description="yuan")
    address: str
    industry_code: str | None = Field(None, alias="industry_id")
    park_id: int
    park_name: str = Field(alias="park.name")
    zone_id: int | None
    zone_name: str | None
    landlord_id: int | None
    clusters: list[ClusterOut]
    is_above_scale: bool
    status: str
    own_land_mu: Decimal
    rented_floor_m2: Decimal

    @staticmethod
    def resolve_zone_name(obj):
        return obj.zone.name if obj.zone_id else None

    @staticmethod
    def resolve_clusters(obj):
        return list(obj.clusters.all())


class EnterpriseIn(Schema):
    name: str
    uscc: str
    park_id: Id
    legal_representative: str = ""
    founded_on: dt.date | None = None
    registered_capital: Decimal | None = Field(None, description="yuan")
    address: str = ""
    industry_code: str | None = None
    zone_id: Id | None = None
    landlord_uscc: str | None = None
    cluster_ids: list[Id] = []
    is_above_scale: bool = False
    status: str = "operating"
    own_land_mu: Decimal = Decimal(0)
    rented_floor_m2: Decimal = Decimal(0)


class EnterprisePatch(Schema):
    name: str | None = None
    legal_representative: str | None = None
    founded_on: dt.date | None = None
    registered_capital: Decimal | None = None
    address: str | None = None
    industry_code: str | None = None
    zone_id: Id | None = None
    landlord_uscc: str | None = None
    cluster_ids: list[Id] | None = None
    is_above_scale: bool | None = None
    status: str | None = None
    own_land_mu: Decimal | None = None
    rented_floor_m2: Decimal | None = None


# The API's field names for the form's (it names ids and codes as such).
FORM_NAMES = {
    "landlord_uscc": "landlord",
    "industry_code": "industry",
    "park_id": "park",
    "zone_id": "zone",
    "cluster_ids": "clusters",
}


def _save(request, values, instance=None):
    return write_with_form(
        request, EnterpriseForm, actions.save_enterprise, values, instance, FORM_NAMES
    )


@router.get(
    "/enterprises",
    response=list[EnterpriseOut],
    openapi_extra=api_access("enterprises.view_enterprise"),
)
@paginate(Pages, page_size=50)
def list_enterprises(request):
    """Filters as on the list page: q, park, zone, cluster, industry, is_above_scale, status,
    honour, land_min, land_max, year, tax_min, tax_max (10k yuan); ordering: `ordering`."""
    rows = visible_list(request, Enterprise.objects.all(), EnterpriseFilterSet)
    ordering = request.GET.get("ordering", "name")
    allowed = {
        "name",
        "-name",
        "uscc",
        "-uscc",
        "own_land_mu",
        "-own_land_mu",
        "y_tax_paid",
        "-y_tax_paid",
        "y_output_value",
        "-y_output_value",
        "id",
        "-id",
    }
    if ordering not in allowed:
        raise HttpError(
            422, _("ordering must be one of %(names)s") % {"names": ", ".join(sorted(allowed))}
        )
    if "y_" in ordering and not request.user.has_perm("enterprises.view_indicatoryear"):
        raise HttpError(403, _("You may not sort by confidential figures."))
    return rows.order_by(ordering, "pk")


@router.get(
    "/enterprises/{enterprise_id}",
    response=EnterpriseOut,
    openapi_extra=api_access("enterprises.view_enterprise", rows="enterprises.enterprise"),
)
def get_enterprise(request, enterprise_id: Id):
    return visible_object(
        request, Enterprise.objects.select_related("park", "zone"), pk=enterprise_id
    )


@router.post(
    "/enterprises",
    response={201: EnterpriseOut},
    openapi_extra=api_access("enterprises.add_enterprise"),
)
def create_enterprise(request, payload: EnterpriseIn):
    return Status(201, _save(request, payload.dict()))


@router.patch(
    "/enterprises/{enterprise_id}",
    response=EnterpriseOut,
    openapi_extra=api_access("enterprises.change_enterprise", rows="enterprises.enterprise"),
)
def update_enterprise(request, enterprise_id: Id, payload: EnterprisePatch):
    enterprise = visible_object(request, Enterprise.objects, pk=enterprise_id)
    return _save(request, payload.dict(exclude_unset=True), enterprise)


class IndicatorOut(Schema):
    enterprise_id: int
    year: int
    output_value: Decimal | None
    revenue: Decimal | None
    tax_paid: Decimal | None
    value_added: Decimal | None
    rd_spend: Decimal | None
    energy_tce: Decimal | None
    electricity_kwh: Decimal | None
    pollutant_emissions: Decimal | None
    employees: int | None
    fixed_asset_investment: Decimal | None


class IndicatorMonthOut(IndicatorOut):
    month: int


class IndicatorIn(Schema):
    """A whole year of figures: PUT replaces the year, so every field must be sent (null for
    unknown); an omitted field is an error, never a silent blank."""

    output_value: Decimal | None = Field(..., ge=0)
    revenue: Decimal | None = Field(..., ge=0)
    tax_paid: Decimal | None = Field(..., ge=0)
    value_added: Decimal | None
    rd_spend: Decimal | None = Field(..., ge=0)
    energy_tce: Decimal | None = Field(..., ge=0)
    electricity_kwh: Decimal | None = Field(..., ge=0)
    pollutant_emissions: Decimal | None = Field(..., ge=0)
    employees: int | None = Field(..., ge=0)
    fixed_asset_investment: Decimal | None = Field(..., ge=0)


class IndicatorFilter(FilterSchema):
    enterprise_id: Id | None = None
    year: int | None = None


class MonthFilter(IndicatorFilter):
    month: int | None = None


@router.get(
    "/indicators/years",
    response=list[IndicatorOut],
    openapi_extra=api_access("enterprises.view_indicatoryear"),
)
@paginate(Pages, page_size=100)
def list_indicator_years(request, filters: Query[IndicatorFilter]):
    return filters.filter(visible_list(request, IndicatorYear.objects.all())).order_by(
        "enterprise_id", "year"
    )


@router.get(
    "/indicators/months",
    response=list[IndicatorMonthOut],
    openapi_extra=api_access("enterprises.view_indicatormonth"),
)
@paginate(Pages, page_size=100)
def list_indicator_months(request, filters: Query[MonthFilter]):
    rows = visible_list(request, IndicatorMonth.objects.all())
    return filters.filter(rows).order_by("enterprise_id", "year", "month")


@router.put(
    "/enterprises/{enterprise_id}/indicators/years/{year}",
    response=IndicatorOut,
    openapi_extra=api_access(
        "enterprises.change_indicatoryear",
        "enterprises.add_indicatoryear",
        rows="enterprises.enterprise",
        example={"year": 2021},
    ),
)
def put_indicator_year(request, enterprise_id: Id, year: int, payload: IndicatorIn):
    enterprise = visible_object(request, Enterprise.objects, pk=enterprise_id)
    if not 1990 <= year <= 2100:
        raise HttpError(422, _("The year must be between 1990 and 2100."))
    try:
        return actions.save_indicator_year(
            actor=request.user, enterprise=enterprise, year=year, values=payload.dict()
        )
    except ValidationError as exc:
        raise HttpError(422, error_text(exc.message_dict)) from exc


@router.get(
    "/honour-types",
    response=list[HonourTypeOut],
    openapi_extra=api_access("enterprises.view_honourtype"),
)
def list_honour_types(request):
    return visible_list(request, HonourType.objects.all())


for entity in (contacts, honour_awards, cluster_schemes, clusters, tags):
    entity.add_api_routes(router)

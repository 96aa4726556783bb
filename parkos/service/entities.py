"""Enterprise service's declared entities (see core/entities.py)."""

from parkos.core.entities import Entity, Menu

from . import actions, views
from .filters import ServicePackageFilterSet, ServiceRequestFilterSet, VisitFilterSet
from .forms import ServicePackageForm, ServiceRequestForm, VisitForm
from .models import ServicePackage, ServiceRequest, Visit
from .schemas import ServicePackageOut, ServiceRequestOut, VisitOut
from .tables import ServicePackageTable, ServiceRequestTable, VisitTable

# Requests are records: never deleted. Their status moves by the detail page's steps.
service_requests = Entity(
    model=ServiceRequest,
    path="requests",
    filterset=ServiceRequestFilterSet,
    table=ServiceRequestTable,
    form=ServiceRequestForm,
    out_schema=ServiceRequestOut,
    save=actions.save_request,
    delete=None,
    detail_fields=(
        "enterprise",
        "category",
        "description",
        "source",
        "assignee",
        "department",
        "received_at",
        "deadline",
        "status",
        "escalated_at",
        "rating",
        "rating_comment",
        "raised_by",
    ),
    select_related=("enterprise", "category", "assignee", "department", "raised_by"),
    prefetch_related=("events",),
    menu=Menu("service", 10),
    import_slug="service-requests",
    api_path="service/requests",
    api_name=("service_request", "service_requests"),
    detail_template="service/servicerequest_detail.html",
    detail_context=views.request_detail_context,
)

visits = Entity(
    model=Visit,
    path="visits",
    filterset=VisitFilterSet,
    table=VisitTable,
    form=VisitForm,
    out_schema=VisitOut,
    save=actions.save_visit,
    detail_fields=("enterprise", "status", "on", "steward", "people_met", "notes", "findings"),
    select_related=("enterprise", "steward"),
    prefetch_related=("requests",),
    menu=Menu("service", 20),
    import_slug="visits",
    api_path="service/visits",
    api_name=("visit", "visits"),
    detail_template="service/visit_detail.html",
    detail_context=views.visit_detail_context,
)


service_packages = Entity(
    model=ServicePackage,
    path="packages",
    filterset=ServicePackageFilterSet,
    table=ServicePackageTable,
    form=ServicePackageForm,
    out_schema=ServicePackageOut,
    save=actions.save_package,
    detail_fields=("enterprise", "lead", "members", "contact_every", "commitments"),
    select_related=("enterprise__park", "lead"),
    prefetch_related=("members",),
    menu=Menu("service", 40),
    api_path="service/packages",
    api_name=("service_package", "service_packages"),
)

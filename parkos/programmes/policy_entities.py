"""Policy calls, policy projects, honour criteria and honour applications as declared entities
(see core/entities.py). Projects and applications change status only through the actions of
their pages (`policy_views.py`), never through a generic edit form."""

from parkos.core.entities import Entity, Menu

from . import policy_actions as actions
from . import policy_views as views
from .models import HonourApplication, HonourCriteria, PolicyCall, PolicyProject
from .policy_filters import (
    HonourApplicationFilterSet,
    HonourCriteriaFilterSet,
    PolicyCallFilterSet,
    PolicyProjectFilterSet,
)
from .policy_forms import HonourCriteriaForm, PolicyCallForm
from .policy_schemas import (
    HonourApplicationOut,
    HonourCriteriaOut,
    PolicyCallOut,
    PolicyProjectOut,
)
from .policy_tables import (
    HonourApplicationTable,
    HonourCriteriaTable,
    PolicyCallTable,
    PolicyProjectTable,
)

policy_calls = Entity(
    model=PolicyCall,
    path="policy-calls",
    filterset=PolicyCallFilterSet,
    table=PolicyCallTable,
    form=PolicyCallForm,
    out_schema=PolicyCallOut,
    save=actions.save_call,
    detail_fields=(
        "park",
        "title",
        "kind",
        "level",
        "year",
        "batch",
        "department",
        "deadline",
        "description",
    ),
    select_related=("park",),
    menu=Menu("policy", 40),
    api=("list", "get"),
    api_path="programmes/policy-calls",
    api_name=("policy_call", "policy_calls"),
    detail_template="programmes/policy_call_detail.html",
    detail_context=views.call_detail_context,
)

policy_projects = Entity(
    model=PolicyProject,
    path="policy-projects",
    filterset=PolicyProjectFilterSet,
    table=PolicyProjectTable,
    out_schema=PolicyProjectOut,
    pages=("list", "", "history"),
    api=("list", "get"),
    delete=None,
    detail_fields=(
        "call",
        "enterprise",
        "status",
        "applied_amount",
        "approved_amount",
        "disbursed_amount",
        "note",
    ),
    select_related=("call", "enterprise"),
    menu=Menu("policy", 50),
    import_slug="policy-projects",
    api_path="programmes/policy-projects",
    api_name=("policy_project", "policy_projects"),
    detail_template="programmes/policy_project_detail.html",
    detail_context=views.project_detail_context,
)

honour_criteria = Entity(
    model=HonourCriteria,
    path="honour-criteria",
    filterset=HonourCriteriaFilterSet,
    table=HonourCriteriaTable,
    form=HonourCriteriaForm,
    out_schema=HonourCriteriaOut,
    save=actions.save_honour_criteria,
    detail_fields=("honour_type", "note"),
    select_related=("honour_type",),
    menu=Menu("policy", 70, manage=True),
    api=("list", "get"),
    api_path="programmes/honour-criteria",
    api_name=("honour_criteria", "honour_criteria_list"),
    detail_template="programmes/honour_criteria_detail.html",
    detail_context=views.criteria_detail_context,
)

honour_applications = Entity(
    model=HonourApplication,
    path="honour-applications",
    filterset=HonourApplicationFilterSet,
    table=HonourApplicationTable,
    out_schema=HonourApplicationOut,
    pages=("list", "", "history"),
    api=("list", "get"),
    delete=None,
    detail_fields=("enterprise", "honour_type", "year", "status", "award", "note"),
    select_related=("enterprise", "honour_type"),
    menu=Menu("policy", 60),
    api_path="programmes/honour-applications",
    api_name=("honour_application", "honour_applications"),
    detail_template="programmes/honour_application_detail.html",
    detail_context=views.honour_detail_context,
)

"""Early warnings' declared entities (see core/entities.py)."""

from parkos.core.entities import Entity, Menu

from . import actions, views
from .filters import EarlyWarningFilterSet, WarningRuleFilterSet
from .forms import WarningRuleForm
from .models import EarlyWarning, WarningRule
from .schemas import EarlyWarningOut, WarningRuleOut
from .tables import EarlyWarningTable, WarningRuleTable

# Warnings are written by the monthly evaluation; people only read and acknowledge them.
early_warnings = Entity(
    model=EarlyWarning,
    path="warnings",
    filterset=EarlyWarningFilterSet,
    table=EarlyWarningTable,
    out_schema=EarlyWarningOut,
    pages=("list", "", "history"),
    api=("list", "get"),
    delete=None,
    detail_fields=(
        "enterprise",
        "rule",
        "year",
        "month",
        "figures",
        "created",
        "acknowledged_at",
        "acknowledged_by",
        "note",
    ),
    select_related=("enterprise__park", "enterprise__zone", "rule", "acknowledged_by"),
    menu=Menu("overview", 30),
    api_path="reports/warnings",
    api_name=("early_warning", "early_warnings"),
    detail_template="reports/earlywarning_detail.html",
    detail_context=views.warning_detail_context,
)

# A rule that has warnings stays (switch it off): its warnings name it.
warning_rules = Entity(
    model=WarningRule,
    path="warnings/rules",
    filterset=WarningRuleFilterSet,
    table=WarningRuleTable,
    form=WarningRuleForm,
    out_schema=WarningRuleOut,
    save=actions.save_rule,
    delete=None,
    select_related=("park",),
    menu=Menu("admin", 60, manage=True),
    api_path="reports/warning-rules",
    api_name=("warning_rule", "warning_rules"),
)

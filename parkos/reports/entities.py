"""Early warnings' declared entities (see core/entities.py)."""

from parkos.core.entities import Entity, Menu

from . import actions, views
from .filters import EarlyWarningFilterSet, MonthlyAnalysisFilterSet, WarningRuleFilterSet
from .forms import MonthlyAnalysisForm, WarningRuleForm
from .models import EarlyWarning, MonthlyAnalysis, WarningRule
from .schemas import EarlyWarningOut, MonthlyAnalysisOut, WarningRuleOut
from .tables import EarlyWarningTable, MonthlyAnalysisTable, WarningRuleTable

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

# An analysis is generated on creation and edited while it is a draft; publishing freezes it.
monthly_analyses = Entity(
    model=MonthlyAnalysis,
    path="analyses",
    filterset=MonthlyAnalysisFilterSet,
    table=MonthlyAnalysisTable,
    form=MonthlyAnalysisForm,
    out_schema=MonthlyAnalysisOut,
    save=actions.save_analysis,
    delete=None,
    api=("list", "get"),
    detail_fields=("park", "year", "month", "status", "published_at", "published_by"),
    select_related=("park", "published_by"),
    menu=Menu("overview", 40),
    api_path="reports/analyses",
    api_name=("monthly_analysis", "monthly_analyses"),
    detail_template="reports/monthlyanalysis_detail.html",
    detail_context=views.analysis_detail_context,
)

"""The evaluation's declared entities: adjustments (bonus, penalty, fixed grade, veto) that the
next run of their year applies, each with its reason; and schemes, read in the API (a scheme is
edited with its indicators on its own page, and each edit bumps its version)."""

from parkos.core.entities import Entity, Menu

from . import actions
from .filters import AdjustmentFilterSet, SchemeFilterSet
from .forms import AdjustmentForm
from .models import Adjustment, Scheme
from .schemas import AdjustmentOut, SchemeOut
from .tables import AdjustmentTable

adjustments = Entity(
    model=Adjustment,
    path="adjustments",
    filterset=AdjustmentFilterSet,
    table=AdjustmentTable,
    form=AdjustmentForm,
    out_schema=AdjustmentOut,
    save=actions.record_adjustment,
    select_related=("enterprise", "created_by"),
    menu=Menu("evaluation", 40),
    list_template="evaluation/adjustment_list.html",
)

schemes = Entity(
    model=Scheme,
    path="evaluation/schemes",
    filterset=SchemeFilterSet,
    out_schema=SchemeOut,
    prefetch_related=("indicators",),
    delete=None,
    pages=(),
    api=("list", "get"),
)

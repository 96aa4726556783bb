"""The evaluation's declared entities: adjustments (bonus, penalty, fixed grade, veto) that the
next run of their year applies, each with its reason."""

from parkos.core.entities import Entity, Menu

from . import actions
from .filters import AdjustmentFilterSet
from .forms import AdjustmentForm
from .models import Adjustment
from .schemas import AdjustmentOut
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

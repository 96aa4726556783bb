"""The demo's early-warning rules (预警): the district's six, at the thresholds a statistics
office would start from, evaluated over the demo's monthly figures of its last year so that the
warnings list, the dashboard's card and the portraits show what they fired on. Idempotent: the
rules are made once, and evaluating a month again writes nothing new."""

from decimal import Decimal

from parkos.enterprises.models import IndicatorMonth

from . import actions
from .choices import RuleKind
from .early_warnings import evaluate
from .models import WarningRule

YI = Decimal(100_000_000)
# kind, threshold, large project from (yuan), note
RULES = [
    (RuleKind.OUTPUT_DOWN, Decimal(20), None, "累计产值同比下降超过 20%"),
    (RuleKind.TAX_DOWN, Decimal(3), None, "税收连续 3 个月同比下降"),
    (RuleKind.ENERGY_UP, Decimal(15), None, "万元产值能耗同比上升超过 15%"),
    (RuleKind.NO_REPORT, None, None, "规上企业当月未报月度数据"),
    (RuleKind.GRADE_FELL, Decimal(2), None, "亩均评价下降两档"),
    (RuleKind.PROMISE_BEHIND, Decimal(50), YI, "亿元以上项目达产不足承诺的一半"),
]


def seed() -> int:
    """Make the district's rules (when there are none) and evaluate every month of the demo's
    last year with monthly figures; the number of warnings written."""
    if not WarningRule.objects.exists():
        for kind, threshold, min_investment, note in RULES:
            actions.save_rule(
                actor=None,
                instance=WarningRule(),
                values={
                    "kind": kind,
                    "threshold": threshold,
                    "min_investment": min_investment,
                    "note": note,
                },
            )
    last = IndicatorMonth.objects.order_by("-year", "-month").values_list("year", flat=True)
    year = last.first()
    if year is None:
        return 0
    return sum(evaluate(year, month) for month in range(1, 13))

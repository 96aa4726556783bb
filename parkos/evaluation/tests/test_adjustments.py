"""Adjustments, a declared entity: the permission-aware suite; what the next run does with
them is in test_views.py (test_adjustments_are_recorded_with_reasons_and_applied)."""

import itertools
from decimal import Decimal

from parkos.evaluation.entities import adjustments
from parkos.evaluation.models import Adjustment
from parkos.testing.mixins import EntityTests

_n = itertools.count(1)


class TestAdjustments(EntityTests):
    entity = adjustments

    def make(self, world, owner):
        return Adjustment.objects.create(
            enterprise=owner,
            year=2024,
            kind="bonus",
            points=Decimal(next(_n) % 10 + 1),
            reason=f"原因{next(_n)}",
        )

    def export_marker(self, row):
        return row.reason

    def form_data(self, world, owner):
        return {
            "enterprise": owner.uscc,
            "year": 2024,
            "kind": "penalty",
            "points": "3",
            "grade": "",
            "reason": f"环保处罚{next(_n)}",
        }

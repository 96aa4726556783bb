"""The declared suite of the early warnings, their rules and the monthly analyses: each persona
reads (and writes) only the rows of its place."""

import itertools

from parkos.reports.entities import early_warnings, monthly_analyses, warning_rules
from parkos.reports.models import EarlyWarning, MonthlyAnalysis, WarningRule
from parkos.testing.mixins import EntityTests

_n = itertools.count(1)

# Rows of a park: its admins, stewards and leaders read them; investment staff and enterprises
# do not (no permission), nor the three administrators.
PARK_STAFF_SEES = {
    "district_admin": {"a", "b"},
    "park_admin": {"a"},
    "investment": set(),
    "steward": {"a"},
    "leader_park": {"a"},
    "leader_district": {"a", "b"},
    "enterprise": set(),
    "system_admin": set(),
    "security_admin": set(),
    "audit_admin": set(),
}


class TestEarlyWarnings(EntityTests):
    entity = early_warnings
    sees = {
        "district_admin": {"a1", "a2", "b"},
        "park_admin": {"a1", "a2"},
        "investment": set(),
        "steward": {"a1"},
        "leader_park": {"a1", "a2"},
        "leader_district": {"a1", "a2", "b"},
        "enterprise": set(),
        "system_admin": set(),
        "security_admin": set(),
        "audit_admin": set(),
    }

    def make(self, world, owner):
        rule = WarningRule.objects.create(kind="no_report")
        return EarlyWarning.objects.create(
            enterprise=owner, rule=rule, year=2024, month=next(_n) % 12 + 1, figures="测试"
        )

    def export_marker(self, row):
        return row.enterprise.name


class TestWarningRules(EntityTests):
    entity = warning_rules
    sees = PARK_STAFF_SEES | {"steward": set()}
    import_keys = ("b", "a")

    def owners(self, world):
        return {"a": world.park_a, "b": world.park_b}

    def make(self, world, owner):
        return WarningRule.objects.create(kind="output_down", threshold=next(_n), park=owner)

    def export_marker(self, row):
        return str(row.threshold)

    def form_data(self, world, owner):
        return {"kind": "energy_up", "park": owner.pk, "threshold": str(next(_n)), "note": ""}


class TestMonthlyAnalyses(EntityTests):
    entity = monthly_analyses
    sees = PARK_STAFF_SEES
    import_keys = ("b", "a")

    def owners(self, world):
        return {"a": world.park_a, "b": world.park_b}

    def make(self, world, owner):
        year, month = period()
        return MonthlyAnalysis.objects.create(park=owner, year=year, month=month, body="{园区}")

    def export_marker(self, row):
        return f"{row.year}-{row.month:02d}"

    def form_data(self, world, owner):
        year, month = period()
        return {"park": owner.pk, "year": year, "month": month, "body": ""}


def period():
    """A month no other row of the test has (one analysis per park and month)."""
    number = next(_n)
    return 2000 + number // 12, number % 12 + 1

"""The demo's early warnings: the district's rules are made once, the demo's last year is
evaluated, and what fires is there for the warnings list and the portraits to show."""

from parkos.enterprises.demo import DemoSize, generate
from parkos.reports import demo
from parkos.reports.choices import RuleKind
from parkos.reports.models import EarlyWarning, WarningRule


def test_the_demo_has_the_districts_rules_and_the_warnings_they_fire(db):
    generate(DemoSize(enterprises=120, history=False), seed=2024)
    written = demo.seed()
    assert set(WarningRule.objects.values_list("kind", flat=True)) == set(RuleKind.values)
    assert written == EarlyWarning.objects.count() > 0
    # The demo's firms grow 8 % a year give or take; some pay less tax three months running.
    assert RuleKind.TAX_DOWN in set(EarlyWarning.objects.values_list("rule__kind", flat=True))
    assert demo.seed() == 0  # again: nothing new
    assert WarningRule.objects.count() == len(demo.RULES)

from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleKind(models.TextChoices):
    """What an early-warning rule watches; its threshold reads as the kind says."""

    OUTPUT_DOWN = "output_down", _("Output down year on year (percent)")
    TAX_DOWN = "tax_down", _("Tax down year on year, months running")
    ENERGY_UP = "energy_up", _("Energy per unit of output up year on year (percent)")
    NO_REPORT = "no_report", _("No monthly report")
    GRADE_FELL = "grade_fell", _("Per-mu grade fell (levels)")
    PROMISE_BEHIND = (
        "promise_behind",
        _("Large project behind its promise (percent of the promise)"),
    )


# What the threshold counts, per kind (the rule form's help and the checks read it).
PERCENT_KINDS = (RuleKind.OUTPUT_DOWN, RuleKind.ENERGY_UP, RuleKind.PROMISE_BEHIND)
COUNT_KINDS = (RuleKind.TAX_DOWN, RuleKind.GRADE_FELL)

# Acknowledging a warning (with a note) is the staff's who follow the enterprise.
ACKNOWLEDGE = "reports.acknowledge_earlywarning"


class AnalysisStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


PUBLISH_ANALYSIS = "reports.publish_monthlyanalysis"

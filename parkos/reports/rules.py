"""The early-warning rules' business checks: the form, the API and the actions call them."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import COUNT_KINDS, PERCENT_KINDS, RuleKind


def check_threshold(rule) -> None:
    """A threshold that reads as the kind says: a percent for output, energy and promises, a
    whole number of months (2–12) for tax, of grade levels (1–3) for the evaluation."""
    value = rule.threshold
    if rule.kind in PERCENT_KINDS and value is None:
        raise ValidationError({"threshold": _("Give the percent this rule fires at.")})
    if rule.kind in COUNT_KINDS:
        high = 12 if rule.kind == RuleKind.TAX_DOWN else 3
        low = 2 if rule.kind == RuleKind.TAX_DOWN else 1
        if value is None or value != int(value) or not low <= value <= high:
            raise ValidationError(
                {
                    "threshold": _("Give a whole number from %(low)d to %(high)d.")
                    % {"low": low, "high": high}
                }
            )
    if rule.kind == RuleKind.NO_REPORT and value is not None:
        raise ValidationError({"threshold": _("A missing monthly report has no threshold.")})
    if rule.kind != RuleKind.PROMISE_BEHIND and rule.min_investment is not None:
        raise ValidationError(
            {"min_investment": _("Only a rule on projects' promises reads the investment.")}
        )


def check_open(warning) -> None:
    if not warning.is_open:
        raise ValidationError(_("This warning is already acknowledged."))

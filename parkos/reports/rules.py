"""The early-warning rules' business checks: the form, the API and the actions call them."""

import re

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


# Digits, half- and full-width, outside the placeholders: a number typed by hand.
TYPED_NUMBER = re.compile(r"[0-9０-９]")


def check_no_typed_numbers(analysis) -> None:
    """Every number of a monthly analysis comes from the figures: a digit outside a placeholder
    is refused, and so is a placeholder that names no figure."""
    from .monthly import PLACEHOLDER, figures

    outside = PLACEHOLDER.sub("", analysis.body)
    typed = TYPED_NUMBER.search(outside)
    if typed:
        start = max(typed.start() - 8, 0)
        raise ValidationError(
            {
                "body": _(
                    "Numbers come from the figures: use a placeholder instead of typing “%(near)s”."
                )
                % {"near": outside[start : typed.end() + 8]}
            }
        )
    known = figures(analysis.park, analysis.year, analysis.month)
    unknown = sorted({name for name in PLACEHOLDER.findall(analysis.body) if name not in known})
    if unknown:
        raise ValidationError(
            {"body": _("No such figure: %(names)s.") % {"names": "、".join(unknown)}}
        )


def check_draft(analysis) -> None:
    if not analysis.is_draft:
        raise ValidationError(_("A published analysis is not changed."))

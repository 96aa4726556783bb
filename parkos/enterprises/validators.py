"""Validation of the national codes an enterprise carries."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError


def uscc_error(value: str) -> str | None:
    """Why `value` is not a valid USCC (GB 32100-2015), or None when it is.

    On a wrong check character the message names the expected one, so a typist can tell a
    mistyped last character from a mistyped body.
    """
    code = stdnum_uscc.compact(value or "")
    if len(code) != 18:
        return _("A USCC has 18 characters; this one has %(n)d.") % {"n": len(code)}
    try:
        stdnum_uscc.validate(code)
    except InvalidChecksum:
        expected = stdnum_uscc.calc_check_digit(code[:17])
        return _("Check character is %(got)s, expected %(expected)s.") % {
            "got": code[17],
            "expected": expected,
        }
    except StdnumError:
        return _("Not a valid USCC: only digits and the capital letters of GB 32100 are allowed.")
    return None


def validate_uscc(value):
    if message := uscc_error(value):
        raise ValidationError(message, code="uscc")


def normalise_uscc(value: str) -> str:
    return stdnum_uscc.compact(value or "")


def validate_industry_code(value):
    """FK validator: the field holds an Industry pk, so an unknown code never reaches here; the
    form and the import engine report unknown codes by name."""
    from .models import Industry

    code = getattr(value, "pk", value)
    if code and not Industry.objects.filter(pk=code).exists():
        raise ValidationError(_("Unknown GB/T 4754-2017 industry code %(code)s.") % {"code": code})

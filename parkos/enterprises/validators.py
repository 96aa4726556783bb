"""Validation of the national codes an enterprise carries."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from parkos.core.uscc import clean_uscc, normalise_uscc, uscc_error

__all__ = ["clean_uscc", "normalise_uscc", "uscc_error", "validate_industry_code", "validate_uscc"]


def validate_uscc(value):
    """The model field's validator (migrations name it here): the stored value is a code
    `clean_uscc` accepts, written as it returns it — 18 capitals, no spaces. Every path that
    takes a code from a person cleans it first, so this refuses only a value set in code."""
    code = clean_uscc(value)
    if code != value:
        raise ValidationError(
            _("Store the USCC as its 18 characters, in capitals and without spaces: %(code)s.")
            % {"code": code},
            code="uscc",
        )


def validate_industry_code(value):
    """FK validator: the field holds an Industry pk, so an unknown code never reaches here; the
    form and the import engine report unknown codes by name."""
    from .models import Industry

    code = getattr(value, "pk", value)
    if code and not Industry.objects.filter(pk=code).exists():
        raise ValidationError(_("Unknown GB/T 4754-2017 industry code %(code)s.") % {"code": code})

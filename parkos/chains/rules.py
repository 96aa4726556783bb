"""The chains' business rules: each one check that forms, the API and the actions call."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def check_link(link) -> None:
    """A link names exactly one partner (a local enterprise or an outside firm's name), never the
    anchor itself."""
    if bool(link.partner_id) == bool(link.partner_name.strip()):
        raise ValidationError(
            {"partner": _("Name either a local partner or an outside partner, not both.")}
        )
    if link.partner_id and link.partner_id == link.anchor_id:
        raise ValidationError({"partner": _("An enterprise is not its own partner.")})

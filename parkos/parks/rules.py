"""The tenancy's rules, one check each (the zone form, the API and the action call them)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from parkos.core.roles import Role


def check_steward_of_park(steward, park) -> None:
    """A zone's steward is a steward of the zone's own park."""
    if steward is not None and (steward.role != Role.STEWARD or steward.park_id != park.id):
        raise ValidationError(
            {
                "steward": _("%(name)s is not a steward of %(park)s.")
                % {"name": steward.display_name, "park": park}
            }
        )

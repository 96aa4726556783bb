"""The only writers of parks' zones: atomic, `actor=`, audited (the zone's history keeps every
change of steward, so who served a zone when stays known)."""

from parkos.core.actions import save_object

from .models import Zone
from .rules import check_steward_of_park


def save_zone(*, actor, instance: Zone, values: dict) -> Zone:
    return save_object(
        actor=actor,
        instance=instance,
        values=values,
        checks=[lambda zone: check_steward_of_park(zone.steward, zone.park)],
    )

"""Writes of the space inventory made on pages: parcels, saved demands, photo removal. Atomic,
`actor=`, audited, inside the actor's scope (core/actions.py). Buildings with their floors and
units, and photos, are written by services.py (save_building, store_photo), with `actor=` too."""

from django.db import transaction

from parkos.core.actions import delete_object, require_perm, save_object

from .models import Parcel, Photo, SavedDemand


def save_parcel(*, actor, instance: Parcel, values: dict) -> Parcel:
    """A parcel; with no boundary drawn yet, its boundary is empty (not unknown)."""
    if "polygon" in values and values["polygon"] is None:
        values = {**values, "polygon": []}
    return save_object(actor=actor, instance=instance, values=values)


def save_demand(*, actor, name: str, criteria: dict) -> SavedDemand:
    """Keep an investor's demand under a name for the actor's park, to match it again later."""
    require_perm(actor, SavedDemand, "add")
    return SavedDemand.objects.create(
        park=actor.park, name=name, criteria=criteria, created_by=actor
    )


def delete_photo(*, actor, instance: Photo) -> None:
    """Remove a building's photo; its file goes once the removal is committed."""
    require_perm(actor, Photo.building.field.related_model, "change")
    image = instance.image
    with transaction.atomic():
        delete_object(actor=actor, instance=instance)
        transaction.on_commit(lambda: image.delete(save=False))

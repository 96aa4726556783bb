"""Writes of the space inventory: buildings (with their floors and units on the page), parcels,
saved demands, photo removal. Atomic, `actor=`, audited, inside the actor's scope
(core/actions.py). A photo's upload is checked and stored by services.store_photo."""

from django.db import transaction

from parkos.core.actions import delete_object, require_perm, save_object

from .models import Building, Parcel, Photo, SavedDemand


def save_building(*, actor, instance: Building, values: dict, floors=None, units=None) -> Building:
    """A building and, from its page, its floor and unit formsets: all or nothing. The API
    writes the building alone (its units have routes of their own)."""
    with transaction.atomic():
        building = save_object(actor=actor, instance=instance, values=values)
        for formset in (floors, units):
            if formset is not None:
                formset.instance = building
                formset.save()
    return building


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

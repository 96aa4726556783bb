"""Saving space records and drawing them on a map."""

from django.conf import settings
from django.db import transaction


def save_building(*, actor, form, floors, units):
    """A building with its floors and units, all or nothing."""
    with transaction.atomic():
        building = form.save()
        for formset in (floors, units):
            formset.instance = building
            formset.save()
    return building


def map_config():
    return {"tiles": settings.PARKOS_MAP_TILE_URL, "attribution": settings.PARKOS_MAP_ATTRIBUTION}


def map_features(parcels=(), buildings=()):
    """Parcels as polygons and buildings as points, for Leaflet (no GeoJSON library needed)."""
    return {
        "parcels": [
            {"code": p.code, "status": p.status, "polygon": p.polygon, "url": p.get_absolute_url()}
            for p in parcels
            if p.polygon
        ],
        "buildings": [
            {"name": b.name, "lat": b.latitude, "lng": b.longitude, "url": b.get_absolute_url()}
            for b in buildings
            if b.latitude is not None and b.longitude is not None
        ],
    }

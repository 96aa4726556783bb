"""A park's roads from a GeoJSON file (what GIS staff export from their own map), as the base
of its maps on a closed network."""

import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from parkos.core.actions import save_object

from .models import Park


def roads_from_geojson(text: str) -> list[dict]:
    """Every LineString and MultiLineString of a FeatureCollection as a named road; GeoJSON's
    [longitude, latitude] turned into the [latitude, longitude] the maps draw."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(_("Not a GeoJSON file: %(error)s") % {"error": exc}) from exc
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise ValidationError(_("A GeoJSON FeatureCollection is expected."))
    roads = []
    for number, feature in enumerate(features, 1):
        geometry = (feature or {}).get("geometry") or {}
        name = str(((feature or {}).get("properties") or {}).get("name") or "")
        kind, coordinates = geometry.get("type"), geometry.get("coordinates")
        lines = {"LineString": [coordinates], "MultiLineString": coordinates}.get(kind)
        if lines is None:
            raise ValidationError(
                _("Feature %(n)d is a %(kind)s; only lines (roads) are read.")
                % {"n": number, "kind": kind or "?"}
            )
        for line in lines:
            try:
                roads.append({"name": name, "line": [[lat, lng] for lng, lat, *_z in line]})
            except (TypeError, ValueError):
                raise ValidationError(
                    _("Feature %(n)d has coordinates that are not points.") % {"n": number}
                ) from None
    return roads


def load_roads(*, actor, park: Park, text: str) -> Park:
    return save_object(actor=actor, instance=park, values={"roads": roads_from_geojson(text)})

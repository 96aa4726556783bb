"""Saving space records and drawing them on a map."""

import io
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_PHOTO_SIDE = 2400
MAX_PHOTO_PIXELS = 50_000_000  # a 50-megapixel camera; decoded, about 150 MB
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}


AREA_SPREAD = Decimal("0.2")  # "about 3,000 m²" reads as 2,400–3,600 m²


def demand_url(area_m2, *, zone_id=None, cluster_id=None):
    """The staff match page pre-filled with an area (give or take a fifth, a must-have), a zone
    and a cluster — for an enquiry or a project. None without an area to match."""
    if not area_m2:
        return None
    query = {
        "area_min": round(area_m2 * (1 - AREA_SPREAD)),
        "area_max": round(area_m2 * (1 + AREA_SPREAD)),
        "must": "area",  # the area range excludes; the zone and the cluster are preferences
    }
    if zone_id:
        query["zone"] = zone_id
    if cluster_id:
        query["cluster"] = cluster_id
    return f"{reverse('space:match')}?{urlencode(query)}"


def map_config():
    return {"tiles": settings.PARKOS_MAP_TILE_URL, "attribution": settings.PARKOS_MAP_ATTRIBUTION}


def map_features(parcels=(), buildings=(), parks=()):
    """Parcels as polygons, buildings as points and the parks' roads as lines, for Leaflet (no
    GeoJSON library needed). The roads are the base where no tile server is configured."""
    return {
        "roads": [road for park in parks for road in park.roads],
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


def store_photo(*, actor, building, upload, caption=""):
    """Accept only a real JPEG, PNG or WebP image under the size limit; store it re-encoded, at
    most MAX_PHOTO_SIDE pixels a side, so no EXIF, GPS or other metadata leaves the park."""
    from .models import Photo

    limit = settings.PARKOS_PHOTO_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The photo is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
        )
    raw = upload.read()
    try:
        probe = Image.open(io.BytesIO(raw))
        probe.verify()  # checks the file's structure; the image must be opened again to use it
        image = Image.open(io.BytesIO(raw))
        # A few kilobytes can declare a 40,000 × 40,000 image ("decompression bomb"): count
        # the pixels from the header, before decoding a single one (Pillow refuses the worst
        # already when opening).
        if image.width * image.height > MAX_PHOTO_PIXELS:
            raise Image.DecompressionBombError
        image.load()
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            _("The photo has too many pixels (at most %(mp)d million).")
            % {"mp": MAX_PHOTO_PIXELS // 1_000_000}
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError(_("This file is not an image we can read.")) from exc
    if image.format not in PHOTO_FORMATS:
        raise ValidationError(_("Photos must be JPEG, PNG or WebP."))
    image.thumbnail((MAX_PHOTO_SIDE, MAX_PHOTO_SIDE))
    keep_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
    clean = Image.new(image.mode if keep_alpha else "RGB", image.size)
    clean.paste(image.convert(clean.mode))  # pixels only: no info, no EXIF, no ICC
    out = io.BytesIO()
    clean.save(out, format="PNG" if keep_alpha else "JPEG", quality=85)
    name = f"{building.code}-{building.photos.count() + 1}.{'png' if keep_alpha else 'jpg'}"
    photo = Photo(building=building, caption=caption[:100], order=building.photos.count())
    photo.image.save(name, ContentFile(out.getvalue()), save=True)
    return photo

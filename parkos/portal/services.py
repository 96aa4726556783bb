"""Taking enquiries from the public: rate-limited per address, bots dropped, nothing else kept."""

import hashlib
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from .models import Enquiry
from .signals import enquiry_received

RATE_LIMIT = getattr(settings, "PARKOS_ENQUIRY_RATE", 5)  # per address per hour
WINDOW = 3600


def _key(request):
    address = request.META.get("REMOTE_ADDR", "")
    return "enquiry-rate:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def allowed(request) -> bool:
    """True while this address has sent fewer than RATE_LIMIT enquiries in the last hour."""
    key = _key(request)
    cache.add(key, 0, WINDOW)
    return cache.incr(key) <= RATE_LIMIT


def save_enquiry(form, park, building=None):
    enquiry = form.save(commit=False)
    enquiry.park, enquiry.building = park, building
    enquiry.save()
    transaction.on_commit(lambda: enquiry_received.send(sender=Enquiry, enquiry=enquiry))
    return enquiry


ENQUIRY_AREA_SPREAD = Decimal("0.2")  # "about 3,000 m²" reads as 2,400–3,600 m²


def match_url(enquiry):
    """The staff match page pre-filled from an enquiry: its area, give or take a fifth, and its
    building's zone. None when the investor gave no area."""
    if not enquiry.area_m2:
        return None
    query = {
        "area_min": round(enquiry.area_m2 * (1 - ENQUIRY_AREA_SPREAD)),
        "area_max": round(enquiry.area_m2 * (1 + ENQUIRY_AREA_SPREAD)),
    }
    if enquiry.building_id and enquiry.building.zone_id:
        query["zone"] = enquiry.building.zone_id
    return f"{reverse('space:match')}?{urlencode(query)}"

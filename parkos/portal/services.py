"""Taking enquiries from the public: rate-limited per address, bots dropped, nothing else kept."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from parkos.core.actions import save_object
from parkos.core.http import client_ip
from parkos.space.services import demand_url

from .models import Enquiry
from .signals import enquiry_received

RATE_LIMIT = getattr(settings, "PARKOS_ENQUIRY_RATE", 5)  # per address per hour
WINDOW = 3600


def _key(request):
    address = client_ip(request)
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


def match_url(enquiry):
    """The staff match page pre-filled from an enquiry: its area and its building's zone."""
    zone_id = enquiry.building.zone_id if enquiry.building_id else None
    return demand_url(enquiry.area_m2, zone_id=zone_id)


def update_enquiry(*, actor, instance, values: dict):
    """Staff follow an enquiry up (its status and note): audited, inside the actor's scope."""
    return save_object(actor=actor, instance=instance, values=values)

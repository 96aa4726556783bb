"""Events' declared entities (see core/entities.py)."""

from parkos.core.entities import Entity, Menu

from . import actions, views
from .filters import EventFilterSet, RegistrationFilterSet
from .forms import EventForm, RegistrationForm
from .models import Event, Registration
from .schemas import EventOut, RegistrationOut
from .tables import EventTable, RegistrationTable

events = Entity(
    model=Event,
    path="events",
    filterset=EventFilterSet,
    table=EventTable,
    form=EventForm,
    out_schema=EventOut,
    save=actions.save_event,
    select_related=("park",),
    prefetch_related=("zones", "clusters", "tags"),
    menu=Menu("programmes", 10),
    api_path="programmes/events",
    api_name=("event", "events"),
    detail_template="programmes/event_detail.html",
    detail_context=views.event_detail_context,
)

# A registration is made or cancelled, never edited.
registrations = Entity(
    model=Registration,
    path="registrations",
    filterset=RegistrationFilterSet,
    table=RegistrationTable,
    form=RegistrationForm,
    out_schema=RegistrationOut,
    save=actions.save_registration,
    delete=actions.cancel_registration,
    pages=("list", "create", "", "delete", "history"),
    api=("list", "create", "get", "delete"),
    detail_fields=("event", "enterprise", "registered_by", "registered_at"),
    select_related=("event", "enterprise", "registered_by"),
    menu=Menu("programmes", 20),
    api_path="programmes/registrations",
    api_name=("registration", "registrations"),
)

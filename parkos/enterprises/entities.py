"""The register's declared entities: each gets its pages, API routes, menu entry and role-matrix
rows from this declaration (see core/entities.py)."""

from parkos.core.entities import Entity, Menu

from . import actions
from .filters import ContactFilterSet, HonourAwardFilterSet
from .forms import ContactForm, HonourAwardForm
from .models import Contact, HonourAward
from .schemas import ContactOut, HonourAwardOut
from .tables import ContactTable, HonourAwardTable

contacts = Entity(
    model=Contact,
    path="contacts",
    filterset=ContactFilterSet,
    table=ContactTable,
    form=ContactForm,
    out_schema=ContactOut,
    save=actions.save_contact,
    delete=actions.delete_contact,
    select_related=("enterprise",),
    menu=Menu("register", 20),
    import_slug="contacts",
)

honour_awards = Entity(
    model=HonourAward,
    path="honours",
    filterset=HonourAwardFilterSet,
    table=HonourAwardTable,
    form=HonourAwardForm,
    out_schema=HonourAwardOut,
    save=actions.save_honour_award,
    delete=actions.delete_honour_award,
    select_related=("enterprise", "honour_type"),
    menu=Menu("register", 30),
    import_slug="honour-awards",
    api_name=("honour", "honours"),
)

"""Zones and their stewards, managed in the product by a park's admins (platform issue)."""

from parkos.core.entities import Entity, Menu

from . import actions
from .filters import ZoneFilterSet
from .forms import ZoneForm
from .models import Zone
from .schemas import ZoneOut
from .tables import ZoneTable

zones = Entity(
    model=Zone,
    path="zones",
    filterset=ZoneFilterSet,
    table=ZoneTable,
    form=ZoneForm,
    out_schema=ZoneOut,
    save=actions.save_zone,
    select_related=("park", "steward"),
    menu=Menu("admin", 10, manage=True),
)

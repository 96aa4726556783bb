from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Event


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    """Read events; they are written on the product's pages."""

    list_display = ("title", "kind", "on", "park", "capacity")
    list_filter = ("kind", "park")
    search_fields = ("title", "organiser")


from .financing import admin as financing_admin  # noqa: E402, F401 — the bank catalogue

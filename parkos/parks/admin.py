from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Park, Zone


@admin.register(Park)
class ParkAdmin(SimpleHistoryAdmin):
    list_display = ("name", "short_name", "cluster_scheme")


@admin.register(Zone)
class ZoneAdmin(SimpleHistoryAdmin):
    list_display = ("name", "park", "code", "steward")
    list_filter = ("park",)

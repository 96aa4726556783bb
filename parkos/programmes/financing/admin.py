from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Bank


@admin.register(Bank)
class BankAdmin(SimpleHistoryAdmin):
    """The bank catalogue (reference data); programmes, rounds and demands are written on the
    product's pages."""

    list_display = ("name",)
    search_fields = ("name",)

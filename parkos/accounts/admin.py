from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import APIToken, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "display_name", "role", "park", "enterprise", "is_active")
    list_filter = ("role", "park", "is_active")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("ParkOS"), {"fields": ("role", "park", "enterprise", "phone")}),
    )
    autocomplete_fields = ("enterprise",)


@admin.register(APIToken)
class APITokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created", "last_used")
    readonly_fields = ("prefix", "created", "last_used")

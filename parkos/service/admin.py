from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Department, RequestCategory, ServiceProfile, ServiceRequest


@admin.register(RequestCategory)
class RequestCategoryAdmin(SimpleHistoryAdmin):
    """The categories and their service levels: data the district's administrators keep."""

    list_display = ("name", "code", "service_days", "order", "is_active")
    list_editable = ("service_days", "order", "is_active")


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ("name", "park")
    list_filter = ("park",)
    filter_horizontal = ("members",)


@admin.register(ServiceRequest)
class ServiceRequestAdmin(SimpleHistoryAdmin):
    """Read requests; they move through their steps on the product's pages, not here."""

    list_display = ("title", "enterprise", "category", "status", "deadline")
    list_filter = ("status", "category")
    search_fields = ("title", "enterprise__name")
    readonly_fields = ("status", "deadline", "escalated_at", "rating", "rating_comment")


@admin.register(ServiceProfile)
class ServiceProfileAdmin(SimpleHistoryAdmin):
    """Enterprises that asked for fewer visits (无事不扰): planning a visit warns about them."""

    list_display = ("enterprise", "fewer_visits", "note")
    list_filter = ("fewer_visits",)
    search_fields = ("enterprise__name",)
    raw_id_fields = ("enterprise",)

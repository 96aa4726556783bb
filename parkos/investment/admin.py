from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AnnualTarget, Project, StageChange


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    readonly_fields = ("from_stage", "to_stage", "on", "by", "note", "override_reason")
    can_delete = False


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    """Read and correct projects; stages move through the pipeline's rules, not here."""

    list_display = ("name", "park", "investor_name", "stage", "signed_on", "owner")
    list_filter = ("park", "stage", "channel")
    search_fields = ("name", "investor_name")
    readonly_fields = ("stage", "stage_since", "signed_on", "lost_reason")
    raw_id_fields = ("industry", "enterprise", "building", "parcel")
    inlines = [StageChangeInline]


@admin.register(AnnualTarget)
class AnnualTargetAdmin(SimpleHistoryAdmin):
    list_display = ("park", "year", "cluster", "signed_investment", "signed_count")
    list_filter = ("park", "year")

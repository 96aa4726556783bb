from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from parkos.core.forms import USCCField

from .models import (
    Cluster,
    ClusterScheme,
    Contact,
    Enterprise,
    HonourAward,
    HonourType,
    Industry,
    Tag,
)


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ("name", "uscc", "park", "zone", "industry", "is_above_scale", "status")
    list_filter = ("park", "is_above_scale", "status")
    search_fields = ("name", "uscc", "name_initials")
    raw_id_fields = ("industry",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "uscc":  # cleaned and judged as on every other path
            kwargs["form_class"] = USCCField
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level")
    list_filter = ("level",)
    search_fields = ("code", "name")


class ClusterInline(admin.TabularInline):
    model = Cluster


@admin.register(ClusterScheme)
class ClusterSchemeAdmin(admin.ModelAdmin):
    list_display = ("name", "park", "target_growth", "target_share")
    inlines = [ClusterInline]


@admin.register(HonourType)
class HonourTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "level")
    list_filter = ("level",)


admin.site.register(HonourAward, SimpleHistoryAdmin)
admin.site.register(Contact, SimpleHistoryAdmin)
admin.site.register(Tag)

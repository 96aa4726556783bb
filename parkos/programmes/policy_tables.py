import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from parkos.core.tables import MoneyColumn, ParkOSTable

from .models import HonourApplication, HonourCriteria, PolicyCall, PolicyProject


class PolicyCallTable(ParkOSTable):
    title = tables.Column(
        verbose_name=pgettext_lazy("of an event or a call", "Title"), linkify=True
    )
    kind = tables.Column(verbose_name=_("Kind"))
    level = tables.Column(verbose_name=_("Level"))
    year = tables.Column(verbose_name=_("Year"))
    batch = tables.Column(verbose_name=_("Batch"))
    department = tables.Column(verbose_name=_("Department"))
    deadline = tables.DateColumn(verbose_name=_("Deadline"), format="Y-m-d")
    park = tables.Column(verbose_name=_("Park"), order_by=("park__name",), default="—")

    class Meta(ParkOSTable.Meta):
        model = PolicyCall
        fields = ()
        order_by = ("-year", "-batch")
        empty_text = _("No call matches these filters.")


class PolicyProjectTable(ParkOSTable):
    enterprise = tables.Column(
        verbose_name=_("Enterprise"), linkify=lambda record: record.get_absolute_url()
    )
    call = tables.Column(verbose_name=_("Call"), accessor="call__title", order_by=("call__title",))
    kind = tables.Column(verbose_name=_("Kind"), accessor="call__kind")
    level = tables.Column(verbose_name=_("Level"), accessor="call__level")
    year = tables.Column(verbose_name=_("Year"), accessor="call__year")
    status = tables.Column(verbose_name=_("Status"))
    applied_amount = MoneyColumn(verbose_name=_("Applied"))
    approved_amount = MoneyColumn(verbose_name=_("Approved"))
    disbursed_amount = MoneyColumn(verbose_name=_("Disbursed"))
    applied_on = tables.DateColumn(verbose_name=_("Applied on"), format="Y-m-d")
    approved_on = tables.DateColumn(verbose_name=_("Approved on"), format="Y-m-d")
    disbursed_on = tables.DateColumn(verbose_name=_("Disbursed on"), format="Y-m-d")

    export_only = ("applied_on", "approved_on", "disbursed_on")

    class Meta(ParkOSTable.Meta):
        model = PolicyProject
        fields = ()
        order_by = ("-year",)
        empty_text = _("No project matches these filters.")

    def render_kind(self, record):
        return record.call.get_kind_display()

    def value_kind(self, record):
        return record.call.get_kind_display()

    def render_level(self, record):
        return record.call.get_level_display()

    def value_level(self, record):
        return record.call.get_level_display()


class HonourApplicationTable(ParkOSTable):
    enterprise = tables.Column(
        verbose_name=_("Enterprise"), linkify=lambda record: record.get_absolute_url()
    )
    honour_type = tables.Column(verbose_name=_("Honour"), order_by=("honour_type__name",))
    year = tables.Column(verbose_name=_("Year"))
    status = tables.Column(verbose_name=_("Status"))
    recommended_on = tables.DateColumn(verbose_name=_("Recommended on"), format="Y-m-d")
    decided_on = tables.DateColumn(verbose_name=_("Decided on"), format="Y-m-d")

    class Meta(ParkOSTable.Meta):
        model = HonourApplication
        fields = ()
        order_by = ("-year",)
        empty_text = _("No honour application matches these filters.")


class HonourCriteriaTable(ParkOSTable):
    honour_type = tables.Column(
        verbose_name=_("Honour"),
        linkify=lambda record: record.get_absolute_url(),
        order_by=("honour_type__name",),
    )
    criteria = tables.Column(verbose_name=_("Criteria"), orderable=False)

    class Meta(ParkOSTable.Meta):
        model = HonourCriteria
        fields = ()
        empty_text = _("No honour has criteria yet.")

    def render_criteria(self, value):
        from .rules import describe_criteria

        return describe_criteria(value)

    value_criteria = render_criteria

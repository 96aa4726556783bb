import django_tables2 as tables
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _

from parkos.core.tables import ParkOSTable

from .models import EarlyWarning, MonthlyAnalysis, WarningRule


class EarlyWarningTable(ParkOSTable):
    period = tables.Column(verbose_name=_("Month"), order_by=("year", "month"), accessor="period")
    enterprise = tables.Column(
        verbose_name=_("Enterprise"),
        linkify=lambda record: record.enterprise.get_absolute_url(),
        order_by=("enterprise__name",),
    )
    zone = tables.Column(verbose_name=_("Zone"), accessor="enterprise__zone", orderable=False)
    rule = tables.Column(
        verbose_name=_("Rule"), linkify=lambda record: record.get_absolute_url(), orderable=False
    )
    figures = tables.Column(verbose_name=_("Figures"), orderable=False)
    acknowledged_at = tables.Column(verbose_name=_("Acknowledged"))
    note = tables.Column(verbose_name=_("Note"), orderable=False)

    class Meta(ParkOSTable.Meta):
        model = EarlyWarning
        fields = ()
        empty_text = _("No warning here.")

    export_only = ("note",)

    def render_acknowledged_at(self, value, record):
        if value is None:
            return _("Not acknowledged")
        return date_format(timezone.localtime(value), "Y-m-d")

    def value_acknowledged_at(self, value, record):
        return self.render_acknowledged_at(value, record)


class WarningRuleTable(ParkOSTable):
    kind = tables.Column(verbose_name=_("Kind"), linkify=True)
    park = tables.Column(verbose_name=_("Park"), default=_("Whole district"))
    threshold = tables.Column(verbose_name=_("Threshold"))
    min_investment = tables.Column(verbose_name=_("Large project from (yuan)"))
    is_active = tables.BooleanColumn(verbose_name=_("Active"))
    note = tables.Column(verbose_name=_("Note"), orderable=False)

    class Meta(ParkOSTable.Meta):
        model = WarningRule
        fields = ()
        empty_text = _("No warning rule yet.")


class MonthlyAnalysisTable(ParkOSTable):
    month = tables.Column(
        verbose_name=_("Month"), order_by=("year", "month"), accessor="pk", linkify=True
    )
    park = tables.Column(verbose_name=_("Park"), default=_("Whole district"))
    status = tables.Column(verbose_name=_("Status"))
    published_at = tables.DateTimeColumn(verbose_name=_("Published at"), format="Y-m-d")

    class Meta(ParkOSTable.Meta):
        model = MonthlyAnalysis
        fields = ()
        empty_text = _("No monthly analysis yet.")

    def render_month(self, record):
        return f"{record.year}-{record.month:02d}"

    value_month = render_month

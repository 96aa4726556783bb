import django_tables2 as tables
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from parkos.core.tables import MoneyColumn, NumberColumn, ParkOSTable
from parkos.core.templatetags.units import percent
from parkos.core.units import quantize

from .choices import FINISHED
from .models import AnnualTarget, Project
from .rules import today


class ProjectTable(ParkOSTable):
    name = tables.Column(verbose_name=_("Project"), linkify=True)
    investor_name = tables.Column(verbose_name=_("Investor"))
    investor_country = tables.Column(verbose_name=_("Country or region"))
    park = tables.Column(verbose_name=_("Park"))
    cluster = tables.Column(verbose_name=_("Industry cluster"))
    channel = tables.Column(verbose_name=_("Source channel"))
    source_event = tables.Column(verbose_name=_("Source event"))
    owner = tables.Column(verbose_name=_("Owner"), order_by=("owner__username",))
    planned_investment = MoneyColumn(verbose_name=_("Planned investment"))
    foreign_capital = MoneyColumn(verbose_name=_("Foreign capital"))
    land_need_mu = NumberColumn(verbose_name=_("Land (mu)"))
    floor_need_m2 = NumberColumn(verbose_name=_("Floor space (m²)"))
    stage = tables.Column(verbose_name=_("Stage"))
    stage_since = tables.DateColumn(verbose_name=_("Since"), format="Y-m-d")
    signed_on = tables.DateColumn(verbose_name=_("Signed on"), format="Y-m-d")
    next_action_on = tables.DateColumn(verbose_name=_("Next action by"), format="Y-m-d")
    next_action = tables.Column(verbose_name=_("Next action"))

    export_only = (
        "investor_country",
        "source_event",
        "foreign_capital",
        "land_need_mu",
        "floor_need_m2",
        "next_action",
    )

    class Meta(ParkOSTable.Meta):
        model = Project
        fields = ()
        order_by = ("-stage_since",)
        empty_text = _("No project matches these filters.")

    def render_cluster(self, value):
        return value.label

    value_cluster = render_cluster

    def render_owner(self, value):
        return value.display_name

    value_owner = render_owner

    def render_next_action_on(self, record, value):
        """The date as the other date columns write it (2025-11-11); overdue in red."""
        if value is None:
            return "—"
        shown = date_format(value, "Y-m-d")
        if record.stage not in FINISHED and value < today():
            return format_html('<span class="text-danger fw-semibold">{}</span>', shown)
        return shown

    def value_next_action_on(self, value):
        return value


class TargetTable(ParkOSTable):
    year = tables.Column(verbose_name=_("Year"))
    park = tables.Column(verbose_name=_("Park"))
    cluster = tables.Column(verbose_name=_("Industry cluster"), default="—")
    signed_investment = MoneyColumn(verbose_name=_("Target: planned investment"))
    done_investment = MoneyColumn(verbose_name=_("Signed: planned investment"))
    investment_ratio = tables.Column(verbose_name=_("Completion"), empty_values=(), orderable=False)
    signed_count = NumberColumn(verbose_name=_("Target: projects"))
    done_count = NumberColumn(verbose_name=_("Signed: projects"))
    foreign_capital = MoneyColumn(verbose_name=_("Target: foreign capital"))
    done_foreign = MoneyColumn(verbose_name=_("Signed: foreign capital"))
    edit = tables.TemplateColumn(
        '{% load i18n %}{% if perms.investment.change_annualtarget %}<a href="{% url '
        "'investment:target-edit' record.pk %}\">{% translate 'Edit' %}</a>{% endif %}",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta(ParkOSTable.Meta):
        model = AnnualTarget
        fields = ()
        order_by = ("-year",)
        empty_text = _("No annual target yet.")

    def render_cluster(self, value):
        return value.label

    value_cluster = render_cluster

    @staticmethod
    def _ratio(record):
        if not record.signed_investment:
            return None
        return record.done_investment / record.signed_investment

    def render_investment_ratio(self, record):
        return percent(self._ratio(record))

    def value_investment_ratio(self, record):
        ratio = self._ratio(record)
        return None if ratio is None else float(quantize(ratio * 100, 1))

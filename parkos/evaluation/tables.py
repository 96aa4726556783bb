import django_tables2 as tables
from django.db.models import F
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from parkos.core.tables import ParkOSTable

from .models import Adjustment, Result, Run, Scheme
from .reasons import reason_text

GRADE_BADGE = {"A": "success", "B": "primary", "C": "warning", "D": "danger"}


def grade_badge(grade):
    if not grade:
        return "—"
    return format_html("<span class='badge text-bg-{}'>{}</span>", GRADE_BADGE[grade], grade)


class RunTable(ParkOSTable):
    year = tables.Column(verbose_name=_("Year"), linkify=True)
    scheme = tables.Column(verbose_name=_("Scheme"), accessor="definition__name", orderable=False)
    scheme_version = tables.Column(verbose_name=_("Version"))
    park = tables.Column(verbose_name=_("Park"), default=_("Whole district"))
    status = tables.Column(verbose_name=_("Status"))
    rated_count = tables.Column(verbose_name=_("Rated"))
    not_rated_count = tables.Column(verbose_name=_("Not rated"))
    created_by = tables.Column(verbose_name=_("Run by"))
    created = tables.DateTimeColumn(verbose_name=_("Run at"), format="Y-m-d H:i")
    published_by = tables.Column(verbose_name=_("Published by"))

    class Meta(ParkOSTable.Meta):
        model = Run
        fields = ()
        order_by = ("-year", "-created")
        empty_text = _("No evaluation has been run yet.")

    def render_created_by(self, value):
        return value.display_name

    render_published_by = render_created_by


class ResultTable(ParkOSTable):
    rank = tables.Column(verbose_name=_("Rank"))
    enterprise = tables.Column(
        verbose_name=_("Enterprise"), linkify=lambda record: record.get_absolute_url()
    )
    zone = tables.Column(verbose_name=_("Zone"), accessor="enterprise__zone")
    land_mu = tables.Column(verbose_name=_("Land (mu)"), attrs={"td": {"class": "text-end"}})
    total = tables.Column(verbose_name=_("Total score"), attrs={"td": {"class": "text-end"}})
    grade = tables.Column(verbose_name=_("Grade"))
    reason = tables.Column(verbose_name=_("Not rated because"), orderable=False)

    class Meta(ParkOSTable.Meta):
        model = Result
        fields = ()
        order_by = ("rank",)
        empty_text = _("No result matches these filters.")

    def order_rank(self, queryset, is_descending):
        """Ranked firms first in either direction, the unrated after them: SQLite sorts NULL
        first, so the list opened on the firms that took no part."""
        rank = F("rank").desc(nulls_last=True) if is_descending else F("rank").asc(nulls_last=True)
        return queryset.order_by(rank, "enterprise__name"), True

    def render_grade(self, value):
        return grade_badge(value)

    def value_grade(self, value):
        return value

    def render_land_mu(self, value):
        return f"{value:.2f}"

    def value_land_mu(self, value):
        return value

    def render_reason(self, value):
        return reason_text(value)

    value_reason = render_reason


class SchemeTable(ParkOSTable):
    name = tables.Column(verbose_name=_("Name"), linkify=True)
    version = tables.Column(verbose_name=_("Version"))
    population = tables.Column(verbose_name=_("Covers"))
    park = tables.Column(verbose_name=_("Park"), default=_("Whole district"))
    is_preset = tables.BooleanColumn(verbose_name=_("Preset"))

    class Meta(ParkOSTable.Meta):
        model = Scheme
        fields = ()
        empty_text = _("No evaluation scheme.")


class AdjustmentTable(ParkOSTable):
    enterprise = tables.Column(verbose_name=_("Enterprise"), linkify=True)
    year = tables.Column(verbose_name=_("Year"))
    kind = tables.Column(verbose_name=_("Kind"))
    points = tables.Column(verbose_name=_("Points"))
    grade = tables.Column(verbose_name=_("Grade"))
    reason = tables.Column(verbose_name=_("Reason"), linkify=True)
    created_by = tables.Column(verbose_name=_("Recorded by"))

    class Meta(ParkOSTable.Meta):
        model = Adjustment
        fields = ()
        order_by = ("-year",)
        empty_text = _("No adjustment recorded.")

    def render_created_by(self, value):
        return value.display_name

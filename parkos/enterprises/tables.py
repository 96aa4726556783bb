import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from parkos.core.tables import (
    BooleanMarkColumn,
    MoneyColumn,
    NumberColumn,
    ParkOSTable,
    PersonalColumn,
)

from .models import Cluster, ClusterScheme, Contact, Enterprise, HonourAward, Tag

FIGURE_COLUMNS = ("y_output_value", "y_revenue", "y_tax_paid")


class EnterpriseTable(ParkOSTable):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    uscc = tables.Column(verbose_name=_("USCC"))
    park = tables.Column(verbose_name=_("Park"))
    zone = tables.Column(verbose_name=_("Zone"))
    industry = tables.Column(verbose_name=_("Industry"), order_by=("industry_id",))
    clusters = tables.ManyToManyColumn(verbose_name=_("Clusters"), orderable=False)
    is_above_scale = BooleanMarkColumn(verbose_name=_("Above-scale"))
    own_land_mu = NumberColumn(verbose_name=_("Own land (mu)"))
    y_output_value = MoneyColumn(verbose_name=_("Output"))
    y_revenue = MoneyColumn(verbose_name=_("Revenue"))
    y_tax_paid = MoneyColumn(verbose_name=_("Tax"))

    class Meta(ParkOSTable.Meta):
        model = Enterprise
        fields = (
            "name",
            "uscc",
            "park",
            "zone",
            "industry",
            "clusters",
            "is_above_scale",
            "own_land_mu",
        )
        sequence = (
            "name",
            "uscc",
            "park",
            "zone",
            "industry",
            "clusters",
            "is_above_scale",
            "own_land_mu",
            *FIGURE_COLUMNS,
        )
        order_by = ("name",)
        empty_text = _("No enterprise matches these filters.")

    def __init__(self, data, *args, request=None, **kwargs):
        from .filters import can_see_figures

        exclude = () if request is None or can_see_figures(request.user) else FIGURE_COLUMNS
        super().__init__(data, *args, exclude=exclude, request=request, **kwargs)

    def render_industry(self, value):
        return format_html("<span title='{}'>{}</span>", value.name, value.code)

    def value_industry(self, value):
        return f"{value.code} {value.name}"

    def render_clusters(self, value):
        return format_html_join(
            " ",
            "<span class='badge text-bg-light border'>{}</span>",
            ((c.label,) for c in value.all()),
        )

    def value_clusters(self, value):
        return "、".join(c.label for c in value.all())


class ContactTable(ParkOSTable):
    name = tables.Column(linkify=True, verbose_name=_("Full name"))
    enterprise = tables.Column(linkify=True, verbose_name=_("Enterprise"))
    title = tables.Column(verbose_name=_("Title"))
    phone = PersonalColumn(verbose_name=_("Phone"))
    email = PersonalColumn(verbose_name=_("Email"))
    is_primary = BooleanMarkColumn(verbose_name=_("Primary contact"))

    class Meta(ParkOSTable.Meta):
        model = Contact
        fields = ()
        order_by = ("enterprise", "-is_primary", "name")
        empty_text = _("No contact matches these filters.")


class HonourAwardTable(ParkOSTable):
    honour_type = tables.Column(
        verbose_name=_("Honour"), linkify=lambda record: record.get_absolute_url()
    )
    level = tables.Column(
        verbose_name=_("Level"), accessor="honour_type__level", order_by=("honour_type__level",)
    )
    enterprise = tables.Column(linkify=True, verbose_name=_("Enterprise"))
    year = tables.Column(verbose_name=_("Year"))
    status = tables.Column(verbose_name=_("Status"))
    note = tables.Column(verbose_name=_("Note"))

    class Meta(ParkOSTable.Meta):
        model = HonourAward
        fields = ()
        order_by = ("-year", "enterprise")
        empty_text = _("No honour award matches these filters.")

    def render_honour_type(self, value):
        return value.name

    value_honour_type = render_honour_type


class ParkOrDistrictTable(ParkOSTable):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    park = tables.Column(verbose_name=_("Park"), default=_("Whole district"))

    class Meta(ParkOSTable.Meta):
        fields = ()
        order_by = ("name",)


class ClusterSchemeTable(ParkOrDistrictTable):
    class Meta(ParkOrDistrictTable.Meta):
        model = ClusterScheme
        empty_text = _("No cluster scheme matches these filters.")


class TagTable(ParkOrDistrictTable):
    class Meta(ParkOrDistrictTable.Meta):
        model = Tag
        empty_text = _("No tag matches these filters.")


class ClusterTable(ParkOSTable):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    code = tables.Column(verbose_name=_("Code"))
    scheme = tables.Column(verbose_name=_("Cluster scheme"))
    park = tables.Column(
        verbose_name=_("Park"), accessor="scheme__park", default=_("Whole district")
    )
    order = tables.Column(verbose_name=_("Order"))

    class Meta(ParkOSTable.Meta):
        model = Cluster
        fields = ()
        order_by = ("scheme", "order")
        empty_text = _("No cluster matches these filters.")

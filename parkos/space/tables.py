import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from parkos.core.tables import BooleanMarkColumn, NumberColumn, ParkOSTable

from .models import Building, Parcel


class BuildingTable(ParkOSTable):
    name = tables.Column(verbose_name=_("Name"), linkify=True)
    code = tables.Column(verbose_name=_("Code"))
    park = tables.Column(verbose_name=_("Park"))
    zone = tables.Column(verbose_name=_("Zone"))
    form = tables.Column(verbose_name=_("Form"))
    ownership = tables.Column(verbose_name=_("Ownership"))
    total_floor_m2 = NumberColumn(verbose_name=_("Total (m²)"))
    available_floor_m2 = NumberColumn(verbose_name=_("Available (m²)"))
    clear_height = NumberColumn(verbose_name=_("Clear height (m)"), orderable=True)
    crane_tonnes = NumberColumn(verbose_name=_("Crane (t)"))
    power_kva = NumberColumn(verbose_name=_("Power (kVA)"))
    published = BooleanMarkColumn(verbose_name=_("Published"))

    class Meta(ParkOSTable.Meta):
        model = Building
        fields = ()
        order_by = ("code",)
        empty_text = _("No building matches these filters.")


class ParcelTable(ParkOSTable):
    code = tables.Column(verbose_name=_("Parcel code"), linkify=True)
    park = tables.Column(verbose_name=_("Park"))
    zone = tables.Column(verbose_name=_("Zone"))
    area_mu = NumberColumn(verbose_name=_("Area (mu)"))
    land_use = tables.Column(verbose_name=_("Land use"))
    status = tables.Column(verbose_name=_("Status"))
    guide_price = NumberColumn(verbose_name=_("Guide price (yuan per mu)"))
    published = BooleanMarkColumn(verbose_name=_("Published"))

    class Meta(ParkOSTable.Meta):
        model = Parcel
        fields = ()
        order_by = ("code",)
        empty_text = _("No parcel matches these filters.")

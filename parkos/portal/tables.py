import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from parkos.core.tables import ParkOSTable, PersonalColumn

from .models import Enquiry


class EnquiryTable(ParkOSTable):
    created = tables.DateTimeColumn(verbose_name=_("Received at"), format="Y-m-d H:i", linkify=True)
    company = tables.Column(verbose_name=_("Company"))
    name = tables.Column(verbose_name=_("Contact"))
    phone = PersonalColumn(verbose_name=_("Phone"))
    building = tables.Column(verbose_name=_("Building"))
    area_m2 = tables.Column(verbose_name=_("Area needed (m²)"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta(ParkOSTable.Meta):
        model = Enquiry
        fields = ()
        order_by = ("-created",)
        empty_text = _("No enquiry yet.")

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from parkos.core.tables import ParkOSTable

from .models import Zone


class ZoneTable(ParkOSTable):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    code = tables.Column(verbose_name=_("Code"))
    park = tables.Column(verbose_name=_("Park"))
    steward = tables.Column(verbose_name=_("Steward"))

    class Meta(ParkOSTable.Meta):
        model = Zone
        fields = ()
        order_by = ("park", "code")
        empty_text = _("No zone matches these filters.")

    def render_steward(self, value):
        return value.display_name

    value_steward = render_steward

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from parkos.core.tables import MoneyColumn, ParkOSTable
from parkos.enterprises.tables import ParkOrDistrictTable

from .models import ChainLink, ChainNode, ChainPlacement, ChainTemplate


class ChainTemplateTable(ParkOrDistrictTable):
    cluster = tables.Column(verbose_name=_("Industry cluster"))

    class Meta(ParkOrDistrictTable.Meta):
        model = ChainTemplate
        empty_text = _("No chain template matches these filters.")


class ChainNodeTable(ParkOSTable):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    template = tables.Column(verbose_name=_("Chain template"))
    stage = tables.Column(verbose_name=_("Stage"))
    order = tables.Column(verbose_name=_("Order"))
    weak_below = tables.Column(verbose_name=_("Weak below"))

    class Meta(ParkOSTable.Meta):
        model = ChainNode
        fields = ()
        order_by = ("template", "order")
        empty_text = _("No chain node matches these filters.")


def _own_page(record):
    return record.get_absolute_url()


class ChainPlacementTable(ParkOSTable):
    # Each row opens its own page (the enterprise and the node are linked from there).
    enterprise = tables.Column(linkify=_own_page, verbose_name=_("Enterprise"))
    node = tables.Column(linkify=True, verbose_name=_("Chain node"))
    product = tables.Column(verbose_name=_("Product"))

    class Meta(ParkOSTable.Meta):
        model = ChainPlacement
        fields = ()
        order_by = ("node", "enterprise")
        empty_text = _("No chain placement matches these filters.")


class ChainLinkTable(ParkOSTable):
    anchor = tables.Column(linkify=_own_page, verbose_name=_("Anchor enterprise"))
    direction = tables.Column(verbose_name=_("Direction"))
    partner = tables.Column(
        accessor="partner_label",
        verbose_name=_("Partner"),
        order_by=("partner__name", "partner_name"),
    )
    node = tables.Column(verbose_name=_("Chain node"))
    product = tables.Column(verbose_name=_("Product"))
    investment = MoneyColumn(verbose_name=_("Chain project investment"))

    class Meta(ParkOSTable.Meta):
        model = ChainLink
        fields = ()
        order_by = ("anchor", "direction")
        empty_text = _("No chain link matches these filters.")

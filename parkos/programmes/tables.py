import django_tables2 as tables
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from parkos.core.tables import ParkOSTable

from .models import Event, Registration


class EventTable(ParkOSTable):
    title = tables.Column(
        verbose_name=pgettext_lazy("of an event or a call", "Title"), linkify=True
    )
    kind = tables.Column(verbose_name=_("Kind"))
    on = tables.DateColumn(verbose_name=_("Date"), format="Y-m-d")
    place = tables.Column(verbose_name=_("Place"))
    organiser = tables.Column(verbose_name=_("Organiser"))
    park = tables.Column(verbose_name=_("Park"), order_by=("park__name",))
    capacity = tables.Column(verbose_name=_("Capacity"))

    export_only = ("organiser",)

    class Meta(ParkOSTable.Meta):
        model = Event
        fields = ()
        order_by = ("-on",)
        empty_text = _("No event matches these filters.")


class RegistrationTable(ParkOSTable):
    event = tables.Column(verbose_name=_("Event"), accessor="event__title", linkify=True)
    enterprise = tables.Column(verbose_name=_("Enterprise"))
    on = tables.DateColumn(verbose_name=_("Date"), accessor="event__on", format="Y-m-d")
    registered_by = tables.Column(
        verbose_name=_("Registered by"), order_by=("registered_by__username",)
    )
    registered_at = tables.Column(verbose_name=_("Registered at"))

    class Meta(ParkOSTable.Meta):
        model = Registration
        fields = ()
        order_by = ("-registered_at",)
        empty_text = _("No registration matches these filters.")

    def render_registered_by(self, value):
        return value.display_name

    value_registered_by = render_registered_by

    def render_registered_at(self, value):
        return date_format(timezone.localtime(value), "Y-m-d H:i")

    value_registered_at = render_registered_at

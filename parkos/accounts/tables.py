import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parkos.core.tables import BooleanMarkColumn, ParkOSTable

from .models import User


class UserTable(ParkOSTable):
    username = tables.Column(linkify=True, verbose_name=_("User name"))
    display_name = tables.Column(
        verbose_name=_("Full name"), accessor="display_name", order_by=("last_name", "first_name")
    )
    role = tables.Column(verbose_name=_("Role"))
    park = tables.Column(verbose_name=_("Park"), default=_("Whole district"))
    enterprise = tables.Column(verbose_name=_("Enterprise"))
    is_active = BooleanMarkColumn(verbose_name=_("Active"))
    last_login = tables.DateTimeColumn(verbose_name=_("Last login"), format="Y-m-d H:i")

    def value_last_login(self, value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""

    class Meta(ParkOSTable.Meta):
        model = User
        fields = ()
        order_by = ("username",)
        empty_text = _("No user matches these filters.")

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parkos.core.filters import YES_NO, ParkOSFilterSet
from parkos.core.roles import Role

from .models import User


class UserFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    role = django_filters.ChoiceFilter(choices=Role.choices, label=_("Role"))
    is_active = django_filters.ChoiceFilter(choices=YES_NO, method="active", label=_("Active"))

    class Meta:
        model = User
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("park", "enterprise")

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(username__icontains=value)
            | Q(last_name__icontains=value)
            | Q(first_name__icontains=value)
            | Q(phone__contains=value)
        )

    def active(self, queryset, name, value):
        return queryset.filter(is_active=value == "true")

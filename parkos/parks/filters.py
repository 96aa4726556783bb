"""Park and zone filters for every list: the options are the parks and zones the user sees."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from parkos.core.filters import ParkOSFilterSet

from .models import Park, Zone


def visible_parks(request):
    """Options of a park filter: the parks the user sees."""
    return Park.objects.visible_to(request.user) if request else Park.objects.none()


def visible_zones(request):
    """Options of a zone filter: the zones the user sees, named with their park."""
    if request is None:
        return Zone.objects.none()
    return Zone.objects.visible_to(request.user).select_related("park")


class ParkChoiceFilter(django_filters.ModelChoiceFilter):
    """The park written into the SQL (core/lookups.py): SQLite then plans with what it knows
    of that park's share of the rows."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(**{f"{self.field_name}__literal_in": [value.pk]})


def park_filter(path: str = "") -> django_filters.ModelChoiceFilter:
    """A park filter offering the parks the user sees; `path` leads to the park
    (`enterprise__` for rows that hang off an enterprise)."""
    return ParkChoiceFilter(field_name=f"{path}park", queryset=visible_parks, label=_("Park"))


def zone_filter(path: str = "") -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name=f"{path}zone", queryset=visible_zones, label=_("Zone")
    )


class ZoneFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    park = park_filter()

    class Meta:
        model = Zone
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("park", "steward")

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))

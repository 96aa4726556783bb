import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parkos.core.filters import AnyOfFilter, ParkOSFilterSet
from parkos.enterprises.choices import HonourLevel
from parkos.enterprises.filters import name_q
from parkos.enterprises.models import HonourType
from parkos.parks.filters import park_filter

from .choices import HonourApplicationStatus, PolicyKind, ProjectStatus
from .filters import year_or_none
from .models import HonourApplication, HonourCriteria, PolicyCall, PolicyProject


class YearAndIdMixin:
    def by_year(self, queryset, name, value):
        year = year_or_none(value)
        return queryset.filter(**{name: year}) if year else queryset.none()

    def by_id(self, queryset, name, value):
        if value != int(value) or not 0 < value < 2**31:
            return queryset.none()
        return queryset.filter(**{name: int(value)})


class PolicyCallFilterSet(YearAndIdMixin, ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    park = park_filter()
    kind = django_filters.ChoiceFilter(choices=PolicyKind.choices, label=_("Kind"))
    level = django_filters.ChoiceFilter(choices=HonourLevel.choices, label=_("Level"))
    year = django_filters.NumberFilter(field_name="year", method="by_year", label=_("Year"))
    batch = django_filters.NumberFilter(field_name="batch", method="by_id", label=_("Batch"))

    class Meta:
        model = PolicyCall
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("park")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(department__icontains=value))


class PolicyProjectFilterSet(YearAndIdMixin, ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    park = park_filter("enterprise__")
    kind = django_filters.ChoiceFilter(
        field_name="call__kind", choices=PolicyKind.choices, label=_("Kind")
    )
    level = django_filters.ChoiceFilter(
        field_name="call__level", choices=HonourLevel.choices, label=_("Level")
    )
    year = django_filters.NumberFilter(field_name="call__year", method="by_year", label=_("Year"))
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices, label=_("Status"))
    call = django_filters.NumberFilter(field_name="call_id", method="by_id", label=_("Call"))

    class Meta:
        model = PolicyProject
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("call", "enterprise")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(call__title__icontains=value) | name_q(value, "enterprise__"))


class HonourApplicationFilterSet(YearAndIdMixin, ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    park = park_filter("enterprise__")
    honour_type = django_filters.ModelChoiceFilter(
        queryset=HonourType.objects.all(), label=_("Honour")
    )
    level = django_filters.ChoiceFilter(
        field_name="honour_type__level", choices=HonourLevel.choices, label=_("Level")
    )
    year = django_filters.NumberFilter(field_name="year", method="by_year", label=_("Year"))
    status = AnyOfFilter(choices=HonourApplicationStatus.choices, label=_("Status"))

    class Meta:
        model = HonourApplication
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("honour_type", "enterprise")

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(name_q(value, "enterprise__")) if value else queryset


class HonourCriteriaFilterSet(ParkOSFilterSet):
    level = django_filters.ChoiceFilter(
        field_name="honour_type__level", choices=HonourLevel.choices, label=_("Level")
    )

    class Meta:
        model = HonourCriteria
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("honour_type")

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parkos.core.filters import ParkOSFilterSet
from parkos.enterprises.filters import name_q
from parkos.parks.filters import park_filter

from .choices import EventKind
from .models import Event, Registration

MONTHS = [(m, _("Month %(month)d") % {"month": m}) for m in range(1, 13)]


def year_or_none(value):
    """A calendar year a date can hold; anything else (1.5, 10000, -3) matches nothing."""
    if value is None or value != int(value) or not 1900 <= value <= 2999:
        return None
    return int(value)


class YearFilterMixin:
    def by_year(self, queryset, name, value):
        year = year_or_none(value)
        return queryset.filter(**{f"{name}__year": year}) if year else queryset.none()


class EventFilterSet(YearFilterMixin, ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    park = park_filter()
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("Kind"))
    year = django_filters.NumberFilter(field_name="on", method="by_year", label=_("Year"))
    month = django_filters.ChoiceFilter(
        field_name="on", lookup_expr="month", choices=MONTHS, label=_("Month")
    )
    since = django_filters.DateFilter(field_name="on", lookup_expr="gte", label=_("From"))

    class Meta:
        model = Event
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("park")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(organiser__icontains=value) | Q(place__icontains=value)
        )


class RegistrationFilterSet(YearFilterMixin, ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    park = park_filter("event__")
    kind = django_filters.ChoiceFilter(
        field_name="event__kind", choices=EventKind.choices, label=_("Kind")
    )
    event = django_filters.NumberFilter(field_name="event_id", method="by_id", label=_("Event"))
    year = django_filters.NumberFilter(field_name="event__on", method="by_year", label=_("Year"))
    month = django_filters.ChoiceFilter(
        field_name="event__on", lookup_expr="month", choices=MONTHS, label=_("Month")
    )

    class Meta:
        model = Registration
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("event", "enterprise", "registered_by")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(event__title__icontains=value) | name_q(value, "enterprise__"))

    def by_id(self, queryset, name, value):
        if value != int(value) or not 0 < value < 2**31:
            return queryset.none()
        return queryset.filter(**{name: int(value)})

import django_filters
from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from parkos.core.filters import ParkOSFilterSet
from parkos.parks.filters import park_filter, zone_filter

from .choices import BuildingForm, Ownership, ParcelStatus, Suitability, UnitStatus
from .models import Building, Parcel, Unit


class BuildingFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    park = park_filter()
    zone = zone_filter()
    form = django_filters.ChoiceFilter(choices=BuildingForm.choices, label=_("Form"))
    ownership = django_filters.ChoiceFilter(choices=Ownership.choices, label=_("Ownership"))
    available_min = django_filters.NumberFilter(
        field_name="available_floor_m2", lookup_expr="gte", label=_("Available ≥ (m²)")
    )
    clear_height_min = django_filters.NumberFilter(
        method="by_clear_height", label=_("Clear height ≥ (m)")
    )
    floor_load_min = django_filters.NumberFilter(
        method="by_floor_load", label=_("Floor load ≥ (kN/m²)")
    )
    crane_min = django_filters.NumberFilter(
        field_name="crane_tonnes", lookup_expr="gte", label=_("Crane ≥ (t)")
    )
    power_min = django_filters.NumberFilter(
        field_name="power_kva", lookup_expr="gte", label=_("Power ≥ (kVA)")
    )
    suitability = django_filters.ChoiceFilter(
        choices=Suitability.choices, method="by_suitability", label=_("Suitable for")
    )
    published = django_filters.ChoiceFilter(
        choices=(("true", _("Yes")), ("false", _("No"))),
        method="by_published",
        label=_("Published"),
    )

    class Meta:
        model = Building
        fields = []

    @property
    def qs(self):
        return (
            super()
            .qs.select_related("park", "zone", "owner")
            .annotate(clear_height=Min("floor_specs__clear_height_m"))
        )

    def by_clear_height(self, queryset, name, value):
        # Every floor must reach it: the lowest floor decides.
        return queryset.annotate(lowest=Min("floor_specs__clear_height_m")).filter(
            lowest__gte=value
        )

    def by_floor_load(self, queryset, name, value):
        return queryset.filter(floor_specs__floor=1, floor_specs__floor_load_kn_m2__gte=value)

    def by_suitability(self, queryset, name, value):
        # JSON list membership, done the same way on SQLite and PostgreSQL.
        return queryset.filter(suitability__icontains=f'"{value}"')

    def by_published(self, queryset, name, value):
        return queryset.filter(published=value == "true")


class ParcelFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(field_name="code", lookup_expr="icontains", label=_("Search"))
    park = park_filter()
    zone = zone_filter()
    status = django_filters.ChoiceFilter(choices=ParcelStatus.choices, label=_("Status"))
    area_min = django_filters.NumberFilter(
        field_name="area_mu", lookup_expr="gte", label=_("Area ≥ (mu)")
    )

    class Meta:
        model = Parcel
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("park", "zone")


class UnitFilterSet(ParkOSFilterSet):
    """The API's unit filters: where it is, what state, how large."""

    park = park_filter("building__")
    zone = zone_filter("building__")
    building = django_filters.NumberFilter(field_name="building_id", label=_("Building"))
    status = django_filters.ChoiceFilter(choices=UnitStatus.choices, label=_("Status"))
    area_min = django_filters.NumberFilter(
        field_name="area_m2", lookup_expr="gte", label=_("Area ≥ (m²)")
    )
    area_max = django_filters.NumberFilter(
        field_name="area_m2", lookup_expr="lte", label=_("Area ≤ (m²)")
    )

    class Meta:
        model = Unit
        fields = []

import django_filters
from django.utils.translation import gettext_lazy as _

from parkos.core.filters import ParkOSFilterSet
from parkos.parks.filters import park_filter
from parkos.parks.models import Zone
from parkos.space.filters import BuildingFilterSet

from .models import Enquiry, EnquiryStatus
from .public import public_buildings, public_units


def _public_zones(request):
    return Zone.objects.filter(buildings__in=public_buildings()).distinct().select_related("park")


class PublicBuildingFilterSet(BuildingFilterSet):
    """The staff filters minus what the public has no business with, plus area and rent."""

    zone = django_filters.ModelChoiceFilter(queryset=_public_zones, label=_("Zone"))
    area_min = django_filters.NumberFilter(method="by_unit_area_min", label=_("Area from (m²)"))
    area_max = django_filters.NumberFilter(method="by_unit_area_max", label=_("Area to (m²)"))
    rent_max = django_filters.NumberFilter(
        method="by_rent", label=_("Rent ≤ (yuan per m² per day)")
    )

    class Meta(BuildingFilterSet.Meta):
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("park", "published", "available_min"):
            self.filters.pop(name, None)

    def by_unit_area_min(self, queryset, name, value):
        return queryset.filter(
            pk__in=public_units().filter(area_m2__gte=value).values("building_id")
        )

    def by_unit_area_max(self, queryset, name, value):
        return queryset.filter(
            pk__in=public_units().filter(area_m2__lte=value).values("building_id")
        )

    def by_rent(self, queryset, name, value):
        return queryset.filter(
            pk__in=public_units().filter(rent_per_m2_day__lte=value).values("building_id")
        )


class EnquiryFilterSet(ParkOSFilterSet):
    park = park_filter()
    status = django_filters.ChoiceFilter(choices=EnquiryStatus.choices, label=_("Status"))

    class Meta:
        model = Enquiry
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("park", "building")

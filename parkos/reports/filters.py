import django_filters
from django.utils.translation import gettext_lazy as _

from parkos.core.filters import YES_NO, ParkOSFilterSet
from parkos.enterprises.filters import name_q
from parkos.parks.filters import park_filter, zone_filter

from .choices import AnalysisStatus, RuleKind
from .models import EarlyWarning, MonthlyAnalysis, WarningRule


class EarlyWarningFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    park = park_filter("enterprise__")
    zone = zone_filter("enterprise__")
    kind = django_filters.ChoiceFilter(
        field_name="rule__kind", choices=RuleKind.choices, label=_("Kind")
    )
    year = django_filters.NumberFilter(label=_("Year"))
    month = django_filters.NumberFilter(label=_("Month"))
    open = django_filters.ChoiceFilter(
        method="filter_open", choices=YES_NO, label=_("Open (not acknowledged)")
    )

    class Meta:
        model = EarlyWarning
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("enterprise__park", "enterprise__zone", "rule")

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(name_q(value, "enterprise__")) if value else queryset

    def filter_open(self, queryset, name, value):
        if value in ("true", "false"):
            return queryset.filter(acknowledged_at__isnull=value == "true")
        return queryset


class WarningRuleFilterSet(ParkOSFilterSet):
    park = park_filter()
    kind = django_filters.ChoiceFilter(choices=RuleKind.choices, label=_("Kind"))
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = WarningRule
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("park")


class MonthlyAnalysisFilterSet(ParkOSFilterSet):
    park = park_filter()
    year = django_filters.NumberFilter(label=_("Year"))
    status = django_filters.ChoiceFilter(choices=AnalysisStatus.choices, label=_("Status"))

    class Meta:
        model = MonthlyAnalysis
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("park")

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parkos.core.filters import ParkOSFilterSet
from parkos.enterprises.filters import cluster_choices, uscc_q
from parkos.parks.filters import zone_filter

from .choices import GRADE_CHOICES, AdjustmentKind, RunStatus
from .models import Adjustment, Result, Run, Scheme


def _schemes(request):
    return Scheme.objects.visible_to(request.user) if request else Scheme.objects.none()


class RunFilterSet(ParkOSFilterSet):
    year = django_filters.NumberFilter(label=_("Year"))
    scheme = django_filters.ModelChoiceFilter(queryset=_schemes, label=_("Scheme"))
    status = django_filters.ChoiceFilter(choices=RunStatus.choices, label=_("Status"))

    class Meta:
        model = Run
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("scheme", "park", "created_by")


class ResultFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    grade = django_filters.ChoiceFilter(choices=GRADE_CHOICES, label=_("Grade"))
    rated = django_filters.ChoiceFilter(
        choices=(("true", _("Rated")), ("false", _("Not rated"))),
        method="by_rated",
        label=_("Rated"),
    )
    zone = zone_filter("enterprise__")
    cluster = django_filters.ChoiceFilter(
        choices=cluster_choices, method="in_cluster", label=_("Cluster")
    )

    class Meta:
        model = Result
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("enterprise__zone", "run")

    def search(self, queryset, name, value):
        lowered = value.strip().lower()
        return queryset.filter(
            Q(enterprise__name__icontains=value.strip())
            | uscc_q(value, "enterprise__")
            | Q(enterprise__name_initials__contains=lowered)
        )

    def by_rated(self, queryset, name, value):
        return queryset.filter(rated=value == "true")

    def in_cluster(self, queryset, name, value):
        return queryset.filter(enterprise__clusters=value)


class SchemeFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))

    class Meta:
        model = Scheme
        fields = []


class AdjustmentFilterSet(ParkOSFilterSet):
    year = django_filters.NumberFilter(label=_("Year"))
    kind = django_filters.ChoiceFilter(choices=AdjustmentKind.choices, label=_("Kind"))

    class Meta:
        model = Adjustment
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("enterprise", "created_by")

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parkos.core.filters import ParkOSFilterSet
from parkos.enterprises.filters import name_q
from parkos.parks.filters import park_filter, zone_filter

from .choices import DemandStatus
from .models import FinancingDemand, LoanProgramme, LoanRound, PartnerBank


def visible_programmes(request):
    if request is None:
        return LoanProgramme.objects.none()
    return LoanProgramme.objects.visible_to(request.user)


def visible_rounds(request):
    if request is None:
        return LoanRound.objects.none()
    return LoanRound.objects.visible_to(request.user).select_related("programme")


class LoanProgrammeFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    park = park_filter()

    class Meta:
        model = LoanProgramme
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("park")


class PartnerBankFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(
        field_name="bank__name", lookup_expr="icontains", label=_("Search")
    )
    park = park_filter("programme__")
    programme = django_filters.ModelChoiceFilter(
        queryset=visible_programmes, label=_("Loan programme")
    )

    class Meta:
        model = PartnerBank
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("programme", "bank")


class LoanRoundFilterSet(ParkOSFilterSet):
    park = park_filter("programme__")
    programme = django_filters.ModelChoiceFilter(
        queryset=visible_programmes, label=_("Loan programme")
    )

    class Meta:
        model = LoanRound
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("programme")


class FinancingDemandFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    park = park_filter("enterprise__")
    zone = zone_filter("enterprise__")
    round = django_filters.ModelChoiceFilter(queryset=visible_rounds, label=_("Loan round"))
    status = django_filters.ChoiceFilter(choices=DemandStatus.choices, label=_("Status"))

    class Meta:
        model = FinancingDemand
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("round__programme", "enterprise", "bank")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(purpose__icontains=value) | name_q(value, "enterprise__"))

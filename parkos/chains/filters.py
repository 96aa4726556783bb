import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parkos.core.filters import ParkOSFilterSet
from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.filters import ParkOrDistrictFilterSet, name_q
from parkos.parks.filters import park_filter, zone_filter

from .choices import Direction, Stage
from .models import ChainLink, ChainNode, ChainPlacement, ChainTemplate


class ChainTemplateFilterSet(ParkOrDistrictFilterSet):
    class Meta:
        model = ChainTemplate
        fields = []


class ChainNodeFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    template = django_filters.ModelChoiceFilter(
        queryset=ChainTemplate.objects.all(), label=_("Chain template")
    )
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label=_("Stage"))

    class Meta:
        model = ChainNode
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("template")


class ChainPlacementFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    park = park_filter("enterprise__")
    zone = zone_filter("enterprise__")
    template = django_filters.ModelChoiceFilter(
        field_name="node__template", queryset=ChainTemplate.objects.all(), label=_("Chain template")
    )
    node = django_filters.NumberFilter(field_name="node", widget=forms.HiddenInput)
    status = django_filters.ChoiceFilter(
        field_name="enterprise__status", choices=EnterpriseStatus.choices, label=_("Status")
    )

    class Meta:
        model = ChainPlacement
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("enterprise", "node__template")

    def search(self, queryset, name, value):
        return queryset.filter(name_q(value, "enterprise__")) if value.strip() else queryset


class ChainLinkFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    park = park_filter("anchor__")
    direction = django_filters.ChoiceFilter(choices=Direction.choices, label=_("Direction"))
    anchor = django_filters.NumberFilter(field_name="anchor", widget=forms.HiddenInput)
    outside = django_filters.ChoiceFilter(
        choices=(("true", _("Yes")), ("false", _("No"))),
        method="outside_partner",
        label=_("Outside partner"),
    )

    class Meta:
        model = ChainLink
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("anchor", "partner", "node")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            name_q(value, "anchor__")
            | name_q(value, "partner__")
            | Q(partner_name__icontains=value)
        )

    def outside_partner(self, queryset, name, value):
        return queryset.filter(partner__isnull=value == "true")

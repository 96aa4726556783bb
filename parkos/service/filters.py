import datetime as dt

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parkos.core.filters import AnyOfFilter, ParkOSFilterSet, YesNoFilter
from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.filters import name_q
from parkos.enterprises.models import Enterprise
from parkos.parks.filters import park_filter, zone_filter

from .choices import OPEN, ContactPlan, Source, Status, VisitStatus
from .models import RequestCategory, ServicePackage, ServiceRequest, Visit
from .queries import due_by_q, mine_q, unvisited_since


class ServiceRequestFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    park = park_filter("enterprise__")
    zone = zone_filter("enterprise__")
    status = AnyOfFilter(choices=Status.choices, label=_("Status"))
    category = django_filters.ModelChoiceFilter(
        queryset=RequestCategory.objects.all(), label=_("Category")
    )
    year = django_filters.NumberFilter(field_name="received_at__year", label=_("Year received"))
    source = django_filters.ChoiceFilter(choices=Source.choices, label=_("Source"))
    mine = YesNoFilter(lambda request: mine_q(request.user), label=_("Waiting for me"))
    overdue = YesNoFilter(
        lambda request: Q(status__literal_in=OPEN, deadline__lt=timezone.now()),
        label=_("Overdue"),
    )
    due_by = django_filters.DateFilter(method="by_due", label=_("Open and due by"))
    escalated = YesNoFilter(Q(escalated_at__isnull=False), label=_("Escalated"))

    class Meta:
        model = ServiceRequest
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("enterprise", "category", "assignee", "department")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | name_q(value, "enterprise__"))

    def by_due(self, queryset, name, value):
        return queryset.filter(due_by_q(value))


class VisitFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    park = park_filter("enterprise__")
    zone = zone_filter("enterprise__")
    status = django_filters.ChoiceFilter(choices=VisitStatus.choices, label=_("Status"))
    since = django_filters.DateFilter(field_name="on", lookup_expr="gte", label=_("From"))
    until = django_filters.DateFilter(field_name="on", lookup_expr="lte", label=_("To"))
    mine = YesNoFilter(lambda request: Q(steward=request.user), label=_("My visits"))
    has_findings = YesNoFilter(~Q(findings=""), label=_("With findings"))

    class Meta:
        model = Visit
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("enterprise", "steward")

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(name_q(value, "enterprise__")) if value else queryset


class DirectoryFilterSet(ParkOSFilterSet):
    """The zone directory: the enterprises of a park or zone; the month only says which
    changes to highlight."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    park = park_filter()
    zone = zone_filter()
    month = django_filters.DateFilter(
        method="keep",
        label=_("Month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    status = django_filters.ChoiceFilter(choices=EnterpriseStatus.choices, label=_("Status"))
    mine = YesNoFilter(lambda request: Q(zone__steward=request.user), label=_("My zones"))
    not_visited = django_filters.NumberFilter(
        method="by_not_visited",
        label=_("Not visited for (days)"),
        min_value=1,
        max_value=3650,
    )

    class Meta:
        model = Enterprise
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(name_q(value)) if value else queryset

    def keep(self, queryset, name, value):
        return queryset

    def by_not_visited(self, queryset, name, value):
        """Operating enterprises with no done visit within `value` days (My work's section)."""
        since = timezone.localdate() - dt.timedelta(days=int(value))
        return queryset.filter(unvisited_since(since))


class ServicePackageFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    park = park_filter("enterprise__")
    zone = zone_filter("enterprise__")
    contact_every = django_filters.ChoiceFilter(
        choices=ContactPlan.choices, label=_("Contact plan")
    )

    class Meta:
        model = ServicePackage
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("enterprise__park", "lead")

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(name_q(value, "enterprise__")) if value else queryset


class FiguresFilterSet(ParkOSFilterSet):
    """The requests the figures add up: a park, a zone, a category; the year is the page's."""

    park = park_filter("enterprise__")
    zone = zone_filter("enterprise__")
    category = django_filters.ModelChoiceFilter(
        queryset=RequestCategory.objects.all(), label=_("Category")
    )

    class Meta:
        model = ServiceRequest
        fields = []

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parkos.core.filters import AnyOfFilter, ParkOSFilterSet, YesNoFilter
from parkos.enterprises.filters import cluster_choices
from parkos.parks.filters import park_filter

from .choices import FINISHED, Channel, Stage
from .models import AnnualTarget, Project
from .rules import today


def _owners(request):
    """Staff who own a project the user can see."""
    if request is None:
        return get_user_model().objects.none()
    owners = Project.objects.visible_to(request.user).values("owner_id")
    return get_user_model().objects.filter(id__in=owners).order_by("username")


class ProjectFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    park = park_filter()
    stage = AnyOfFilter(choices=Stage.choices, label=_("Stage"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Source channel"))
    cluster = django_filters.ChoiceFilter(choices=cluster_choices, label=_("Industry cluster"))
    owner = django_filters.ModelChoiceFilter(queryset=_owners, label=_("Owner"))
    signed_year = django_filters.NumberFilter(
        field_name="signed_on", lookup_expr="year", label=_("Signed in year")
    )
    signed_month = django_filters.NumberFilter(
        field_name="signed_on", lookup_expr="month", label=_("Signed in month")
    )
    is_foreign = YesNoFilter(Q(is_foreign=True), label=_("Foreign capital"))
    overdue = YesNoFilter(
        lambda request: Q(next_action_on__lt=today()) & ~Q(stage__in=FINISHED),
        label=_("Next action overdue"),
    )

    class Meta:
        model = Project
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("park", "cluster__scheme", "owner")

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(investor_name__icontains=value)
            | Q(investor_group__icontains=value)
        )


class TargetFilterSet(ParkOSFilterSet):
    park = park_filter()
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = AnnualTarget
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("park", "cluster__scheme")

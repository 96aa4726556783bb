import django_filters
from django.utils.translation import gettext_lazy as _

from parkos.parks.models import Park, Zone

from .choices import BatchStatus
from .forms import style_fields
from .importing import registry
from .models import ImportBatch


def visible_parks(request):
    """Options of a park filter: the parks the user sees."""
    return Park.objects.visible_to(request.user) if request else Park.objects.none()


def visible_zones(request):
    """Options of a zone filter: the zones the user sees, named with their park."""
    if request is None:
        return Zone.objects.none()
    return Zone.objects.visible_to(request.user).select_related("park")


YES_NO = (("true", _("Yes")), ("false", _("No")))


def park_filter(path: str = "") -> django_filters.ModelChoiceFilter:
    """A park filter offering the parks the user sees; `path` leads to the park
    (`enterprise__` for rows that hang off an enterprise)."""
    return django_filters.ModelChoiceFilter(
        field_name=f"{path}park", queryset=visible_parks, label=_("Park")
    )


def zone_filter(path: str = "") -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name=f"{path}zone", queryset=visible_zones, label=_("Zone")
    )


class ParkOSFilterSet(django_filters.FilterSet):
    """Base of every list filter: keeps the request (for scoped choices) and styles the form."""

    def __init__(self, data=None, *args, request=None, **kwargs):
        self.request = request
        super().__init__(data, *args, request=request, **kwargs)

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            style_fields(form, small=True)
            form._styled = True
        return form


def _entities():
    return [(slug, spec.label) for slug, spec in registry.items()]


class ImportBatchFilterSet(ParkOSFilterSet):
    entity = django_filters.ChoiceFilter(choices=_entities, label=_("Data"))
    status = django_filters.ChoiceFilter(choices=BatchStatus.choices, label=_("Status"))

    class Meta:
        model = ImportBatch
        fields = []

    @property
    def qs(self):
        return super().qs.select_related("user")

import django_filters
from django.utils.translation import gettext_lazy as _

from .choices import BatchStatus
from .forms import style_fields
from .importing import registry
from .models import ImportBatch

YES_NO = (("true", _("Yes")), ("false", _("No")))


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

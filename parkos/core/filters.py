import django_filters
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from .choices import BatchStatus
from .forms import style_fields
from .importing import registry
from .models import AuditAction, AuditEvent, ImportBatch

YES_NO = (("true", _("Yes")), ("false", _("No")))


class AnyOfFilter(django_filters.MultipleChoiceFilter):
    """Rows whose column is any of the values ticked, as one IN: django-filter's OR of one
    condition per value made SQLite read the whole table to count a steward's open requests.
    For a column of the row itself (no join repeats rows), so no DISTINCT. The values are
    written into the SQL in the choices' order (core/lookups.py), so that ticking the open
    statuses reads the partial index of the open rows, whose condition lists them so."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value or self.is_noop(qs, value):
            return qs
        order = {str(choice): i for i, (choice, _label) in enumerate(self.field.choices)}
        ticked = sorted({str(v) for v in value}, key=lambda v: order.get(v, len(order)))
        return qs.filter(**{f"{self.field_name}__literal_in": ticked})


class YesNoFilter(django_filters.ChoiceFilter):
    """是: the rows that meet `condition`; 否: every other row. `condition` is a Q, or a function
    of the request that gives one (the viewer's own rows, a deadline passed by now)."""

    def __init__(self, condition, **kwargs):
        kwargs.setdefault("choices", YES_NO)
        super().__init__(**kwargs)
        self.condition = condition

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        condition = self.condition
        if callable(condition):
            condition = condition(self.parent.request)
        return qs.filter(condition) if value == "true" else qs.exclude(condition)


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


class AuditEventFilterSet(ParkOSFilterSet):
    q = django_filters.CharFilter(method="search", label=_("User or record"))
    action = django_filters.ChoiceFilter(choices=AuditAction.choices, label=_("Action"))
    outcome = django_filters.ChoiceFilter(
        choices=(("ok", _("Done")), ("denied", _("Denied")), ("failed", _("Failed"))),
        label=_("Outcome"),
    )
    since = django_filters.DateFilter(field_name="time", lookup_expr="date__gte", label=_("From"))
    until = django_filters.DateFilter(field_name="time", lookup_expr="date__lte", label=_("To"))

    class Meta:
        model = AuditEvent
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            models.Q(username__icontains=value)
            | models.Q(object_repr__icontains=value)
            | models.Q(ip=value)
        )

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .importing import registry
from .services import can_import
from .units import WAN, quantize

# Django 6.1 labels an empty choice "- Select an option -", which its own zh_Hans catalogue does
# not translate yet; naming the string here puts it in ParkOS's catalogue, which takes precedence.
BLANK_CHOICE_LABEL = _("- Select an option -")


def style_fields(form, small=False):
    """Bootstrap's class on every widget that has none, so a template can loop over the fields.
    Checkbox lists keep their own markup."""
    select, control = (
        ("form-select form-select-sm", "form-control form-control-sm")
        if small
        else ("form-select", "form-control")
    )
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = select
        else:
            css = control
        widget.attrs.setdefault("class", css)


class DatePicker(forms.DateInput):
    """The browser's date picker. It reads and writes ISO dates only, so the value is written
    as 2024-03-01 whatever the language's date format (zh-Hans would write 2024/03/01, which
    the picker shows as empty)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def check_on_form(form, field, check, *args) -> None:
    """Run a business rule (a domain's `check_*` function) in a form's clean, so the page shows
    its refusal under `field` — the same check the action, the API and the import call."""
    try:
        check(*args)
    except ValidationError as exc:
        form.add_error(field, exc)


def error_summary(form) -> str:
    """Every error of a form on one line, for a message shown after a redirect."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


class ImportForm(forms.Form):
    entity = forms.ChoiceField(label=_("Data"), widget=forms.Select(attrs={"class": "form-select"}))
    file = forms.FileField(
        label=_("File"),
        help_text=_(".xlsx or .csv (UTF-8 or GBK); first row: column headers."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv", "class": "form-control"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entity"].choices = [
            (slug, spec.label) for slug, spec in registry.items() if can_import(user, slug)
        ]


class MoneyField(forms.DecimalField):
    """A yuan amount typed in 万元 (or 亿元): the form shows and takes the report unit, the
    model keeps yuan."""

    def __init__(self, *args, factor=WAN, **kwargs):
        self.factor = factor
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_digits", 16)
        kwargs.setdefault("decimal_places", 6)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
            return (Decimal(value) / self.factor).normalize()
        return value

    def clean(self, value):
        amount = super().clean(value)
        return None if amount is None else quantize(amount * self.factor)

    def has_changed(self, initial, data):
        return super().has_changed(self.prepare_value(initial), data)

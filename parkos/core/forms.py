from decimal import Decimal
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .importing import registry
from .services import can_import
from .units import WAN, quantize
from .uscc import clean_uscc, normalise_uscc

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


class DateTimePicker(forms.DateTimeInput):
    """The browser's date-and-time picker, which reads and writes ISO values only."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class USCCField(forms.CharField):
    """A unified social credit code as people type and paste it — with spaces or hyphens, in
    lowercase, in full-width characters —, cleaned to its 18 characters and judged by
    `clean_uscc`, as the imports and the API are. No maxlength: 9131 0116 … is longer than 18
    until it is normalised, and a browser would cut a pasted code short."""

    def __init__(self, *, max_length=None, **kwargs):  # a model field's 18 is for the stored code
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "91310116…"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value if value in self.empty_values else clean_uscc(value)


class USCCChoiceField(forms.ModelChoiceField):
    """A row named by its USCC (`to_field_name="uscc"`): the code is cleaned and judged by
    `clean_uscc` before it is looked up, as the imports judge it, so a mistyped character is
    named rather than "no such enterprise", and a code typed with spaces or in lowercase finds
    its row. A disabled box is not typed in: it shows the stored code, which is looked up as it
    is (a code an older rule let in must not make the rest of the form unsavable)."""

    def to_python(self, value):
        if value in self.empty_values or isinstance(value, self.queryset.model) or self.disabled:
            return super().to_python(value)
        return super().to_python(clean_uscc(value))

    def has_changed(self, initial, data):
        if isinstance(data, str):
            data = normalise_uscc(data)
        return super().has_changed(initial, data)


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


# Documents and pictures kept with a row (a project's agreement, a request's photos): what every
# attachment upload accepts.
ATTACHMENT_TYPES = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".jpg", ".png"}


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ATTACHMENT_TYPES:
            raise forms.ValidationError(
                _("Attach a document or picture: %(types)s.")
                % {"types": " ".join(sorted(ATTACHMENT_TYPES))}
            )
        limit = settings.PARKOS_ATTACHMENT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": limit // 2**20}
            )
        return upload

from django import forms
from django.utils.translation import gettext_lazy as _

from .importing import registry


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
        elif hasattr(widget, "choices"):
            css = select
        else:
            css = control
        widget.attrs.setdefault("class", css)


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
            (slug, spec.label)
            for slug, spec in registry.items()
            if user.has_perms(spec.permissions())
        ]

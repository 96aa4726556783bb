from django import forms
from django.utils.translation import gettext_lazy as _

from .importing import registry


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

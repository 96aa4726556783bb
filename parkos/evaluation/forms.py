from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from parkos.core.units import WAN

from .models import AdmissionBar, Scheme


class RunForm(forms.Form):
    scheme = forms.ModelChoiceField(
        queryset=Scheme.objects.none(),
        label=_("Scheme"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=1990,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = Scheme.objects.visible_to(user)


class WanField(forms.DecimalField):
    """An amount typed in 万元, stored in yuan."""

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_digits=14, decimal_places=2, **kwargs)
        self.widget.attrs["class"] = "form-control"

    def clean(self, value):
        cleaned = super().clean(value)
        return None if cleaned is None else cleaned * WAN

    def prepare_value(self, value):
        return value


class AdmissionBarForm(forms.ModelForm):
    investment_per_mu = WanField(label=_("Investment per mu (10k yuan)"))
    output_per_mu = WanField(label=_("Output per mu (10k yuan)"))
    tax_per_mu = WanField(label=_("Tax per mu (10k yuan)"))

    class Meta:
        model = AdmissionBar
        fields = ["investment_per_mu", "output_per_mu", "tax_per_mu", "note"]
        widgets = {"note": forms.TextInput(attrs={"class": "form-control"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("investment_per_mu", "output_per_mu", "tax_per_mu"):
            if self.instance.pk:
                self.initial[name] = (getattr(self.instance, name) / WAN).quantize(Decimal("0.01"))


class AdmissionCheckForm(forms.Form):
    """A proposed land project, in the units investment staff use."""

    land_mu = forms.DecimalField(
        label=_("Land (mu)"),
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.01"}),
    )
    investment = WanField(label=_("Planned investment (10k yuan)"))
    output = WanField(label=_("Output at capacity (10k yuan per year)"))
    tax = WanField(label=_("Tax at capacity (10k yuan per year)"))

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from parkos.core.forms import style_fields
from parkos.core.units import WAN
from parkos.enterprises.forms import EnterpriseByUSCCField
from parkos.enterprises.models import Enterprise

from .models import Adjustment, AdmissionBar, Scheme, SchemeIndicator


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


class SchemeForm(forms.ModelForm):
    class Meta:
        model = Scheme
        fields = [
            "name",
            "description",
            "population",
            "min_land_mu",
            "exclude_founded_within_years",
            "exclude_industries",
            "rented_floor_share",
            "merge_tenants",
            "missing_rule",
            "missing_penalty",
            "grade_method",
            "grade_a",
            "grade_b",
            "grade_c",
            "grade_d",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


IndicatorFormSet = forms.inlineformset_factory(
    Scheme,
    SchemeIndicator,
    fields=[
        "code",
        "weight",
        "benchmark_rule",
        "benchmark_value",
        "scaling",
        "cap",
        "floor",
        "order",
    ],
    extra=2,
    can_delete=True,
    widgets={
        name: forms.Select(attrs={"class": "form-select form-select-sm"})
        for name in ("code", "benchmark_rule", "scaling")
    }
    | {
        name: forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "any"})
        for name in ("weight", "benchmark_value", "cap", "floor", "order")
    },
)


class AdjustmentForm(forms.ModelForm):
    enterprise = EnterpriseByUSCCField(label=_("Enterprise (USCC)"), required=True)

    class Meta:
        model = Adjustment
        fields = ["enterprise", "year", "kind", "points", "grade", "reason"]
        widgets = {
            "year": forms.NumberInput(attrs={"class": "form-control"}),
            "kind": forms.Select(attrs={"class": "form-select"}),
            "points": forms.NumberInput(attrs={"class": "form-control", "step": "any"}),
            "grade": forms.Select(attrs={"class": "form-select"}),
            "reason": forms.TextInput(attrs={"class": "form-control"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user)

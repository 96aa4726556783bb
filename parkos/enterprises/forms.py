from django import forms
from django.utils.translation import gettext_lazy as _

from parkos.core.forms import DatePicker
from parkos.parks.models import Park, Zone

from .models import Cluster, Enterprise, Industry
from .validators import normalise_uscc


class EnterpriseForm(forms.ModelForm):
    # A park has thousands of enterprises: the landlord is named by its USCC, not picked.
    landlord = forms.ModelChoiceField(
        queryset=Enterprise.objects.none(),
        required=False,
        to_field_name="uscc",
        label=_("Landlord (USCC)"),
        widget=forms.TextInput(attrs={"placeholder": "91310116…"}),
        error_messages={"invalid_choice": _("No enterprise with this USCC in your parks.")},
    )
    industry = forms.ModelChoiceField(
        queryset=Industry.objects.all(),
        required=False,
        label=_("Industry code"),
        widget=forms.TextInput(attrs={"placeholder": "C3511"}),
        error_messages={"invalid_choice": _("Unknown GB/T 4754-2017 industry code.")},
        help_text=_("GB/T 4754-2017 code, e.g. C3511."),
    )

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "uscc",
            "legal_representative",
            "founded_on",
            "registered_capital",
            "address",
            "industry",
            "park",
            "zone",
            "landlord",
            "clusters",
            "is_above_scale",
            "status",
            "own_land_mu",
            "rented_floor_m2",
            "tags",
            "description",
        ]
        widgets = {
            "founded_on": DatePicker(),
            "clusters": forms.CheckboxSelectMultiple,
            "tags": forms.CheckboxSelectMultiple,
        }
        labels = {"registered_capital": _("Registered capital (yuan)")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = Park.objects.visible_to(user)
        self.fields["zone"].queryset = Zone.objects.visible_to(user).select_related("park")
        self.fields["clusters"].queryset = Cluster.objects.select_related("scheme")
        self.fields["landlord"].queryset = Enterprise.objects.visible_to(user)
        if self.instance.pk and self.instance.industry_id:
            self.initial["industry"] = self.instance.industry_id
        if self.instance.pk and self.instance.landlord_id:
            self.initial["landlord"] = self.instance.landlord.uscc

    def clean_uscc(self):
        return normalise_uscc(self.cleaned_data["uscc"])

    def clean_industry(self):
        return self.cleaned_data.get("industry")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("landlord") and cleaned["landlord"].pk == self.instance.pk:
            self.add_error("landlord", _("An enterprise cannot be its own landlord."))
        park, zone = cleaned.get("park"), cleaned.get("zone")
        if park and zone and zone.park_id != park.id:
            self.add_error("zone", _("This zone belongs to another park."))
        return cleaned

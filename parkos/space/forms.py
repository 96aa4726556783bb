from django import forms
from django.utils.translation import gettext_lazy as _

from parkos.enterprises.models import Enterprise
from parkos.parks.models import Park, Zone

from .choices import Suitability
from .models import Building, FloorSpec, Parcel, Unit


def _style(form):
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        else:
            css = "form-select" if hasattr(widget, "choices") else "form-control"
        widget.attrs.setdefault("class", css)


class BuildingForm(forms.ModelForm):
    owner = forms.ModelChoiceField(
        queryset=Enterprise.objects.none(),
        required=False,
        to_field_name="uscc",
        label=_("Owner (USCC)"),
        widget=forms.TextInput(attrs={"placeholder": "91310116…"}),
        error_messages={"invalid_choice": _("No enterprise with this USCC in your parks.")},
    )
    suitability = forms.MultipleChoiceField(
        choices=Suitability.choices,
        required=False,
        label=_("Suitable for"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Building
        fields = [
            "code",
            "name",
            "park",
            "zone",
            "parcel",
            "ownership",
            "owner",
            "year_built",
            "latitude",
            "longitude",
            "form",
            "floors",
            "total_floor_m2",
            "available_floor_m2",
            "structure",
            "column_grid",
            "fire_class",
            "crane_tonnes",
            "power_kva",
            "gas",
            "water",
            "drainage",
            "loading_docks",
            "suitability",
            "overview",
            "published",
            "internal_note",
        ]
        widgets = {
            "overview": forms.Textarea(attrs={"rows": 3}),
            "internal_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = Park.objects.visible_to(user)
        self.fields["zone"].queryset = Zone.objects.visible_to(user)
        self.fields["parcel"].queryset = Parcel.objects.visible_to(user)
        self.fields["owner"].queryset = Enterprise.objects.visible_to(user)
        if self.instance.pk and self.instance.owner_id:
            self.initial["owner"] = self.instance.owner.uscc
        _style(self)


FloorSpecFormSet = forms.inlineformset_factory(
    Building,
    FloorSpec,
    fields=["floor", "clear_height_m", "floor_load_kn_m2", "area_m2"],
    extra=1,
    can_delete=True,
    widgets={
        name: forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "any"})
        for name in ("floor", "clear_height_m", "floor_load_kn_m2", "area_m2")
    },
)

UnitFormSet = forms.inlineformset_factory(
    Building,
    Unit,
    fields=[
        "code",
        "floor",
        "area_m2",
        "status",
        "rent_per_m2_day",
        "sale_price_per_m2",
        "published",
    ],
    extra=1,
    can_delete=True,
    widgets={
        "code": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
        "status": forms.Select(attrs={"class": "form-select form-select-sm"}),
        **{
            name: forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "any"})
            for name in ("floor", "area_m2", "rent_per_m2_day", "sale_price_per_m2")
        },
    },
)


class ParcelForm(forms.ModelForm):
    class Meta:
        model = Parcel
        fields = [
            "code",
            "park",
            "zone",
            "area_mu",
            "land_use",
            "status",
            "guide_price",
            "polygon",
            "overview",
            "published",
            "internal_note",
        ]
        widgets = {
            "overview": forms.Textarea(attrs={"rows": 3}),
            "internal_note": forms.Textarea(attrs={"rows": 2}),
            "polygon": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = Park.objects.visible_to(user)
        self.fields["zone"].queryset = Zone.objects.visible_to(user)
        _style(self)

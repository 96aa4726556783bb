from django import forms
from django.utils.translation import gettext_lazy as _

from parkos.core.forms import DatePicker, style_fields
from parkos.enterprises.filters import cluster_choices
from parkos.enterprises.forms import EnterpriseByUSCCField
from parkos.enterprises.models import Enterprise
from parkos.parks.models import Park, Zone

from .choices import BuildingForm as BuildingFormChoices
from .choices import Suitability
from .matching import CRITERIA, DEFAULT_MUST, Demand
from .models import Building, FloorSpec, Parcel, Unit


class BuildingForm(forms.ModelForm):
    owner = EnterpriseByUSCCField(label=_("Owner (USCC)"))
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
        style_fields(self)


UNIT_FIELDS = [
    "code",
    "floor",
    "area_m2",
    "status",
    "available_from",
    "rent_per_m2_day",
    "sale_price_per_m2",
    "published",
]


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
    fields=UNIT_FIELDS,
    extra=1,
    can_delete=True,
    widgets={
        "code": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
        "status": forms.Select(attrs={"class": "form-select form-select-sm"}),
        "available_from": DatePicker(attrs={"class": "form-control form-control-sm"}),
        **{
            name: forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "any"})
            for name in ("floor", "area_m2", "rent_per_m2_day", "sale_price_per_m2")
        },
    },
)


class UnitForm(forms.ModelForm):
    """One unit on its own (the API's unit routes); the building page edits them as a formset."""

    class Meta:
        model = Unit
        fields = ["building", *UNIT_FIELDS, "internal_note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = Building.objects.visible_to(user)


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
        style_fields(self)


def _amount(label):
    """A number a demand asks for: what a listing stores (two decimals at most; a tinier or
    larger number overflowed PostgreSQL's numeric and answered 500)."""
    return forms.DecimalField(
        label=label, required=False, min_value=0, max_digits=12, decimal_places=2
    )


class DemandForm(forms.Form):
    """What an investor needs, in the units a listing uses; beside each criterion, a box marks
    it a must-have (`must`, one value per criterion) rather than a preference."""

    area_min = _amount(_("Area from (m²)"))
    area_max = _amount(_("Area to (m²)"))
    forms_ = forms.MultipleChoiceField(
        label=_("Form"),
        required=False,
        choices=BuildingFormChoices.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    suitability = forms.MultipleChoiceField(
        label=_("Suitable for"),
        required=False,
        choices=Suitability.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    min_clear_height = _amount(_("Clear height ≥ (m)"))
    min_floor_load = _amount(_("Floor load ≥ (kN/m²)"))
    min_crane = _amount(_("Crane ≥ (t)"))
    min_power_kva = forms.IntegerField(
        label=_("Power ≥ (kVA)"), required=False, min_value=0, max_value=10**7
    )
    max_rent = _amount(_("Rent ≤ (yuan per m² per day)"))
    zone = forms.ModelChoiceField(
        label=_("Preferred zone"), required=False, queryset=Zone.objects.none()
    )
    move_in = forms.DateField(label=_("Move in by"), required=False, widget=DatePicker())
    cluster = forms.TypedChoiceField(
        label=_("Industry cluster"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=lambda: [("", _("All")), *cluster_choices()],
    )
    must = forms.MultipleChoiceField(
        label=_("Must be met"),
        required=False,
        choices=[(key, key) for key in CRITERIA],
        initial=sorted(DEFAULT_MUST),
        widget=forms.CheckboxSelectMultiple,
    )

    # The form as the page lays it out: each criterion's fields, with its must-have box.
    LAYOUT = [
        ("area", _("Area (m²)"), ["area_min", "area_max"]),
        (None, None, ["forms_"]),
        (None, None, ["suitability"]),
        ("clear_height", None, ["min_clear_height"]),
        ("floor_load", None, ["min_floor_load"]),
        ("crane", None, ["min_crane"]),
        ("power", None, ["min_power_kva"]),
        ("budget", None, ["max_rent"]),
        ("zone", None, ["zone"]),
        ("move_in", None, ["move_in"]),
        (None, None, ["cluster"]),
    ]

    def __init__(self, *args, zones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forms_"].widget.attrs["class"] = ""
        self.fields["zone"].queryset = zones
        for name in ("area_min", "area_max"):  # two boxes under one label: each says which
            self.fields[name].widget.attrs["aria-label"] = self.fields[name].label
        style_fields(self)

    def rows(self):
        """For the template: a label, the fields and, for a criterion, its must-have box
        (checked as submitted, or as by default when the form is empty)."""
        ticked = set(self["must"].value() or ())
        return [
            {
                "key": key,
                "label": label or self[names[0]].label,
                "fields": [self[name] for name in names],
                "must": key is not None and key in ticked,
            }
            for key, label, names in self.LAYOUT
        ]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("area_min"), cleaned.get("area_max")
        if low is not None and high is not None and low > high:
            self.add_error("area_max", _("The upper bound is below the lower bound."))
        return cleaned

    def demand(self):
        data = self.cleaned_data
        return Demand(
            area_min=data["area_min"],
            area_max=data["area_max"],
            forms=data["forms_"],
            suitability=data["suitability"],
            min_clear_height=data["min_clear_height"],
            min_floor_load=data["min_floor_load"],
            min_crane=data["min_crane"],
            min_power_kva=data["min_power_kva"],
            max_rent=data["max_rent"],
            zone_id=data["zone"].pk if data["zone"] else None,
            move_in=data["move_in"],
            cluster_id=data["cluster"],
            must=frozenset(data["must"]),
        )

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parkos.core.forms import DatePicker, USCCChoiceField, USCCField, check_on_form, style_fields
from parkos.parks.models import Park, Zone

from .models import Cluster, ClusterScheme, Contact, Enterprise, HonourAward, Industry, Tag
from .rules import check_clusters_in_park, clusters_for_parks


class EnterpriseByUSCCField(USCCChoiceField):
    """An enterprise named by its USCC: a park has thousands, too many to pick from a list.
    The form sets `queryset` to the enterprises its user sees. The code is judged like the
    enterprise's own (`clean_uscc`) before it is looked up."""

    def __init__(self, *, label, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(
            queryset=Enterprise.objects.none(),
            to_field_name="uscc",
            label=label,
            widget=forms.TextInput(attrs={"placeholder": "91310116…"}),
            error_messages={"invalid_choice": _("No enterprise with this USCC in your parks.")},
            **kwargs,
        )

    def prepare_value(self, value):
        # An edited record gives the enterprise's id; the box shows its USCC.
        if isinstance(value, int) and not isinstance(value, bool):
            return Enterprise.objects.filter(pk=value).values_list("uscc", flat=True).first()
        return super().prepare_value(value)


class IndustryCodeField(forms.ModelChoiceField):
    """A GB/T 4754-2017 industry typed as its code (the catalogue has 1,971 entries, too many for
    a select)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(
            queryset=Industry.objects.all(),
            label=_("Industry code"),
            widget=forms.TextInput(attrs={"placeholder": "C3511"}),
            error_messages={"invalid_choice": _("Unknown GB/T 4754-2017 industry code.")},
            help_text=_("GB/T 4754-2017 code, e.g. C3511."),
            **kwargs,
        )


class EnterpriseForm(forms.ModelForm):
    landlord = EnterpriseByUSCCField(label=_("Landlord (USCC)"))
    industry = IndustryCodeField()

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
        # Spaces, hyphens, lowercase and full-width characters accepted and the code judged as
        # the import and the API judge it (the API posts this form).
        field_classes = {"uscc": USCCField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = Park.objects.visible_to(user)
        self.fields["zone"].queryset = Zone.objects.visible_to(user).select_related("park")
        self.fields["clusters"].queryset = clusters_for_parks(self.fields["park"].queryset)
        self.fields["tags"].queryset = Tag.objects.filter(
            Q(park__in=self.fields["park"].queryset) | Q(park__isnull=True)
        ).select_related("park")
        # Two parks may both have a 新材料 cluster or a 重点企业 tag: say whose each box is.
        self.fields["clusters"].label_from_instance = lambda c: c.label
        self.fields["tags"].label_from_instance = lambda t: t.label
        self.fields["landlord"].queryset = Enterprise.objects.visible_to(user)
        if self.instance.pk and self.instance.industry_id:
            self.initial["industry"] = self.instance.industry_id

    def clean_industry(self):
        return self.cleaned_data.get("industry")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("landlord") and cleaned["landlord"].pk == self.instance.pk:
            self.add_error("landlord", _("An enterprise cannot be its own landlord."))
        park, zone = cleaned.get("park"), cleaned.get("zone")
        if park and zone and zone.park_id != park.id:
            self.add_error("zone", _("This zone belongs to another park."))
        if park and cleaned.get("clusters"):
            check_on_form(self, "clusters", check_clusters_in_park, cleaned["clusters"], park)
        return cleaned


class ContactForm(forms.ModelForm):
    enterprise = EnterpriseByUSCCField(label=_("Enterprise (USCC)"), required=True)

    class Meta:
        model = Contact
        fields = ["enterprise", "name", "title", "phone", "email", "is_primary"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user)
        if user.enterprise_id and not self.instance.pk:
            # An enterprise keeps its own contacts: its enterprise is given, not typed.
            self.initial["enterprise"] = user.enterprise.uscc
            self.fields["enterprise"].widget = forms.HiddenInput()
        style_fields(self)


class HonourAwardForm(forms.ModelForm):
    enterprise = EnterpriseByUSCCField(label=_("Enterprise (USCC)"), required=True)

    class Meta:
        model = HonourAward
        fields = ["enterprise", "honour_type", "year", "status", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user)
        style_fields(self)


class ParkOrDistrictForm(forms.ModelForm):
    """A row that is a park's own or the district's: a park's staff create their park's only
    (the district's rows they may read but not change)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        park = self.fields["park"]
        park.queryset = Park.objects.visible_to(user)
        if user.park_id is not None:  # a park's staff add their park's own, never the district's
            park.required, park.empty_label, park.help_text = True, None, ""
        style_fields(self)


class ClusterSchemeForm(ParkOrDistrictForm):
    class Meta:
        model = ClusterScheme
        fields = ["name", "park", "description", "target_growth", "target_share"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class TagForm(ParkOrDistrictForm):
    class Meta:
        model = Tag
        fields = ["name", "park"]


class ClusterForm(forms.ModelForm):
    class Meta:
        model = Cluster
        fields = ["scheme", "name", "code", "order", "target_growth", "target_share"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = ClusterScheme.objects.writable_by(user)
        style_fields(self)

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from parkos.core.forms import DatePicker, DateTimePicker, style_fields
from parkos.core.roles import Role
from parkos.enterprises.forms import EnterpriseByUSCCField
from parkos.enterprises.models import Enterprise
from parkos.parks.models import Park

from .choices import VisitStatus
from .models import Department, RequestCategory, ServicePackage, ServiceRequest, Visit
from .queries import visit_warnings


class ServiceRequestForm(forms.ModelForm):
    """Raise or correct a request. An enterprise user raises their own enterprise's, received
    now, for the steward of their zone: those fields are the staff's."""

    enterprise = EnterpriseByUSCCField(label=_("Enterprise (USCC)"), required=True)
    received_at = forms.DateTimeField(
        label=ServiceRequest._meta.get_field("received_at").verbose_name,
        required=False,
        widget=DateTimePicker(),
        help_text=_("Empty: now."),
    )

    class Meta:
        model = ServiceRequest
        fields = [
            "enterprise",
            "category",
            "title",
            "description",
            "assignee",
            "department",
            "received_at",
        ]
        widgets = {
            "received_at": DateTimePicker(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"received_at": _("Empty: now.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user)
        self.fields["category"].queryset = RequestCategory.objects.filter(is_active=True)
        parks = Park.objects.visible_to(user)
        self.fields["assignee"].queryset = get_user_model().objects.filter(
            role=Role.STEWARD, park__in=parks, is_active=True
        )
        self.fields["assignee"].label_from_instance = lambda u: u.display_name
        self.fields["department"].queryset = Department.objects.filter(park__in=parks)
        if user.role == Role.ENTERPRISE:
            for name in ("assignee", "department", "received_at"):
                del self.fields[name]
            if user.enterprise_id and not self.instance.pk:
                # The model form's initial (from the new, empty instance) would hide the field's.
                self.initial["enterprise"] = user.enterprise.uscc
                self.fields["enterprise"].widget = forms.HiddenInput()
        style_fields(self)


class StepForm(forms.Form):
    """One step on a request's timeline, as the detail page's buttons post it."""

    step = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rating = forms.TypedChoiceField(
        label=_("Satisfaction"),
        choices=[("", "—")] + [(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class VisitForm(forms.ModelForm):
    """Plan or record a visit. Planning one that may disturb the enterprise (it asked for
    fewer visits, or was visited this month) says why, and goes ahead once confirmed."""

    enterprise = EnterpriseByUSCCField(label=_("Enterprise (USCC)"), required=True)
    confirm = forms.BooleanField(
        label=_("Plan it all the same"),
        required=False,
        help_text=_("Never disturb without cause: tick only after reading the warnings."),
    )

    class Meta:
        model = Visit
        fields = ["enterprise", "status", "on", "people_met", "notes", "findings", "confirm"]
        widgets = {
            "on": DatePicker(),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "findings": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user)
        self.warnings = []
        style_fields(self)

    def clean(self):
        cleaned = super().clean()
        enterprise, on = cleaned.get("enterprise"), cleaned.get("on")
        planning = cleaned.get("status") == VisitStatus.PLANNED and not self.instance.pk
        if planning and enterprise and on:
            self.warnings = visit_warnings(enterprise, on)
            if self.warnings and not cleaned.get("confirm"):
                raise forms.ValidationError(
                    [*self.warnings, _("Tick “Plan it all the same” to plan it anyway.")],
                    code="disturbs",
                )
        return cleaned


class VisitRequestForm(forms.Form):
    """The one click that turns a visit's findings into a request: its category."""

    category = forms.ModelChoiceField(
        queryset=RequestCategory.objects.filter(is_active=True), label=_("Category")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self, small=True)


class ServicePackageForm(forms.ModelForm):
    """A key enterprise's service package: the team is chosen among the stewards of the parks
    the user sees (the action checks they are of the enterprise's park)."""

    enterprise = EnterpriseByUSCCField(label=_("Enterprise (USCC)"), required=True)

    class Meta:
        model = ServicePackage
        fields = ["enterprise", "lead", "members", "contact_every", "commitments"]
        widgets = {"commitments": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user)
        stewards = get_user_model().objects.filter(
            role=Role.STEWARD, park__in=Park.objects.visible_to(user), is_active=True
        )
        for name in ("lead", "members"):
            self.fields[name].queryset = stewards
            self.fields[name].label_from_instance = lambda u: u.display_name
        style_fields(self)

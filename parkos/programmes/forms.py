from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parkos.core.forms import DatePicker, style_fields
from parkos.core.roles import Role
from parkos.enterprises.forms import EnterpriseByUSCCField
from parkos.enterprises.models import Cluster, Enterprise, Tag
from parkos.parks.models import Park, Zone

from .models import Event, Registration


class EventForm(forms.ModelForm):
    """An event of a park the user works in, with its audience in that park."""

    class Meta:
        model = Event
        fields = [
            "park",
            "kind",
            "title",
            "organiser",
            "on",
            "starts_at",
            "place",
            "capacity",
            "zones",
            "clusters",
            "tags",
            "description",
        ]
        widgets = {
            "on": DatePicker(),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = Park.objects.visible_to(user)
        self.fields["zones"].queryset = Zone.objects.visible_to(user).select_related("park")
        self.fields["clusters"].queryset = Cluster.objects.visible_to(user).select_related("scheme")
        self.fields["tags"].queryset = Tag.objects.visible_to(user).select_related("park")
        self.fields["clusters"].label_from_instance = lambda c: c.label
        self.fields["tags"].label_from_instance = lambda t: t.label
        style_fields(self)


class RegistrationForm(forms.ModelForm):
    """Register an enterprise for an upcoming event. An enterprise user registers their own."""

    enterprise = EnterpriseByUSCCField(label=_("Enterprise (USCC)"), required=True)

    class Meta:
        model = Registration
        fields = ["event", "enterprise"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user)
        self.fields["event"].queryset = (
            Event.objects.visible_to(user).filter(on__gte=timezone.localdate()).order_by("on")
        )
        if user.role == Role.ENTERPRISE and user.enterprise_id and not self.instance.pk:
            # The instance's empty enterprise would win over a field's initial.
            self.initial["enterprise"] = user.enterprise.uscc
            self.fields["enterprise"].widget = forms.HiddenInput()
        style_fields(self)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[("", "—")] + [(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        empty_value=None,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class WalkInForm(forms.Form):
    """An enterprise that came without registering, named by its USCC."""

    enterprise = EnterpriseByUSCCField(label=_("Walk-in enterprise (USCC)"), required=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user)
        style_fields(self, small=True)

from django import forms
from django.utils.translation import gettext_lazy as _

from parkos.core.forms import style_fields
from parkos.parks.models import Park

from .models import MonthlyAnalysis, WarningRule


class WarningRuleForm(forms.ModelForm):
    class Meta:
        model = WarningRule
        fields = ["kind", "park", "threshold", "min_investment", "is_active", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = Park.objects.visible_to(user)
        if user.park_id is not None:  # a park's admin sets its park's rules, not the district's
            self.fields["park"].required = True
            self.fields["park"].empty_label = None
        style_fields(self)


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was checked or done about it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class MonthlyAnalysisForm(forms.ModelForm):
    """A new analysis: its park (or the district) and month, the text generated; a draft: its
    words."""

    class Meta:
        model = MonthlyAnalysis
        fields = ["park", "year", "month", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = Park.objects.visible_to(user)
        if user.park_id is not None:
            self.fields["park"].required = True
            self.fields["park"].empty_label = None
        if self.instance.pk:
            for name in ("park", "year", "month"):
                self.fields[name].disabled = True
        else:
            self.fields["body"].help_text = _("Leave empty: the text is written from the figures.")
        style_fields(self)

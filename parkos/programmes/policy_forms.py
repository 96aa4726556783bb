"""Forms of policy calls, honour criteria and the workflow's steps. The criteria are typed as
fields and kept as the row's small dict of declared criteria (`rules.CRITERIA`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from parkos.core.forms import DatePicker, MoneyField, style_fields
from parkos.enterprises.forms import EnterpriseByUSCCField
from parkos.enterprises.models import Cluster, Enterprise, HonourType
from parkos.parks.models import Park

from .choices import HonourApplicationStatus
from .models import HonourCriteria, PolicyCall
from .rules import CRITERIA, GRADES, clean_criteria


class CriteriaFields(forms.ModelForm):
    """The declared criteria as form fields; `clean` folds them into `criteria`."""

    crit_clusters = forms.ModelMultipleChoiceField(
        Cluster.objects.none(), required=False, label=CRITERIA["clusters"][1]
    )
    crit_above_scale = forms.BooleanField(required=False, label=CRITERIA["above_scale"][1])
    crit_honours = forms.ModelMultipleChoiceField(
        HonourType.objects.none(), required=False, label=CRITERIA["honours"][1]
    )
    crit_min_tax = MoneyField(
        required=False, label=_("Tax paid in the latest year at least (万元)")
    )
    crit_min_revenue = MoneyField(
        required=False, label=_("Revenue in the latest year at least (万元)")
    )
    crit_min_rd_intensity = forms.DecimalField(
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        label=CRITERIA["min_rd_intensity"][1],
    )
    crit_min_land_mu = forms.DecimalField(
        required=False, min_value=0, decimal_places=2, label=CRITERIA["min_land_mu"][1]
    )
    crit_min_years = forms.IntegerField(
        required=False, min_value=0, max_value=100, label=CRITERIA["min_years"][1]
    )
    crit_grades = forms.MultipleChoiceField(
        choices=[(g, g) for g in GRADES],
        required=False,
        label=CRITERIA["grades"][1],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["crit_clusters"].queryset = Cluster.objects.visible_to(user).select_related(
            "scheme"
        )
        self.fields["crit_honours"].queryset = HonourType.objects.all()
        stored = self.instance.criteria or {}
        for name in CRITERIA:
            if name in stored and not self.is_bound:
                self.initial[f"crit_{name}"] = stored[name]

    def clean(self):
        data = super().clean()
        raw = {}
        for name in CRITERIA:
            value = data.pop(f"crit_{name}", None)
            if hasattr(value, "values_list"):
                value = list(value.values_list("pk", flat=True))
            raw[name] = value
        try:
            data["criteria"] = clean_criteria(raw)
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc
        return data


class PolicyCallForm(CriteriaFields):
    class Meta:
        model = PolicyCall
        fields = ["park", "title", "kind", "level", "year", "batch", "department", "deadline"]
        widgets = {"deadline": DatePicker()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["park"].queryset = Park.objects.visible_to(user)
        style_fields(self)


class HonourCriteriaForm(CriteriaFields):
    class Meta:
        model = HonourCriteria
        fields = ["honour_type", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["honour_type"].queryset = HonourType.objects.all()
        style_fields(self)


class ApplyForm(forms.Form):
    """An application to a call: the amount applied for (万元) and its date."""

    amount = MoneyField(label=_("Amount applied for (万元)"))
    on = forms.DateField(label=_("Date"), required=False, widget=DatePicker())


class StepForm(forms.Form):
    """A decision on a project: its amount (万元, for approval and disbursement), date, note."""

    amount = MoneyField(label=_("Amount (万元)"), required=False)
    on = forms.DateField(label=_("Date"), required=False, widget=DatePicker())
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class RecommendForm(forms.Form):
    enterprise = EnterpriseByUSCCField(label=_("Enterprise (USCC)"), required=True)
    on = forms.DateField(label=_("Date"), required=False, widget=DatePicker())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user)
        style_fields(self)


class HonourDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (s.value, s.label)
            for s in (
                HonourApplicationStatus.AWARDED,
                HonourApplicationStatus.RECERTIFIED,
                HonourApplicationStatus.NOT_AWARDED,
            )
        ],
    )
    on = forms.DateField(label=_("Date"), required=False, widget=DatePicker())
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

from django import forms
from django.utils.translation import gettext_lazy as _

from parkos.core.forms import DatePicker, MoneyField, style_fields
from parkos.core.roles import Role
from parkos.enterprises.forms import EnterpriseByUSCCField
from parkos.enterprises.models import Enterprise
from parkos.parks.models import Park

from .models import Bank, FinancingDemand, LoanProgramme, LoanRound, PartnerBank


class LoanProgrammeForm(forms.ModelForm):
    class Meta:
        model = LoanProgramme
        fields = ["park", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = Park.objects.visible_to(user)
        style_fields(self)


def _programmes(user):
    return LoanProgramme.objects.visible_to(user).select_related("park")


class PartnerBankForm(forms.ModelForm):
    """A bank of a programme, with the amounts (万元) and the term it takes."""

    min_amount = MoneyField(label=_("Smallest loan (10k yuan)"), required=False)
    max_amount = MoneyField(label=_("Largest loan (10k yuan)"), required=False)

    class Meta:
        model = PartnerBank
        fields = ["programme", "bank", "min_amount", "max_amount", "max_term_months"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = _programmes(user)
        self.fields["bank"].queryset = Bank.objects.all()
        style_fields(self)


class LoanRoundForm(forms.ModelForm):
    class Meta:
        model = LoanRound
        fields = ["programme", "number", "opens_on", "closes_on"]
        widgets = {"opens_on": DatePicker(), "closes_on": DatePicker()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = _programmes(user)
        style_fields(self)


class FinancingDemandForm(forms.ModelForm):
    """An enterprise's demand in a round (an enterprise user files their own); the amount in
    万元. Status, bank and outcome are not fields: the staff's actions write them."""

    enterprise = EnterpriseByUSCCField(label=_("Enterprise (USCC)"), required=True)
    amount = MoneyField(label=_("Amount demanded (10k yuan)"), min_value=0.01)

    class Meta:
        model = FinancingDemand
        fields = [
            "round",
            "enterprise",
            "amount",
            "purpose",
            "term_months",
            "collateral",
            "preferred_bank",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user)
        self.fields["round"].queryset = LoanRound.objects.visible_to(user).select_related(
            "programme"
        )
        self.fields["preferred_bank"].queryset = Bank.objects.all()
        if user.role == Role.ENTERPRISE and user.enterprise_id and not self.instance.pk:
            # The instance's empty enterprise would win over a field's initial.
            self.initial["enterprise"] = user.enterprise.uscc
            self.fields["enterprise"].widget = forms.HiddenInput()
        style_fields(self)


class MatchForm(forms.Form):
    bank = forms.ModelChoiceField(label=_("Bank"), queryset=Bank.objects.none())

    def __init__(self, *args, demand, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bank"].queryset = Bank.objects.filter(
            partnerships__programme_id=demand.round.programme_id
        )
        style_fields(self, small=True)


class GrantForm(forms.Form):
    granted_amount = MoneyField(label=_("Amount granted (10k yuan)"), min_value=0.01)
    granted_on = forms.DateField(label=_("Granted on"), widget=DatePicker())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self, small=True)


class DeclineForm(forms.Form):
    declined_reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self, small=True)

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from parkos.core.forms import DatePicker, MoneyField, check_on_form, style_fields
from parkos.core.roles import Role
from parkos.core.units import YI
from parkos.enterprises.forms import EnterpriseByUSCCField, IndustryCodeField
from parkos.enterprises.models import Enterprise
from parkos.enterprises.rules import check_clusters_in_park, clusters_for_parks
from parkos.parks.models import Park
from parkos.space.models import Building, Parcel

from .choices import PIPELINE, RANK, Stage
from .models import AnnualTarget, Project
from .rules import check_stage_move, today

# A new project enters at most at "signed"; the stages after it are reached by moving it, so
# the admission bar is never skipped.
ENTRY_STAGES = [(s.value, s.label) for s in PIPELINE if RANK[s] <= RANK[Stage.SIGNED]]


# The fields of a new project its entry check reads, and where a refused rule is shown.
PROBE_FIELDS = (
    "park",
    "land_need_mu",
    "floor_need_m2",
    "planned_investment",
    "promised_output",
    "promised_tax",
    "stage",
)
ENTRY_FIELDS = {"stage": "stage", "on": "stage_since"}


class ProjectForm(forms.ModelForm):
    planned_investment = MoneyField(label=_("Planned total investment (10k yuan)"), required=False)
    foreign_capital = MoneyField(label=_("Foreign capital amount (10k yuan)"), required=False)
    promised_output = MoneyField(
        label=_("Promised yearly output at capacity (10k yuan)"), required=False
    )
    promised_tax = MoneyField(label=_("Promised yearly tax at capacity (10k yuan)"), required=False)
    industry = IndustryCodeField()
    enterprise = EnterpriseByUSCCField(
        label=_("Enterprise (USCC)"),
        help_text=_(
            "Once the project has registered its company: its output and tax are then "
            "compared with the promise."
        ),
    )
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=ENTRY_STAGES,
        initial=Stage.LEAD,
        help_text=_("Later stages are reached by moving the project, past the admission bar."),
    )
    stage_since = forms.DateField(
        label=_("In this stage since"),
        initial=today,
        widget=DatePicker(),
    )

    class Meta:
        model = Project
        fields = [
            "name",
            "park",
            "investor_name",
            "investor_country",
            "investor_group",
            "cluster",
            "industry",
            "channel",
            "source_event",
            "owner",
            "planned_investment",
            "is_foreign",
            "foreign_capital",
            "land_need_mu",
            "floor_need_m2",
            "promised_output",
            "promised_tax",
            "stage",
            "stage_since",
            "next_action",
            "next_action_on",
            "notes",
            "enterprise",
            "building",
            "parcel",
        ]
        widgets = {
            "next_action_on": DatePicker(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        parks = Park.objects.visible_to(user)
        self.fields["park"].queryset = parks
        if parks.count() == 1:
            self.fields["park"].initial = parks.first()
        self.fields["cluster"].queryset = clusters_for_parks(parks)
        self.fields["owner"].queryset = get_user_model().objects.filter(
            park__in=parks, role__in=[Role.INVESTMENT, Role.PARK_ADMIN], is_active=True
        )
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user)
        self.fields["building"].queryset = Building.objects.visible_to(user)
        self.fields["parcel"].queryset = Parcel.objects.visible_to(user)
        if self.instance.pk:
            # The stage has its own form (the move), with the rules of the pipeline.
            del self.fields["stage"], self.fields["stage_since"]
        else:
            # The unsaved project's empty values would hide the fields' own starting ones.
            for name in ("stage", "stage_since"):
                if self.initial.get(name) is None:
                    self.initial.pop(name, None)
        style_fields(self)

    def clean(self):
        cleaned = super().clean()
        park = cleaned.get("park")
        if cleaned.get("foreign_capital") and not cleaned.get("is_foreign"):
            self.add_error(
                "foreign_capital", _("Tick “foreign capital”, or leave the amount empty.")
            )
        if park is None:
            return cleaned
        for name in ("owner", "enterprise", "building", "parcel"):
            value = cleaned.get(name)
            if value is not None and value.park_id != park.id:
                self.add_error(name, _("This belongs to another park."))
        if cleaned.get("cluster") is not None:
            check_on_form(self, "cluster", check_clusters_in_park, [cleaned["cluster"]], park)
        if not self.instance.pk and cleaned.get("stage") and cleaned.get("stage_since"):
            self._check_entry_stage(cleaned)
        return cleaned

    def _check_entry_stage(self, cleaned):
        """A new project's first stage passes the same rules as any move."""
        probe = Project(**{k: v for k, v in cleaned.items() if k in PROBE_FIELDS})
        try:
            check_stage_move(probe, cleaned["stage"], on=cleaned["stage_since"], actor=self.user)
        except ValidationError as exc:
            for key, errors in exc.message_dict.items():
                self.add_error(ENTRY_FIELDS.get(key), errors)


class MoveForm(forms.Form):
    """Move a project to a stage on a date (from its page or by dragging its card)."""

    stage = forms.ChoiceField(label=_("New stage"), choices=Stage.choices)
    on = forms.DateField(label=_("Date"), initial=today, widget=DatePicker())
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the project is lost: say why."),
    )
    override_reason = forms.CharField(
        label=_("Reason to override the admission bar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Park admins only, when a land project below the bar acquires land."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class TargetForm(forms.ModelForm):
    signed_investment = MoneyField(label=_("Signed planned investment (100m yuan)"), factor=YI)
    foreign_capital = MoneyField(label=_("Foreign capital (100m yuan)"), factor=YI, required=False)

    class Meta:
        model = AnnualTarget
        fields = ["park", "year", "cluster", "signed_investment", "signed_count", "foreign_capital"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        parks = Park.objects.visible_to(user)
        self.fields["park"].queryset = parks
        self.fields["cluster"].queryset = clusters_for_parks(parks)
        self.fields["year"].initial = today().year
        style_fields(self)

    def clean(self):
        cleaned = super().clean()
        park, cluster = cleaned.get("park"), cleaned.get("cluster")
        if park and cluster:
            check_on_form(self, "cluster", check_clusters_in_park, [cluster], park)
        if park and cleaned.get("year"):
            twins = AnnualTarget.objects.filter(
                park=park, year=cleaned["year"], cluster=cluster
            ).exclude(pk=self.instance.pk)
            if twins.exists():
                self.add_error("year", _("This park already has a target for this year."))
        return cleaned

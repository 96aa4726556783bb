from django import forms
from django.utils.translation import gettext_lazy as _

from parkos.core.forms import style_fields
from parkos.enterprises.forms import EnterpriseByUSCCField, ParkOrDistrictForm
from parkos.enterprises.models import Cluster, Enterprise

from .models import ChainLink, ChainNode, ChainPlacement, ChainTemplate


class ChainTemplateForm(ParkOrDistrictForm):
    class Meta:
        model = ChainTemplate
        fields = ["name", "park", "cluster", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["cluster"].queryset = Cluster.objects.select_related("scheme")
        self.fields["cluster"].label_from_instance = lambda c: c.label


class ChainNodeForm(forms.ModelForm):
    class Meta:
        model = ChainNode
        fields = ["template", "name", "stage", "order", "weak_below"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ChainTemplate.objects.writable_by(user)
        style_fields(self)


class ChainPlacementForm(forms.ModelForm):
    enterprise = EnterpriseByUSCCField(label=_("Enterprise (USCC)"), required=True)

    class Meta:
        model = ChainPlacement
        fields = ["enterprise", "node", "product"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user)
        self.fields["node"].queryset = ChainNode.objects.visible_to(user).select_related("template")
        style_fields(self)


class ChainLinkForm(forms.ModelForm):
    anchor = EnterpriseByUSCCField(label=_("Anchor enterprise (USCC)"), required=True)
    partner = EnterpriseByUSCCField(label=_("Local partner (USCC)"), required=False)

    class Meta:
        model = ChainLink
        fields = ["anchor", "direction", "partner", "partner_name", "node", "product", "investment"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        visible = Enterprise.objects.visible_to(user)
        self.fields["anchor"].queryset = visible
        self.fields["partner"].queryset = visible
        self.fields["node"].queryset = ChainNode.objects.visible_to(user).select_related("template")
        style_fields(self)

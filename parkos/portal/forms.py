from django import forms
from django.utils.translation import gettext_lazy as _

from parkos.core.forms import style_fields

from .models import Enquiry


class EnquiryForm(forms.ModelForm):
    # A field people never see: bots fill it, and their enquiry is quietly dropped.
    website = forms.CharField(
        required=False,
        label=_("Website"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    # PIPL (个人信息保护法) art. 14 and 17: the visitor is told what is collected and why, and
    # agrees before anything is kept (the notice is portal/_privacy_notice.html).
    consent = forms.BooleanField(
        required=True,
        label=_("I have read the notice above and agree that my details are used for it."),
        error_messages={"required": _("Please agree to the notice, or call the park instead.")},
    )

    class Meta:
        model = Enquiry
        fields = ["name", "company", "phone", "email", "industry", "area_m2", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)

    def clean_phone(self):
        phone = "".join(ch for ch in self.cleaned_data["phone"] if ch.isdigit() or ch in "+-")
        if len(phone.replace("-", "").replace("+", "")) < 7:
            raise forms.ValidationError(_("Enter a phone number we can call (at least 7 digits)."))
        return phone

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


class EnquiryStatusForm(forms.ModelForm):
    class Meta:
        model = Enquiry
        fields = ["status", "staff_note"]
        widgets = {
            "status": forms.Select(attrs={"class": "form-select"}),
            "staff_note": forms.Textarea(attrs={"class": "form-control", "rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):  # `user=`: the declared entities' form shape
        super().__init__(*args, **kwargs)

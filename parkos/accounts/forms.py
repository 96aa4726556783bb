from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from parkos.core.forms import USCCChoiceField, style_fields

from .models import User
from .rules import ACCOUNT_FIELDS, GRANT_FIELDS, grants_roles, manages_accounts


class UserForm(forms.ModelForm):
    """A user as the system administrator (the account) and the security administrator (its
    role and place) manage them. A new user gets an initial password, an existing one keeps
    theirs unless a new one is typed."""

    # The enterprise is typed as its USCC (a park has thousands); declared here so the API,
    # whose body is generated from these fields, takes the USCC too; judged like every USCC.
    enterprise = USCCChoiceField(
        queryset=User._meta.get_field("enterprise").related_model.objects.none(),
        to_field_name="uscc",
        required=False,
        label=_("Enterprise (USCC)"),
        widget=forms.TextInput(attrs={"placeholder": "91310116…"}),
        error_messages={"invalid_choice": _("No enterprise with this USCC in your parks.")},
    )
    password1 = forms.CharField(
        label=_("Password"), required=False, strip=False, widget=forms.PasswordInput
    )
    password2 = forms.CharField(
        label=_("Password again"), required=False, strip=False, widget=forms.PasswordInput
    )

    class Meta:
        model = User
        fields = [
            "username",
            "last_name",
            "first_name",
            "email",
            "phone",
            "role",
            "park",
            "enterprise",
            "is_active",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only district-wide administrators manage users: every park and enterprise is a place
        # they may give.
        for name in ("park", "enterprise"):
            field = self.fields[name]
            field.queryset = field.queryset.model.objects.all()
        if self.instance.pk and self.instance.enterprise_id:
            self.initial["enterprise"] = self.instance.enterprise.uscc
        if not self.instance.pk:
            self.fields["password1"].required = self.fields["password2"].required = True
        else:
            self.fields["password1"].help_text = _("Leave empty to keep the current password.")
        # Each administrator sees the other's part of the account but cannot change it.
        others = []
        if not manages_accounts(user):
            others += [*ACCOUNT_FIELDS, "password1", "password2"]
        if not grants_roles(user):
            others += [name.removesuffix("_id") for name in GRANT_FIELDS]
        for name in others:
            self.fields[name].disabled = True
            self.fields[name].required = False
        style_fields(self)

    def _clean_fields(self):
        # A disabled field keeps its stored value whatever is sent; the API sends every field,
        # so a changed value there is refused by name rather than dropped without a word.
        super()._clean_fields()
        for name, field in self.fields.items():
            if not field.disabled or name not in self.data:
                continue
            stored = self[name].initial
            if self.data[name] != ("" if stored is None else str(stored)):
                self.add_error(name, _("This is another administrator's duty."))

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first or second:
            if first != second:
                self.add_error("password2", _("The two passwords differ."))
            else:
                try:
                    password_validation.validate_password(first, self.instance)
                except forms.ValidationError as exc:
                    self.add_error("password1", exc)
        return cleaned

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from parkos.core.forms import style_fields
from parkos.core.roles import Role

from .models import User


class UserForm(forms.ModelForm):
    """A user as a park's admins manage them. The enterprise is typed as its USCC (a park has
    thousands); a new user gets an initial password, an existing one keeps theirs unless a new
    one is typed."""

    # The enterprise is typed as its USCC (a park has thousands); declared here so the API,
    # whose body is generated from these fields, takes the USCC too.
    enterprise = forms.ModelChoiceField(
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
        park = self.fields["park"]
        park.queryset = park.queryset.model.objects.visible_to(user)
        enterprise = self.fields["enterprise"]
        enterprise.queryset = enterprise.queryset.model.objects.visible_to(user)
        if self.instance.pk and self.instance.enterprise_id:
            self.initial["enterprise"] = self.instance.enterprise.uscc
        if user.park_id is not None:  # a park's admins give their park's roles only
            self.fields["role"].choices = [
                (value, label) for value, label in Role.choices if value != Role.DISTRICT_ADMIN
            ]
            self.fields["park"].required = True
            self.fields["park"].empty_label = None
        if not self.instance.pk:
            self.fields["password1"].required = self.fields["password2"].required = True
        else:
            self.fields["password1"].help_text = _("Leave empty to keep the current password.")
        style_fields(self)

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

from django import forms
from django.contrib.auth import get_user_model

from parkos.core.forms import style_fields
from parkos.core.roles import Role

from .models import Park, Zone


class ZoneForm(forms.ModelForm):
    class Meta:
        model = Zone
        fields = ["park", "name", "code", "steward"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        parks = Park.objects.visible_to(user)
        self.fields["park"].queryset = parks
        self.fields["steward"].queryset = get_user_model().objects.filter(
            role=Role.STEWARD, park__in=parks, is_active=True
        )
        self.fields["steward"].label_from_instance = lambda u: f"{u.display_name}（{u.park}）"
        style_fields(self)

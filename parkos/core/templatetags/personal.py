"""`{% personal contact "phone" %}`: a person's field as the viewer may read it (masking.py)."""

from django import template

from parkos.core.masking import shown

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context, instance, name):
    return shown(context["request"].user, instance, name)

"""Personal data shown in full only to the roles that use it (PIPL; 等保 2.0 level 3, 个人信息
保护): a leader or an investment officer sees that a contact has a phone number, not the number.

A model names its personal fields and the permission that reveals them:

    masked_fields = {"phone": "enterprises.view_contact_phone", "email": ...}

and every way out of ParkOS (list and detail pages, exports, history, the API) writes the field
through `shown`."""

from django.db import models
from ninja import Schema

HIDDEN = "•"


def mask(value: str) -> str:
    """Enough to tell two values apart, not enough to call or write: 138••••5678, z•••@x.cn."""
    if not value:
        return value
    if "@" in value:
        name, _, domain = value.partition("@")
        return f"{name[:1]}{HIDDEN * 3}@{domain}"
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    keep = set(digits[:3] + digits[-4:]) if len(digits) >= 11 else set(digits[-2:])
    return "".join(ch if i in keep or not ch.isdigit() else HIDDEN for i, ch in enumerate(value))


def reveals(user, model: type[models.Model] | models.Model, name: str) -> bool:
    """May `user` read the field `name` of `model` in full?"""
    perm = getattr(model, "masked_fields", {}).get(name)
    return perm is None or (user is not None and user.has_perm(perm))


def shown(user, instance, name: str, value=None):
    """The field as `user` may read it (the instance's own value unless one is given)."""
    value = getattr(instance, name) if value is None else value
    return value if reveals(user, instance, name) else mask(value)


class PersonalFields(Schema):
    """Base of an API output schema whose `phone` and `email` are a person's: written as the
    caller may read them. A Schema itself, since django-ninja collects resolvers only from its
    own classes."""

    @staticmethod
    def resolve_phone(obj, context):
        return shown(context["request"].user, obj, "phone")

    @staticmethod
    def resolve_email(obj, context):
        return shown(context["request"].user, obj, "email")

"""The only writer of users from the product: atomic, `actor=`, audited (User keeps history)."""

from django.db import transaction

from parkos.core.actions import save_object
from parkos.core.audit import record
from parkos.core.models import AuditAction

from .models import User
from .rules import check_role_grant

NOT_FIELDS = ("password1", "password2")
# What decides what a user may see and do: a change of any is a security event.
GRANT_FIELDS = ("role", "park_id", "enterprise_id", "is_active", "is_superuser")


def save_user(*, actor, instance: User, values: dict) -> User:
    """Create or change a user within the actor's scope; the role must fit (`check_role_grant`);
    a typed password replaces the old one."""
    password = values.get("password1")
    fields = {k: v for k, v in values.items() if k not in NOT_FIELDS}
    before = (
        User.objects.filter(pk=instance.pk).values(*GRANT_FIELDS).first() if instance.pk else {}
    )
    with transaction.atomic():
        if not instance.password:
            instance.set_unusable_password()  # full_clean needs one; a typed one follows
        user = save_object(
            actor=actor,
            instance=instance,
            values=fields,
            checks=[lambda u: check_role_grant(actor, u)],
        )
        if password:
            user.set_password(password)
            user._history_user = actor
            user.save(update_fields=["password"])
        changes = [
            f"{name}: {before.get(name)} → {getattr(user, name)}"
            for name in GRANT_FIELDS
            if before.get(name) != getattr(user, name)
        ]
        if changes:
            record(AuditAction.ROLE_CHANGE, user=actor, obj=user, detail="; ".join(changes))
    return user

"""The only writer of users from the product: atomic, `actor=`, audited (User keeps history)."""

from axes.utils import reset
from django.core.exceptions import PermissionDenied
from django.db import transaction

from parkos.core.actions import save_object
from parkos.core.audit import record
from parkos.core.models import AuditAction

from .models import User
from .rules import ACCOUNT_FIELDS, GRANT_FIELDS, check_duties, check_role_grant

NOT_FIELDS = ("password1", "password2")
# What decides what a user may see and do: a change of any is a security event.
AUDITED = (*GRANT_FIELDS, "is_active", "is_superuser")


def save_user(*, actor, instance: User, values: dict) -> User:
    """Create or change a user within the actor's scope, each part by the administrator whose
    duty it is (`check_duties`); the role must fit (`check_role_grant`); a typed password
    replaces the old one."""
    password = values.get("password1")
    fields = {k: v for k, v in values.items() if k not in NOT_FIELDS}
    kept = (*ACCOUNT_FIELDS, *AUDITED)
    if instance.pk:
        before = User.objects.filter(pk=instance.pk).values(*kept).get()
    else:
        before = {name: getattr(User(), name) for name in kept}
    with transaction.atomic():
        if not instance.password:
            instance.set_unusable_password()  # full_clean needs one; a typed one follows
        user = save_object(
            actor=actor,
            instance=instance,
            values=fields,
            checks=[
                lambda u: check_duties(actor, u, before, bool(password)),
                lambda u: check_role_grant(actor, u),
            ],
        )
        if password:
            user.set_password(password)
            user._history_user = actor
            user.save(update_fields=["password"])
        changes = [
            f"{name}: {before.get(name)} → {getattr(user, name)}"
            for name in AUDITED
            if before[name] != getattr(user, name)
        ]
        if changes:
            record(AuditAction.ROLE_CHANGE, user=actor, obj=user, detail="; ".join(changes))
    return user


def unlock(*, actor, username: str) -> int:
    """Lift the lock on an account before its cool-off ends (the security administrator's
    duty); returns how many failure records were cleared."""
    if actor is not None and not actor.has_perm("accounts.unlock_user"):
        raise PermissionDenied
    if not username:
        return 0  # django-axes reads "no user name" as "every account"
    with transaction.atomic():
        cleared = reset(username=username)
        record(
            AuditAction.UNLOCK,
            user=actor,
            obj=User.objects.filter(username=username).first(),
            detail=username,
        )
    return cleared

"""What every domain's actions share: the permission check, the scope guard on writes, the
audit trail. A domain's `actions.py` holds the only functions that change its rows; they call
these helpers, so pages, the API, imports and commands meet the same checks.

Each helper takes the acting user as `actor` (None: the operator on the command line, who is
trusted). Writes run in one transaction; side effects belong in `transaction.on_commit`.
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .audit import record
from .models import AuditAction
from .scoping import is_writable, perm_name


def require_perm(actor, model, action: str) -> None:
    """The one permission check: the role grants `action` on the model, or PermissionDenied."""
    if actor is not None and not actor.has_perm(perm_name(model, action)):
        raise PermissionDenied


def check_in_scope(actor, instance: models.Model) -> None:
    """Before a change and after any write (inside its transaction): the row must be one the
    actor may change, so nobody creates or moves a row into another park, zone or enterprise,
    nor changes the district's rows they may only read. Raising rolls the write back."""
    if actor is not None and not is_writable(actor, instance):
        raise PermissionDenied


Check = Callable[[models.Model], None]


def save_object(
    *, actor, instance: models.Model, values: dict, checks: Iterable[Check] = ()
) -> models.Model:
    """Create or update `instance` with `values` (field name → cleaned value, as a form's
    cleaned_data): permission, business checks (each raises ValidationError), the model's own
    validation, the write with its history row (who), many-to-many fields, the scope guard."""
    adding = instance._state.adding
    require_perm(actor, type(instance), "add" if adding else "change")
    if not adding:
        # The row as stored must be in scope before it is changed, not only after.
        check_in_scope(actor, instance)
    fields = {name: instance._meta.get_field(name) for name in values}
    many = {name: value for name, value in values.items() if fields[name].many_to_many}
    with transaction.atomic():
        for name, value in values.items():
            if name not in many:
                setattr(instance, name, value)
        for check in checks:
            check(instance)
        instance.full_clean(exclude=list(many), validate_unique=True)
        instance._history_user = actor
        instance.save()
        for name, value in many.items():
            getattr(instance, name).set(value)
        check_in_scope(actor, instance)
    return instance


def delete_object(*, actor, instance: models.Model) -> None:
    """Delete a row the actor may see and delete; history keeps its last state and who."""
    require_perm(actor, type(instance), "delete")
    check_in_scope(actor, instance)
    with transaction.atomic():
        instance._history_user = actor
        try:
            instance.delete()
        except models.ProtectedError as exc:
            raise ValidationError(
                _protected_message(exc.protected_objects), code="protected"
            ) from exc
        except models.RestrictedError as exc:
            raise ValidationError(
                _protected_message(exc.restricted_objects), code="protected"
            ) from exc
        record(AuditAction.DELETE, user=actor, obj=instance)


def _protected_message(objects) -> str:
    names = "、".join(str(o) for o in list(objects)[:3])
    return _("Other records still refer to this one: %(names)s.") % {"names": names}

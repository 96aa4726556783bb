"""Who may give which role to whom, and who may change which part of an account: one check,
called by the user form's action (pages and the API)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from parkos.core.roles import ADMINISTRATORS, Role

PARK_ROLES = (Role.PARK_ADMIN, Role.INVESTMENT, Role.STEWARD)

# 三权分立: the system administrator keeps the account, the security administrator what it may
# do. Whether an account is active belongs to both (a compromised one is closed by either).
ACCOUNT_FIELDS = ("username", "last_name", "first_name", "email", "phone")
GRANT_FIELDS = ("role", "park_id", "enterprise_id")


def manages_accounts(actor) -> bool:
    return actor is None or actor.has_perm("accounts.add_user")


def grants_roles(actor) -> bool:
    return actor is None or actor.has_perm("accounts.grant_role")


def check_duties(actor, user, before: dict, password_typed: bool) -> None:
    """An account's details and password change only by a system administrator, its role, park
    and enterprise only by a security administrator: nobody gives an account both its existence
    and its rights. `before` holds the stored values (a new account's: the model's defaults)."""
    errors = {}
    if not manages_accounts(actor):
        message = _("Only a system administrator changes an account's details and password.")
        errors |= {n: message for n in ACCOUNT_FIELDS if before[n] != getattr(user, n)}
        if password_typed:
            errors["password1"] = message
    if not grants_roles(actor):
        message = _("Only a security administrator gives roles and scopes.")
        errors |= {
            n.removesuffix("_id"): message for n in GRANT_FIELDS if before[n] != getattr(user, n)
        }
    if errors:
        raise ValidationError(errors)


def check_role_grant(actor, user) -> None:
    """A role fits its place (a park's roles need the park, an enterprise user their enterprise
    in that park, district-wide roles no park); nobody changes their own role or deactivates
    themselves; a steward who serves zones stays an active steward of their park until the
    zones are reassigned."""
    errors = {}
    if user.role == Role.DISTRICT_ADMIN and user.park_id is not None:
        errors["park"] = _("A district admin serves the whole district: leave the park empty.")
    if user.role in PARK_ROLES and user.park_id is None:
        errors["park"] = _("This role works in one park: choose it.")
    if user.role == Role.ENTERPRISE:
        if user.enterprise_id is None:
            errors["enterprise"] = _("An enterprise user needs their enterprise.")
        elif user.enterprise.park_id != user.park_id:
            errors["enterprise"] = _("The enterprise is in another park.")
    elif user.enterprise_id is not None:
        errors["enterprise"] = _("Only enterprise users belong to an enterprise.")
    if user.role in ADMINISTRATORS and user.park_id is not None:
        errors["park"] = _("This administrator works for the whole district: leave the park empty.")
    if actor is not None and actor.pk == user.pk:
        stored = type(user).objects.filter(pk=user.pk).values_list("role", flat=True).first()
        if stored is not None and stored != user.role:
            errors["role"] = _("You cannot change your own role.")
        if not user.is_active:
            errors["is_active"] = _("You cannot deactivate your own account.")
    if user.pk is not None:
        # A zone's steward is a steward of its park: moving or demoting one who still serves
        # zones would leave those firms to someone outside them.
        served = [
            zone.name
            for zone in user.zones.all()
            if user.role != Role.STEWARD or zone.park_id != user.park_id or not user.is_active
        ]
        if served:
            errors["role"] = _(
                "%(name)s still serves %(zones)s: give those zones another steward first."
            ) % {"name": user.display_name, "zones": "、".join(served)}
    if errors:
        raise ValidationError(errors)

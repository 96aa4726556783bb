"""Who may give which role to whom: one check, called by the user form's action and the API."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from parkos.core.roles import Role

PARK_ROLES = (Role.PARK_ADMIN, Role.INVESTMENT, Role.STEWARD)


def check_role_grant(actor, user) -> None:
    """A role fits its place (a park's roles need the park, an enterprise user their enterprise
    in that park, a district admin no park); only district admins make district admins or
    district-wide leaders; nobody changes their own role or deactivates themselves; a steward
    who serves zones stays an active steward of their park until the zones are reassigned."""
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
    park_bound = actor is not None and actor.park_id is not None and not actor.is_superuser
    if park_bound and (user.role == Role.DISTRICT_ADMIN or user.park_id is None):
        errors["role"] = _("Only a district admin may give a district-wide role.")
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

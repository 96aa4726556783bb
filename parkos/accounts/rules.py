"""Who may give which role to whom: one check, called by the user form's action and the API."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from parkos.core.roles import Role

PARK_ROLES = (Role.PARK_ADMIN, Role.INVESTMENT, Role.STEWARD)


def check_role_grant(actor, user) -> None:
    """A role fits its place (a park's roles need the park, an enterprise user their enterprise
    in that park, a district admin no park); only district admins make district admins or
    district-wide leaders; nobody changes their own role."""
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
    if errors:
        raise ValidationError(errors)

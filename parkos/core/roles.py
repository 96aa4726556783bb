"""The roles of DESIGN.md. They live in core because the scoping function turns a role into a
filter; what each role may do is `accounts/roles.py`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DISTRICT_ADMIN = "district_admin", _("District admin")
    PARK_ADMIN = "park_admin", _("Park admin")
    INVESTMENT = "investment", _("Investment staff")
    STEWARD = "steward", _("Steward")
    LEADER = "leader", _("Leader")
    ENTERPRISE = "enterprise", _("Enterprise user")
    # The three administrators of 等保 2.0 (三权分立): accounts, grants, the audit trail. Each
    # works district-wide on its own records only and reads no business data.
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")
    AUDIT_ADMIN = "audit_admin", _("Audit administrator")


# Roles whose permissions reach only the platform's own records (users, the audit trail).
ADMINISTRATORS = (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)

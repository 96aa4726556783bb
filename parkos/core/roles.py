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

from django.db import models
from django.utils.translation import gettext_lazy as _


class EnterpriseStatus(models.TextChoices):
    OPERATING = "operating", _("Operating")
    MOVED_OUT = "moved_out", _("Moved out")
    CLOSED = "closed", _("Closed")


class IndustryLevel(models.TextChoices):
    SECTION = "section", _("Section")
    DIVISION = "division", _("Division")
    GROUP = "group", _("Group")
    CLASS = "class", _("Class")


class HonourLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    MUNICIPAL = "municipal", _("Municipal")
    DISTRICT = "district", _("District")


class AwardStatus(models.TextChoices):
    RECOMMENDED = "recommended", _("Recommended")
    AWARDED = "awarded", _("Awarded")
    RECERTIFIED = "recertified", _("Re-certified")

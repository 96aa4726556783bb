from django.db import models
from django.utils.translation import gettext_lazy as _


class DemandStatus(models.TextChoices):
    """Where a financing demand stands; changed only by `financing.actions`."""

    FILED = "filed", _("Filed")
    MATCHED = "matched", _("Matched to a bank")
    GRANTED = "granted", _("Granted")
    DECLINED = "declined", _("Declined")


class Collateral(models.TextChoices):
    CREDIT = "credit", _("Unsecured (credit)")
    MORTGAGE = "mortgage", _("Mortgage")
    PLEDGE = "pledge", _("Pledge")
    GUARANTEE = "guarantee", _("Guarantee")
    OTHER = "other", _("Other")

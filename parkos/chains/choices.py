from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stage(models.TextChoices):
    """Where a node sits on the chain, from raw materials to the end product."""

    UPSTREAM = "upstream", _("Upstream")
    CORE = "core", pgettext_lazy("chain stage", "Core")
    DOWNSTREAM = "downstream", _("Downstream")


class Direction(models.TextChoices):
    """What the partner does for the anchor."""

    SUPPLIER = "supplier", _("Supplier")
    CUSTOMER = "customer", _("Customer")

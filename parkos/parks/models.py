from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkos.core.links import object_url
from parkos.core.scoping import Scope, ScopedManager


class Park(models.Model):
    """An industrial park or high-tech zone run by a management committee."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    planned_area_km2 = models.DecimalField(
        _("planned area (km²)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    cluster_scheme = models.ForeignKey(
        "enterprises.ClusterScheme",
        verbose_name=_("cluster scheme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The park's own industry grouping, e.g. 3+3+X."),
    )
    created = models.DateTimeField(auto_now_add=True)

    scope = Scope(park="", shared_in_park=True, distinct=True)
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        ordering = ["id"]

    def __str__(self):
        return self.name


class Zone(models.Model):
    """A part of a park with one steward responsible for every enterprise in it."""

    park = models.ForeignKey(
        Park, verbose_name=_("park"), on_delete=models.PROTECT, related_name="zones"
    )
    name = models.CharField(_("name"), max_length=60)
    code = models.CharField(_("code"), max_length=20, blank=True)
    steward = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("steward"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="zones",
    )

    scope = Scope(park="park", zone="", enterprise="enterprises", distinct=True)
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["park_id", "code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["park", "name"], name="zone_unique_name_in_park")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("parks:zone", self.pk)

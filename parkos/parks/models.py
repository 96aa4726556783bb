from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkos.core.links import object_url
from parkos.core.scoping import Scope, ScopedManager


def validate_roads(value):
    """The park's roads as [{"name": "兴业路", "line": [[lat, lng], …]}, …], inside China: the
    base of its maps where no tile server answers (a closed government network)."""
    if value in (None, []):
        return
    if not isinstance(value, list):
        raise ValidationError(_("Roads are a list of named lines."))
    for number, road in enumerate(value, 1):
        line = road.get("line") if isinstance(road, dict) else None
        where = {"n": number, "name": road.get("name", "") if isinstance(road, dict) else ""}
        if not isinstance(line, list) or len(line) < 2:
            raise ValidationError(_("Road %(n)d %(name)s needs at least two points.") % where)
        for point in line:
            if not (
                isinstance(point, list | tuple)
                and len(point) == 2
                and all(isinstance(c, int | float) and not isinstance(c, bool) for c in point)
                and 3 <= point[0] <= 54
                and 73 <= point[1] <= 136
            ):
                raise ValidationError(
                    _("Road %(n)d %(name)s: %(point)s is not a [latitude, longitude] in China.")
                    % {**where, "point": point}
                )


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
    roads = models.JSONField(
        _("roads"),
        default=list,
        blank=True,
        validators=[validate_roads],
        help_text=_("Drawn under parcels and buildings on the park's maps."),
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

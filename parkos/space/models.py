from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkos.core.links import object_url
from parkos.core.models import import_batch_field
from parkos.core.scoping import Scope, ScopedManager

from .choices import (
    BuildingForm,
    FireClass,
    LandUse,
    Ownership,
    ParcelStatus,
    Structure,
    Suitability,
    UnitStatus,
)

# Investment staff, admins and leaders of the park; stewards of the zone; not enterprises.
IN_PARK = Scope(park="park", zone="zone")
THROUGH_BUILDING = Scope(park="building__park", zone="building__zone")
POSITIVE = [MinValueValidator(Decimal("0.01"))]


def validate_polygon(value):
    """A polygon as [[lat, lng], …] with at least three points inside China's extent."""
    if value in (None, []):
        return
    if not isinstance(value, list) or len(value) < 3:
        raise ValidationError(_("A polygon needs at least three [latitude, longitude] points."))
    for point in value:
        if not (
            isinstance(point, list | tuple)
            and len(point) == 2
            and all(isinstance(c, int | float) for c in point)
        ):
            raise ValidationError(_("Each point is [latitude, longitude]."))
        lat, lng = point
        if not (3 <= lat <= 54 and 73 <= lng <= 136):
            raise ValidationError(_("Point %(point)s is outside China.") % {"point": point})


class Parcel(models.Model):
    """A land parcel (地块) the park can offer, or has transferred."""

    park = models.ForeignKey(
        "parks.Park", verbose_name=_("park"), on_delete=models.PROTECT, related_name="parcels"
    )
    zone = models.ForeignKey(
        "parks.Zone",
        verbose_name=_("zone"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parcels",
    )
    code = models.CharField(_("parcel code"), max_length=40)
    area_mu = models.DecimalField(
        _("area (mu)"), max_digits=10, decimal_places=2, validators=POSITIVE
    )
    land_use = models.CharField(
        _("land use"), max_length=12, choices=LandUse.choices, default=LandUse.INDUSTRIAL
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ParcelStatus.choices, default=ParcelStatus.AVAILABLE
    )
    guide_price = models.DecimalField(
        _("guide price (yuan per mu)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    polygon = models.JSONField(
        _("boundary"),
        default=list,
        blank=True,
        validators=[validate_polygon],
        help_text=_("[[latitude, longitude], …]"),
    )
    overview = models.TextField(_("overview"), blank=True)
    published = models.BooleanField(_("published on the online park"), default=False)
    internal_note = models.TextField(_("internal note"), blank=True)
    batch = import_batch_field()

    scope = IN_PARK
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("land parcel")
        verbose_name_plural = _("land parcels")
        ordering = ["park_id", "code"]
        constraints = [models.UniqueConstraint(fields=["park", "code"], name="parcel_unique_code")]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return object_url("space:parcel", self.pk)


class Building(models.Model):
    """A factory or office building, shown by overview, form, structure and parameters."""

    park = models.ForeignKey(
        "parks.Park", verbose_name=_("park"), on_delete=models.PROTECT, related_name="buildings"
    )
    zone = models.ForeignKey(
        "parks.Zone",
        verbose_name=_("zone"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="buildings",
    )
    parcel = models.ForeignKey(
        Parcel,
        verbose_name=_("parcel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="buildings",
    )
    code = models.CharField(_("building code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    # 概况 overview
    ownership = models.CharField(
        _("ownership"), max_length=12, choices=Ownership.choices, default=Ownership.PARK
    )
    owner = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_buildings",
    )
    year_built = models.PositiveSmallIntegerField(
        _("year built"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    overview = models.TextField(_("overview"), blank=True)
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(3), MaxValueValidator(54)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(73), MaxValueValidator(136)],
    )
    # 形态 form
    form = models.CharField(_("form"), max_length=16, choices=BuildingForm.choices)
    floors = models.PositiveSmallIntegerField(_("floors"), validators=[MinValueValidator(1)])
    total_floor_m2 = models.DecimalField(
        _("total floor area (m²)"), max_digits=12, decimal_places=2, validators=POSITIVE
    )
    available_floor_m2 = models.DecimalField(
        _("available floor area (m²)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    # 结构 structure
    structure = models.CharField(_("structure"), max_length=12, choices=Structure.choices)
    column_grid = models.CharField(
        _("column grid"), max_length=40, blank=True, help_text=_("e.g. 9 m × 12 m")
    )
    fire_class = models.CharField(
        _("fire hazard class"), max_length=6, choices=FireClass.choices, blank=True
    )
    # 参数 parameters (per floor in FloorSpec)
    crane_tonnes = models.DecimalField(
        _("crane (t)"),
        max_digits=6,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    power_kva = models.PositiveIntegerField(_("power supply (kVA)"), default=0)
    gas = models.BooleanField(_("natural gas"), default=False)
    water = models.BooleanField(_("industrial water"), default=True)
    drainage = models.BooleanField(_("industrial drainage"), default=True)
    loading_docks = models.PositiveSmallIntegerField(_("loading docks"), default=0)
    suitability = models.JSONField(
        _("suitable for"),
        default=list,
        blank=True,
        help_text=_("Codes: gmp, hazchem, cleanroom, food, heavy."),
    )
    published = models.BooleanField(_("published on the online park"), default=False)
    internal_note = models.TextField(_("internal note"), blank=True)
    batch = import_batch_field()
    updated = models.DateTimeField(auto_now=True)

    scope = IN_PARK
    objects = ScopedManager()
    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["park_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["park", "code"], name="building_unique_code"),
            models.CheckConstraint(
                condition=models.Q(available_floor_m2__lte=models.F("total_floor_m2")),
                name="building_available_within_total",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("space:building", self.pk)

    def clean(self):
        errors = {}
        total, available = self.total_floor_m2, self.available_floor_m2
        if total is not None and available is not None and available > total:
            errors["available_floor_m2"] = _(
                "Available floor area cannot exceed the total (%(total)s m²)."
            ) % {"total": total}
        if self.ownership == Ownership.ENTERPRISE and not self.owner_id:
            errors["owner"] = _("An enterprise-owned building needs its owner.")
        if self.ownership == Ownership.PARK and self.owner_id:
            errors["owner"] = _("A park-owned building has no enterprise owner.")
        unknown = [code for code in self.suitability or [] if code not in Suitability.values]
        if unknown:
            errors["suitability"] = _("Unknown: %(codes)s") % {"codes": ", ".join(unknown)}
        if self.zone_id and self.park_id and self.zone.park_id != self.park_id:
            errors["zone"] = _("This zone belongs to another park.")
        if errors:
            raise ValidationError(errors)

    def suitability_labels(self):
        return [
            Suitability(code).label for code in self.suitability or [] if code in Suitability.values
        ]

    @property
    def min_clear_height(self):
        heights = [f.clear_height_m for f in self.floor_specs.all()]
        return min(heights) if heights else None


class FloorSpec(models.Model):
    """Parameters of one floor: clear height and floor load decide what a tenant can install."""

    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="floor_specs")
    floor = models.SmallIntegerField(_("floor"))
    clear_height_m = models.DecimalField(
        _("clear height (m)"), max_digits=5, decimal_places=2, validators=POSITIVE
    )
    floor_load_kn_m2 = models.DecimalField(
        _("floor load (kN/m²)"), max_digits=6, decimal_places=1, validators=POSITIVE
    )
    area_m2 = models.DecimalField(
        _("floor area (m²)"), max_digits=12, decimal_places=2, validators=POSITIVE
    )

    scope = THROUGH_BUILDING
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("floor parameters")
        verbose_name_plural = _("floor parameters")
        ordering = ["building_id", "floor"]
        constraints = [
            models.UniqueConstraint(fields=["building", "floor"], name="floorspec_unique")
        ]
        # Matching reads a unit's own floor's parameters for thousands of candidates: from this
        # index alone, never the table (a third of the ranking's time on SQLite).
        indexes = [
            models.Index(
                fields=["building", "floor", "clear_height_m", "floor_load_kn_m2"],
                name="floorspec_matching",
            )
        ]

    def __str__(self):
        return f"{self.building} F{self.floor}"


class Unit(models.Model):
    """A lettable or saleable part of a building."""

    building = models.ForeignKey(
        Building, verbose_name=_("building"), on_delete=models.CASCADE, related_name="units"
    )
    code = models.CharField(_("unit code"), max_length=40)
    floor = models.SmallIntegerField(_("floor"))
    area_m2 = models.DecimalField(
        _("area (m²)"), max_digits=12, decimal_places=2, validators=POSITIVE
    )
    status = models.CharField(
        _("status"), max_length=12, choices=UnitStatus.choices, default=UnitStatus.AVAILABLE
    )
    available_from = models.DateField(
        _("available from"), null=True, blank=True, help_text=_("Empty: now.")
    )
    rent_per_m2_day = models.DecimalField(
        _("rent (yuan per m² per day)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    sale_price_per_m2 = models.DecimalField(
        _("sale price (yuan per m²)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    published = models.BooleanField(_("published on the online park"), default=False)
    internal_note = models.TextField(_("internal note"), blank=True)
    batch = import_batch_field()

    scope = THROUGH_BUILDING
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["building_id", "floor", "code"]
        constraints = [
            models.UniqueConstraint(fields=["building", "code"], name="unit_unique_code")
        ]
        # Matching ranks the available units of an area range (±20 % around the demand's) by
        # what this index holds, without reading the table: key columns, not INCLUDE, as SQLite
        # has no covering-only columns. Ranking 8,785 candidates: 22 → 7 ms on SQLite.
        indexes = [
            models.Index(
                fields=[
                    "status",
                    "area_m2",
                    "building",
                    "floor",
                    "rent_per_m2_day",
                    "available_from",
                    "published",
                    "id",
                ],
                name="unit_matching",
            )
        ]

    def __str__(self):
        return f"{self.building} · {self.code}"


class Photo(models.Model):
    """A photo of a building. Stored re-encoded (no EXIF or GPS metadata), shown on the online
    park when the building is published."""

    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("image"), upload_to="buildings/%Y/")
    caption = models.CharField(_("caption"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    scope = THROUGH_BUILDING
    objects = ScopedManager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["building_id", "order", "id"]

    def __str__(self):
        return self.caption or f"{self.building} #{self.pk}"

    def get_absolute_url(self):
        return object_url("space:photo", self.pk)


class SavedDemand(models.Model):
    """An investor's or a project's needs, kept to run the match again when space changes."""

    park = models.ForeignKey(
        "parks.Park", verbose_name=_("park"), on_delete=models.CASCADE, related_name="saved_demands"
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Whose demand, e.g. the investor's name.")
    )
    criteria = models.JSONField(_("criteria"), default=dict)
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("saved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("saved at"), auto_now_add=True)

    scope = Scope(park="park")
    objects = ScopedManager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("saved demand")
        verbose_name_plural = _("saved demands")
        ordering = ["-created"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from urllib.parse import urlencode

        return reverse("space:match") + "?" + urlencode(self.criteria, doseq=True)

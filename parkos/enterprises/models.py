from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkos.core.links import object_url
from parkos.core.models import import_batch_field
from parkos.core.scoping import Scope, ScopedManager
from parkos.core.units import MU_IN_M2

from .choices import AwardStatus, EnterpriseStatus, HonourLevel, IndustryLevel
from .pinyin import search_keys
from .validators import validate_industry_code, validate_uscc

THROUGH_ENTERPRISE = Scope(
    park="enterprise__park", zone="enterprise__zone", enterprise="enterprise"
)
REFERENCE = Scope(everyone=True)


def money(verbose_name, **kwargs):
    """A sum in yuan (shown in 万元/亿元)."""
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=2, **kwargs)


#
# Reference data
#


class ReferenceData(models.Model):
    """Catalogues every user may read (codes, schemes, honour types); not confidential."""

    scope = REFERENCE
    objects = ScopedManager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name


class Industry(ReferenceData):
    """A GB/T 4754-2017 code: section (A), division (A01), group (A011) or class (A0111)."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    name = models.CharField(_("name"), max_length=60)
    level = models.CharField(_("level"), max_length=10, choices=IndustryLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


# Read by everyone; changed by the staff of the park they belong to (the district's by
# district-wide users), see ScopedQuerySet.writable_by.
READ_BY_ALL_WRITTEN_BY_PARK = Scope(park="park", everyone=True)


def target_growth_field(help_text):
    """A percent of yearly growth aimed at (20: +20 % a year); empty when none is set."""
    return models.DecimalField(
        _("target growth (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=help_text,
    )


def target_share_field(help_text):
    """A percent of the above-scale output aimed at; empty when none is set."""
    return models.DecimalField(
        _("target share (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=help_text,
    )


class ClusterScheme(ReferenceData):
    """A grouping of industries: a park's own ("3+3+X") or the district's (four LINE clusters)."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    park = models.ForeignKey(
        "parks.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cluster_schemes",
        help_text=_("Empty for a district-wide scheme."),
    )
    description = models.TextField(_("description"), blank=True)
    target_growth = target_growth_field(
        _("Yearly growth of each cluster's output aimed at, e.g. 20 for +20 % a year.")
    )
    target_share = target_share_field(
        _("Share of the above-scale output the scheme's clusters together aim at.")
    )

    scope = READ_BY_ALL_WRITTEN_BY_PARK
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cluster scheme")
        verbose_name_plural = _("cluster schemes")
        ordering = ["id"]

    def get_absolute_url(self):
        return object_url("enterprises:clusterscheme", self.pk)


class Cluster(ReferenceData):
    scheme = models.ForeignKey(
        ClusterScheme,
        verbose_name=_("cluster scheme"),
        on_delete=models.CASCADE,
        related_name="clusters",
    )
    name = models.CharField(_("name"), max_length=60)
    code = models.CharField(_("code"), max_length=20)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    target_growth = target_growth_field(_("Empty: the scheme's target."))
    target_share = target_share_field(_("Share of the above-scale output this cluster aims at."))

    scope = Scope(park="scheme__park", everyone=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("industry cluster")
        verbose_name_plural = _("industry clusters")
        ordering = ["scheme_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="cluster_unique_code")
        ]

    def get_absolute_url(self):
        return object_url("enterprises:cluster", self.pk)

    @property
    def label(self) -> str:
        """The name with its scheme: the district's 新材料 and a park's 新材料 are two clusters,
        told apart wherever a cluster is named (badges, exports, ranks, forms)."""
        return f"{self.name}（{self.scheme.name}）"


class Tag(ReferenceData):
    """A label staff put on enterprises (重点企业, 拟上市…): a park's own, or the district's."""

    name = models.CharField(_("name"), max_length=30)
    park = models.ForeignKey(
        "parks.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tags",
        help_text=_("Empty for a district-wide tag."),
    )

    # Tags are the staff's own labels (重点企业, 风险企业…): a park's are read in that park, the
    # district's everywhere.
    scope = Scope(park="park", shared_in_park=True, district_rows_shared=True, distinct=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["park", "name"], name="tag_unique_in_park"),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(park__isnull=True),
                name="tag_unique_district",
                violation_error_message=_("The district already has a tag of this name."),
            ),
        ]

    def get_absolute_url(self):
        return object_url("enterprises:tag", self.pk)

    @property
    def label(self) -> str:
        """The name with its park: two parks may both have a 重点企业 tag."""
        return (
            f"{self.name}（{self.park.short_name or self.park.name}）"
            if self.park_id
            else self.name
        )


class HonourType(ReferenceData):
    """An honour in the catalogue: 专精特新"小巨人" (national), 市级企业技术中心…"""

    name = models.CharField(_("name"), max_length=60)
    level = models.CharField(_("level"), max_length=10, choices=HonourLevel.choices)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("honour type")
        verbose_name_plural = _("honour types")
        ordering = ["level", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "level"], name="honourtype_unique")]

    def __str__(self):
        return f"{self.name}（{self.get_level_display()}）"


#
# The register
#


class Enterprise(models.Model):
    name = models.CharField(_("name"), max_length=100, db_index=True)
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    legal_representative = models.CharField(_("legal representative"), max_length=30, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    registered_capital = money(_("registered capital"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    industry = models.ForeignKey(
        Industry,
        verbose_name=_("industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enterprises",
        validators=[validate_industry_code],
    )
    clusters = models.ManyToManyField(
        Cluster, verbose_name=_("industry clusters"), blank=True, related_name="enterprises"
    )
    park = models.ForeignKey(
        "parks.Park", verbose_name=_("park"), on_delete=models.PROTECT, related_name="enterprises"
    )
    zone = models.ForeignKey(
        "parks.Zone",
        verbose_name=_("zone"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enterprises",
    )
    landlord = models.ForeignKey(
        "self",
        verbose_name=_("landlord"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tenants",
        help_text=_("The enterprise whose land or building this one rents, if any."),
    )
    is_above_scale = models.BooleanField(_("above-scale"), default=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EnterpriseStatus.choices,
        default=EnterpriseStatus.OPERATING,
    )
    own_land_mu = models.DecimalField(
        _("own land (mu)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    rented_floor_m2 = models.DecimalField(
        _("rented floor area (m²)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    tags = models.ManyToManyField(
        Tag, verbose_name=_("tags"), blank=True, related_name="enterprises"
    )
    description = models.TextField(_("description"), blank=True)
    # Every plausible reading of the name, space-separated (pinyin.search_keys).
    name_initials = models.TextField(editable=False)
    name_pinyin = models.TextField(editable=False)
    batch = import_batch_field()
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    scope = Scope(park="park", zone="zone", enterprise="")
    objects = ScopedManager()
    history = HistoricalRecords(excluded_fields=["name_initials", "name_pinyin", "updated"])

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]
        indexes = [models.Index(fields=["park", "zone"]), models.Index(fields=["park", "name"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.set_search_keys()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return object_url("enterprises:detail", self.pk)

    def set_search_keys(self):
        self.name_initials, self.name_pinyin = search_keys(self.name)

    @property
    def steward(self):
        return self.zone.steward if self.zone_id else None

    @property
    def land_mu(self):
        """Land in use in 亩: own land plus rented floor area at one-for-one equivalence."""
        return self.own_land_mu + self.rented_floor_m2 / MU_IN_M2


class Contact(models.Model):
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("full name"), max_length=30)
    title = models.CharField(_("title"), max_length=40, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)
    batch = import_batch_field()

    scope = THROUGH_ENTERPRISE
    objects = ScopedManager()
    history = HistoricalRecords()

    # A person's phone and e-mail, in full for the roles that call them (core/masking.py).
    masked_fields = dict.fromkeys(("phone", "email"), "enterprises.view_contact_phone")

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-is_primary", "name"]
        permissions = [("view_contact_phone", _("Can read contacts' phone numbers and e-mails"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("enterprises:contact", self.pk)


class HonourAward(models.Model):
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="honours"
    )
    honour_type = models.ForeignKey(
        HonourType, verbose_name=_("honour"), on_delete=models.PROTECT, related_name="awards"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AwardStatus.choices, default=AwardStatus.AWARDED
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    batch = import_batch_field()

    scope = THROUGH_ENTERPRISE
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("honour award")
        verbose_name_plural = _("honour awards")
        ordering = ["-year", "honour_type__level"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "honour_type", "year"], name="award_unique"
            )
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.honour_type} · {self.year}"

    def get_absolute_url(self):
        return object_url("enterprises:honouraward", self.pk)


#
# Indicators
#


class IndicatorValues(models.Model):
    """The figures an enterprise reports for a period; money in yuan."""

    output_value = money(_("output value"), null=True, blank=True)
    revenue = money(_("revenue"), null=True, blank=True)
    tax_paid = money(_("tax paid"), null=True, blank=True)
    value_added = money(_("value added"), null=True, blank=True)
    rd_spend = money(_("R&D spend"), null=True, blank=True)
    energy_tce = models.DecimalField(
        _("energy use (tce)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    electricity_kwh = models.DecimalField(
        _("electricity (kWh)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    pollutant_emissions = models.DecimalField(
        _("major pollutant emissions (t)"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Equivalent tonnes of the major pollutants (COD, NH3-N, SO2, NOx)."),
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    fixed_asset_investment = money(_("fixed-asset investment"), null=True, blank=True)
    batch = import_batch_field()

    scope = THROUGH_ENTERPRISE
    objects = ScopedManager()

    class Meta:
        abstract = True

    VALUE_FIELDS = (
        "output_value",
        "revenue",
        "tax_paid",
        "value_added",
        "rd_spend",
        "energy_tce",
        "electricity_kwh",
        "pollutant_emissions",
        "employees",
        "fixed_asset_investment",
    )


class IndicatorYear(IndicatorValues):
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="years"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("yearly indicators")
        verbose_name_plural = _("yearly indicators")
        ordering = ["enterprise_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="indicatoryear_unique")
        ]
        # Covering the dashboard's yearly sums: a year's rows are read from the index alone.
        indexes = [
            models.Index(
                fields=["year", "enterprise", "output_value", "revenue", "tax_paid"],
                name="indicatoryear_year_sums",
            )
        ]
        # The leaders' dashboard (驾驶舱) is read from these rows, by the roles that lead or
        # serve a place: not by an enterprise (its own figures are on its portrait).
        permissions = [("view_dashboard", _("Can read the dashboard of figures"))]

    def __str__(self):
        return f"{self.enterprise} · {self.year}"


class IndicatorMonth(IndicatorValues):
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="months"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monthly indicators")
        verbose_name_plural = _("monthly indicators")
        ordering = ["enterprise_id", "year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year", "month"], name="indicatormonth_unique"
            )
        ]
        # Covering the dashboard's monthly output: two years of a district's months (400,000
        # rows at 20,000 firms) are read from the index alone.
        indexes = [
            models.Index(
                fields=["year", "month", "enterprise", "output_value"],
                name="indicatormonth_month_output",
            )
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.year}-{self.month:02d}"

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkos.core.links import object_url
from parkos.core.scoping import Scope, ScopedManager, ScopedQuerySet

from .choices import (
    GRADE_CHOICES,
    AdjustmentKind,
    BenchmarkRule,
    GradeMethod,
    MissingRule,
    Population,
    RunStatus,
    Scaling,
)
from .indicators import CATALOGUE

THROUGH_ENTERPRISE = Scope(
    park="enterprise__park", zone="enterprise__zone", enterprise="enterprise"
)
# District-wide rows (park empty) are shared with every park.
PARK_OR_DISTRICT = Scope(park="park", shared_in_park=True, district_rows_shared=True, distinct=True)


class PublishedQuerySet(ScopedQuerySet):
    """Drafts are for the staff who run evaluations; everyone else sees published runs only."""

    run_path: str  # the lookup prefix from the model to its run

    def visible_to(self, user):
        rows = super().visible_to(user)
        if user.has_perm("evaluation.add_run"):
            return rows
        return rows.filter(**{f"{self.run_path}status": RunStatus.PUBLISHED})


class RunQuerySet(PublishedQuerySet):
    run_path = ""


class ResultQuerySet(PublishedQuerySet):
    run_path = "run__"


class Scheme(models.Model):
    """How a county scores its enterprises: indicators, weights, benchmarks, who is covered and
    how grades are cut. Editing bumps `version`; runs keep the version they used."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    park = models.ForeignKey(
        "parks.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evaluation_schemes",
        help_text=_("Empty for a district-wide scheme."),
    )
    description = models.TextField(_("description"), blank=True)
    source = models.TextField(_("published source"), blank=True)
    is_preset = models.BooleanField(_("preset"), default=False, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Who is covered
    population = models.CharField(
        _("covers"), max_length=10, choices=Population.choices, default=Population.ABOVE_SCALE
    )
    min_land_mu = models.DecimalField(
        _("minimum land (mu)"), max_digits=10, decimal_places=2, default=Decimal(0)
    )
    exclude_founded_within_years = models.PositiveSmallIntegerField(
        _("not rated if founded within (years)"),
        default=0,
        help_text=_("0: rate every enterprise whatever its age."),
    )
    exclude_industries = models.CharField(
        _("not rated industries"),
        max_length=200,
        blank=True,
        help_text=_("GB/T 4754 code prefixes separated by commas, e.g. D for utilities."),
    )
    # Land
    rented_floor_share = models.DecimalField(
        _("share of rented floor area counted"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Rented floor area counts as this share of its area in mu (666.67 m² per mu)."),
    )
    merge_tenants = models.BooleanField(
        _("merge tenants into their landlord"),
        default=False,
        help_text=_("A tenant's figures are added to its landlord's, on the landlord's land."),
    )
    # Scoring
    missing_rule = models.CharField(
        _("missing value"), max_length=12, choices=MissingRule.choices, default=MissingRule.ZERO
    )
    missing_penalty = models.DecimalField(
        _("penalty points"), max_digits=6, decimal_places=2, default=Decimal(0)
    )
    # Grading
    grade_method = models.CharField(
        _("grades"), max_length=12, choices=GradeMethod.choices, default=GradeMethod.SHARES
    )
    grade_a = models.DecimalField(_("A"), max_digits=6, decimal_places=2, default=Decimal(20))
    grade_b = models.DecimalField(_("B"), max_digits=6, decimal_places=2, default=Decimal(40))
    grade_c = models.DecimalField(_("C"), max_digits=6, decimal_places=2, default=Decimal(35))
    grade_d = models.DecimalField(_("D"), max_digits=6, decimal_places=2, default=Decimal(5))
    created = models.DateTimeField(auto_now_add=True)

    scope = PARK_OR_DISTRICT
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation scheme")
        verbose_name_plural = _("evaluation schemes")
        ordering = ["-is_preset", "name"]

    def __str__(self):
        return f"{self.name} v{self.version}"

    def get_absolute_url(self):
        return object_url("evaluation:scheme", self.pk)

    def clean(self):
        if self.grade_method == GradeMethod.SHARES:
            total = self.grade_a + self.grade_b + self.grade_c + self.grade_d
            if total != 100:
                raise ValidationError(
                    _("Grade shares must add up to 100 %%; they add up to %(n)s.") % {"n": total}
                )
        elif not self.grade_a > self.grade_b > self.grade_c:
            raise ValidationError(_("Score thresholds must fall from A to C."))

    def excluded_prefixes(self):
        return [p.strip().upper() for p in self.exclude_industries.split(",") if p.strip()]


class SchemeIndicator(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(
        _("indicator"), max_length=40, choices=[(c, i.label) for c, i in CATALOGUE.items()]
    )
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    benchmark_rule = models.CharField(
        _("benchmark"), max_length=12, choices=BenchmarkRule.choices, default=BenchmarkRule.MEAN
    )
    benchmark_value = models.DecimalField(
        _("benchmark parameter"),
        max_digits=14,
        decimal_places=4,
        default=Decimal(1),
        help_text=_("Fixed: the value in the indicator's unit; mean: k; percentile: 0–100."),
    )
    scaling = models.CharField(
        _("scaling"), max_length=10, choices=Scaling.choices, default=Scaling.RATIO
    )
    cap = models.DecimalField(
        _("cap (points)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    floor = models.DecimalField(
        _("floor (points)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(default=0)

    scope = Scope(everyone=True)
    objects = ScopedManager()

    history = HistoricalRecords()  # a weight changed is a scheme changed

    class Meta:
        verbose_name = _("scheme indicator")
        verbose_name_plural = _("scheme indicators")
        ordering = ["scheme_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="scheme_indicator_unique")
        ]

    def __str__(self):
        return f"{self.get_code_display()} × {self.weight}"


class Run(models.Model):
    """A scheme applied to a year: a snapshot. The scheme as it was and every input figure are
    stored, so correcting data or the scheme later never changes a published result."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="runs"
    )
    scheme_version = models.PositiveIntegerField(_("scheme version"))
    definition = models.JSONField(_("scheme as run"))
    year = models.PositiveSmallIntegerField(_("year"))
    park = models.ForeignKey(
        "parks.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the whole district."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("run at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rated_count = models.PositiveIntegerField(_("rated"), default=0)
    not_rated_count = models.PositiveIntegerField(_("not rated"), default=0)
    seconds = models.FloatField(_("seconds"), default=0)

    scope = PARK_OR_DISTRICT
    objects = RunQuerySet.as_manager()

    # Who ran and published what, kept beside the audit trail; the snapshot itself never
    # changes, so it is not copied into every history row.
    history = HistoricalRecords(excluded_fields=["definition"])

    class Meta:
        verbose_name = _("evaluation run")
        verbose_name_plural = _("evaluation runs")
        ordering = ["-year", "-created"]

    def __str__(self):
        return (
            f"{self.year} · {self.definition.get('name', self.scheme.name)} v{self.scheme_version}"
        )

    def get_absolute_url(self):
        return object_url("evaluation:run", self.pk)


class Result(models.Model):
    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="results")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="evaluation_results",
    )
    rated = models.BooleanField(_("rated"), default=True)
    reason = models.CharField(_("not rated because"), max_length=200, blank=True)
    land_mu = models.DecimalField(_("land (mu)"), max_digits=12, decimal_places=4, null=True)
    inputs = models.JSONField(_("figures used"), default=dict)
    scores = models.JSONField(_("indicator scores"), default=dict)
    adjustments = models.JSONField(_("adjustments"), default=list)
    total = models.DecimalField(_("total score"), max_digits=9, decimal_places=2, null=True)
    rank = models.PositiveIntegerField(_("rank"), null=True)
    grade = models.CharField(_("grade"), max_length=1, choices=GRADE_CHOICES, blank=True)

    scope = THROUGH_ENTERPRISE
    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation result")
        verbose_name_plural = _("evaluation results")
        ordering = ["run_id", "rank"]
        constraints = [models.UniqueConstraint(fields=["run", "enterprise"], name="result_unique")]
        indexes = [
            models.Index(fields=["run", "grade"]),
            models.Index(fields=["enterprise", "run"]),
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.grade or '—'}"

    def get_absolute_url(self):
        return object_url("evaluation:result", self.pk)


class Adjustment(models.Model):
    """A decision that overrides the arithmetic for one enterprise and year, with its reason."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="evaluation_adjustments",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=12, choices=AdjustmentKind.choices)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=1, choices=GRADE_CHOICES, blank=True)
    reason = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    scope = THROUGH_ENTERPRISE
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation adjustment")
        verbose_name_plural = _("evaluation adjustments")
        ordering = ["-year", "enterprise_id"]

    def __str__(self):
        return f"{self.enterprise} · {self.year} · {self.get_kind_display()}"

    def get_absolute_url(self):
        return object_url("evaluation:adjustment", self.pk)

    def clean(self):
        if self.kind in (AdjustmentKind.BONUS, AdjustmentKind.PENALTY) and self.points is None:
            raise ValidationError({"points": _("Bonus and penalty adjustments need points.")})
        if self.kind == AdjustmentKind.FIXED_GRADE and not self.grade:
            raise ValidationError({"grade": _("A fixed-grade adjustment needs the grade.")})


class AdmissionBar(models.Model):
    """The per-mu bar a new land project must clear in a park (万元 per mu, stored in yuan)."""

    park = models.OneToOneField(
        "parks.Park", verbose_name=_("park"), on_delete=models.CASCADE, related_name="admission_bar"
    )
    investment_per_mu = models.DecimalField(
        _("investment per mu (yuan)"), max_digits=16, decimal_places=2
    )
    output_per_mu = models.DecimalField(_("output per mu (yuan)"), max_digits=16, decimal_places=2)
    tax_per_mu = models.DecimalField(_("tax per mu (yuan)"), max_digits=16, decimal_places=2)
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope = Scope(park="park", shared_in_park=True, distinct=True)
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("admission bar")
        verbose_name_plural = _("admission bars")

    def __str__(self):
        return f"{self.park} · {self.investment_per_mu}/{self.output_per_mu}/{self.tax_per_mu}"

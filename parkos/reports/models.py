"""Early warnings (预警): rules over the indicators with thresholds an admin sets, for the
district or one park, and the warnings their monthly evaluation writes — one per enterprise,
rule and month, with the figures that fired it — which the staff acknowledge with a note."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkos.core.links import object_url
from parkos.core.scoping import Scope, ScopedManager
from parkos.enterprises.models import money

from .choices import AnalysisStatus, RuleKind


class WarningRule(models.Model):
    """A rule the monthly evaluation applies to the enterprises of its park (or of every park
    when it has none)."""

    kind = models.CharField(_("kind"), max_length=20, choices=RuleKind.choices)
    park = models.ForeignKey(
        "parks.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="warning_rules",
        help_text=_("Empty: the rule applies to every park of the district."),
    )
    threshold = models.DecimalField(
        _("threshold"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Percent for output, energy and promises; months for tax; grade levels for the "
            "evaluation; none for a missing monthly report."
        ),
    )
    min_investment = money(
        _("large project from (yuan)"),
        null=True,
        blank=True,
        help_text=_("Promises: only projects with at least this planned investment."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope = Scope(park="park", shared_in_park=True, district_rows_shared=True, distinct=True)
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("warning rule")
        verbose_name_plural = _("warning rules")
        ordering = ["kind", "park_id", "id"]

    def __str__(self):
        text = self.get_kind_display()
        if self.threshold is not None:
            text = f"{text} {self.threshold.normalize():f}"
        return f"{text} · {self.park}" if self.park_id else text

    def get_absolute_url(self):
        return object_url("reports:warningrule", self.pk)


class EarlyWarning(models.Model):
    """What a rule found for one enterprise in one month, with the figures that fired it."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="early_warnings",
    )
    rule = models.ForeignKey(
        WarningRule, verbose_name=_("rule"), on_delete=models.PROTECT, related_name="warnings"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    figures = models.TextField(_("figures"))
    created = models.DateTimeField(_("created"), auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    scope = Scope(park="enterprise__park", zone="enterprise__zone", enterprise="enterprise")
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")
        ordering = ["-year", "-month", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "rule", "year", "month"], name="earlywarning_once"
            )
        ]
        indexes = [
            models.Index(fields=["year", "month", "id"], name="earlywarning_month"),
            models.Index(fields=["enterprise", "acknowledged_at"], name="earlywarning_open"),
        ]
        permissions = [("acknowledge_earlywarning", _("Can acknowledge an early warning"))]

    def __str__(self):
        return f"{self.enterprise} · {self.rule.get_kind_display()} · {self.period}"

    def get_absolute_url(self):
        return object_url("reports:earlywarning", self.pk)

    @property
    def period(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None


class MonthlyAnalysis(models.Model):
    """月度分析: the month's figures of a park (or the district) in words. The body holds
    placeholders filled from the figures (`monthly.py`); publishing freezes them."""

    park = models.ForeignKey(
        "parks.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monthly_analyses",
        help_text=_("Empty: the whole district."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "The figures are the placeholders in braces, such as {产值累计}: change the words "
            "around them; numbers are not typed by hand."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AnalysisStatus.choices,
        default=AnalysisStatus.DRAFT,
        editable=False,
    )
    figures = models.JSONField(_("figures as published"), default=dict, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    scope = Scope(park="park", shared_in_park=True, district_rows_shared=True, distinct=True)
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monthly analysis")
        verbose_name_plural = _("monthly analyses")
        ordering = ["-year", "-month", "park_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "year", "month"],
                condition=models.Q(park__isnull=False),
                name="monthlyanalysis_once_in_park",
            ),
            models.UniqueConstraint(
                fields=["year", "month"],
                condition=models.Q(park__isnull=True),
                name="monthlyanalysis_once_in_district",
            ),
        ]
        permissions = [("publish_monthlyanalysis", _("Can publish a monthly analysis"))]

    def __str__(self):
        return f"{self.park or _('Whole district')} · {self.year}-{self.month:02d}"

    def get_absolute_url(self):
        return object_url("reports:monthlyanalysis", self.pk)

    @property
    def is_draft(self):
        return self.status == AnalysisStatus.DRAFT

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkos.core.links import object_url
from parkos.core.models import import_batch_field
from parkos.core.scoping import Scope, ScopedManager
from parkos.core.units import per_mu
from parkos.enterprises.models import money

from .choices import FINISHED, RANK, Channel, Stage

THROUGH_PROJECT = Scope(park="project__park")


def area(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        **kwargs,
    )


class Project(models.Model):
    """An investment project the park's staff pursue, from the first lead to full capacity."""

    park = models.ForeignKey(
        "parks.Park", verbose_name=_("park"), on_delete=models.PROTECT, related_name="projects"
    )
    name = models.CharField(_("project name"), max_length=100)
    investor_name = models.CharField(_("investor"), max_length=100)
    investor_country = models.CharField(
        _("investor's country or region"), max_length=40, default="中国"
    )
    investor_group = models.CharField(_("investor's group"), max_length=100, blank=True)
    cluster = models.ForeignKey(
        "enterprises.Cluster",
        verbose_name=_("industry cluster"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    industry = models.ForeignKey(
        "enterprises.Industry",
        verbose_name=_("industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    channel = models.CharField(
        _("source channel"), max_length=20, choices=Channel.choices, default=Channel.OTHER
    )
    source_event = models.CharField(
        _("source event"),
        max_length=100,
        blank=True,
        help_text=_("The expo, forum or trip the project came from."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person in charge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    planned_investment = money(_("planned total investment"), null=True, blank=True)
    is_foreign = models.BooleanField(_("foreign capital"), default=False)
    foreign_capital = money(_("foreign capital amount"), null=True, blank=True)
    land_need_mu = area(_("land needed (mu)"))
    floor_need_m2 = area(_("floor space needed (m²)"))
    promised_output = money(_("promised yearly output at capacity"), null=True, blank=True)
    promised_tax = money(_("promised yearly tax at capacity"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=24, choices=Stage.choices, default=Stage.LEAD)
    stage_since = models.DateField(_("in this stage since"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True, editable=False)
    lost_reason = models.TextField(_("reason lost"), blank=True, editable=False)
    next_action = models.CharField(_("next action"), max_length=200, blank=True)
    next_action_on = models.DateField(_("next action by"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        help_text=_("The registered enterprise the project became."),
    )
    building = models.ForeignKey(
        "space.Building",
        verbose_name=_("building"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    parcel = models.ForeignKey(
        "space.Parcel",
        verbose_name=_("land parcel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    enquiry = models.OneToOneField(
        "portal.Enquiry",
        verbose_name=_("enquiry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project",
        editable=False,
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    batch = import_batch_field()

    scope = Scope(park="park")
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        ordering = ["-stage_since", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "name"],
                name="project_unique_name",
                violation_error_message=_("The park already has a project of this name."),
            ),
        ]
        indexes = [
            models.Index(fields=["park", "signed_on"]),  # a year's completion and figures
            # The district's year (the kanban's gauge with no park picked): 1,348 of 20,000
            # projects read by index instead of a scan of them all.
            models.Index(fields=["signed_on"], name="project_signed_on"),
            models.Index(fields=["stage", "stage_since"]),  # a kanban column, latest first
        ]
        permissions = [
            ("override_admission", _("Can let a project below the admission bar acquire land")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("investment:project", self.pk)

    def last_stage_change(self):
        """The timeline's latest entry: the one an undo or a drag back takes back."""
        return self.stage_changes.order_by("-id").first()

    @property
    def is_land_project(self):
        return bool(self.land_need_mu)

    @property
    def is_active(self):
        return self.stage not in FINISHED

    @property
    def rank(self):
        return RANK.get(self.stage, -1)

    @property
    def promised_output_per_mu(self):
        return per_mu(self.promised_output, self.land_need_mu)

    @property
    def promised_tax_per_mu(self):
        return per_mu(self.promised_tax, self.land_need_mu)

    @property
    def investment_per_mu(self):
        return per_mu(self.planned_investment, self.land_need_mu)


class StageChange(models.Model):
    """One step of a project's timeline: who moved it, on which date, and why; the admission
    check made on the way (and a park admin's override of it) stays here for the audit."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from stage"), max_length=24, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to stage"), max_length=24, choices=Stage.choices)
    on = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    # What the move replaced, so that its author can undo it exactly (rules.check_undo).
    from_since = models.DateField(_("previous stage since"), null=True, blank=True)
    from_signed_on = models.DateField(_("previous signing date"), null=True, blank=True)
    from_lost_reason = models.TextField(_("previous reason lost"), blank=True)
    admission = models.JSONField(_("admission check"), null=True, blank=True)
    override_reason = models.TextField(_("override reason"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    batch = import_batch_field()

    scope = THROUGH_PROJECT
    objects = ScopedManager()

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["project_id", "on", "id"]

    def __str__(self):
        return f"{self.project} → {self.get_to_stage_display()} ({self.on})"


class Attachment(models.Model):
    """A file kept with a project (agreement, proposal, minutes); served to staff in scope only."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="projects/%Y/")
    name = models.CharField(_("name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    scope = THROUGH_PROJECT
    objects = ScopedManager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("investment:attachment", self.pk)


class AnnualTarget(models.Model):
    """What a park means to sign in a year, for the whole park or one of its clusters; the
    completion is always computed from the projects, never typed in."""

    park = models.ForeignKey(
        "parks.Park", verbose_name=_("park"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    cluster = models.ForeignKey(
        "enterprises.Cluster",
        verbose_name=_("industry cluster"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
        help_text=_("Empty for the whole park."),
    )
    signed_investment = money(_("signed planned investment"))
    signed_count = models.PositiveIntegerField(_("signed projects"), null=True, blank=True)
    foreign_capital = money(_("foreign capital"), null=True, blank=True)

    scope = Scope(park="park")
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual target")
        verbose_name_plural = _("annual targets")
        ordering = ["-year", "park_id", "cluster_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "year"],
                condition=Q(cluster__isnull=True),
                name="target_unique_park_year",
            ),
            models.UniqueConstraint(
                fields=["park", "year", "cluster"],
                condition=Q(cluster__isnull=False),
                name="target_unique_park_year_cluster",
            ),
        ]

    def __str__(self):
        return f"{self.park} {self.year}" + (f" · {self.cluster}" if self.cluster_id else "")

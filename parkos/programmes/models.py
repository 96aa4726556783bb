"""Events (活动) of a park: policy trainings, salons, job fairs…; the enterprises registered for
them, the enterprises that attended (one row per event and enterprise: 企业家次 counts them) and
the feedback an attendee gives."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from parkos.core.links import object_url
from parkos.core.models import import_batch_field
from parkos.core.scoping import Scope, ScopedManager
from parkos.enterprises.choices import HonourLevel

from .choices import EventKind, HonourApplicationStatus, PolicyKind, ProjectStatus

RATING = [MinValueValidator(1), MaxValueValidator(5)]


class Event(models.Model):
    """An event the park organises for its enterprises; everyone working in the park sees it
    (an enterprise to register for it), its registrations are scoped like the enterprises."""

    park = models.ForeignKey(
        "parks.Park", verbose_name=_("park"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices)
    title = models.CharField(pgettext_lazy("of an event or a call", "title"), max_length=120)
    organiser = models.CharField(
        _("organiser"), max_length=80, help_text=_("The department or partner that runs it.")
    )
    on = models.DateField(_("date"))
    starts_at = models.TimeField(_("start time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=120)
    capacity = models.PositiveIntegerField(
        _("capacity (enterprises)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: no limit."),
    )
    zones = models.ManyToManyField(
        "parks.Zone",
        verbose_name=_("target zones"),
        blank=True,
        related_name="+",
        help_text=_("Empty: every zone of the park."),
    )
    clusters = models.ManyToManyField(
        "enterprises.Cluster",
        verbose_name=_("target clusters"),
        blank=True,
        related_name="+",
        help_text=_("Empty: every cluster."),
    )
    tags = models.ManyToManyField(
        "enterprises.Tag",
        verbose_name=_("target tags"),
        blank=True,
        related_name="+",
        help_text=_("Such as 重点企业 for the key enterprises. Empty: every enterprise."),
    )
    description = models.TextField(_("description"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    batch = import_batch_field()

    scope = Scope(park="park", shared_in_park=True, distinct=True)
    objects = ScopedManager()
    history = HistoricalRecords(m2m_fields=[zones, clusters, tags])

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["park", "on"])]
        permissions = [("view_figures", _("Can read the figures of events"))]

    def __str__(self):
        return f"{self.title} · {self.on:%Y-%m-%d}"

    def get_absolute_url(self):
        return object_url("programmes:event", self.pk)


class EventEnterprise(models.Model):
    """An enterprise's part in an event (registered, attended): one row per event and
    enterprise, scoped like the enterprise, which belongs to the event's park."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="%(class)ss"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="event_%(class)ss",
    )

    scope = Scope(park="event__park", zone="enterprise__zone", enterprise="enterprise")
    objects = ScopedManager()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.enterprise} · {self.event.title}"


class Registration(EventEnterprise):
    """An enterprise signed up for an event, by itself or by the park's staff."""

    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-registered_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "enterprise"],
                name="registration_once_per_event",
                violation_error_message=_("This enterprise is already registered for the event."),
            )
        ]

    def get_absolute_url(self):
        return object_url("programmes:registration", self.pk)


class Attendance(EventEnterprise):
    """An enterprise came to an event (registered or walked in), once per event and enterprise:
    企业家次 is the number of these rows. Its feedback is the enterprise's, after the event."""

    registration = models.OneToOneField(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendance",
        help_text=_("Empty: a walk-in."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True, validators=RATING)
    comment = models.TextField(_("comment"), blank=True)
    feedback_at = models.DateTimeField(_("feedback given at"), null=True, blank=True)
    batch = import_batch_field()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["event_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "enterprise"],
                name="attendance_once_per_event",
                violation_error_message=_("This enterprise's attendance is already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="attendance_rating_1_to_5",
            ),
        ]
        permissions = [
            ("feedback_attendance", _("Can give an enterprise's feedback on an event")),
            ("checkin_attendance", _("Can check one's enterprise in at an event by its QR code")),
        ]

    @property
    def walk_in(self):
        return self.registration_id is None


#
# Policy projects (政策申报) and the honours workflow (荣誉申报) — issue 14, part 2
#


def _money(verbose_name, **kwargs):
    """A sum in yuan to the cent (shown in 万元)."""
    return models.DecimalField(
        verbose_name,
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        **kwargs,
    )


class PolicyCall(models.Model):
    """A call for applications (申报通知): a kind of support at a level, for a year and batch,
    run by a department until a deadline, open to the enterprises its criteria admit. The
    criteria are data (`rules.CRITERIA`), judged over the enterprise's portrait by
    `rules.evaluate`. An empty park: a call of the whole district, seen in every park."""

    park = models.ForeignKey(
        "parks.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policy_calls",
        help_text=_("Empty: a call of the whole district."),
    )
    title = models.CharField(pgettext_lazy("of an event or a call", "title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=24, choices=PolicyKind.choices)
    level = models.CharField(_("level"), max_length=10, choices=HonourLevel.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    batch = models.PositiveSmallIntegerField(
        _("batch"), default=1, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    department = models.CharField(_("department"), max_length=80)
    deadline = models.DateField(_("deadline"))
    criteria = models.JSONField(_("eligibility criteria"), default=dict, blank=True)
    description = models.TextField(_("description"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    scope = Scope(park="park", shared_in_park=True, district_rows_shared=True, distinct=True)
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("policy call")
        verbose_name_plural = _("policy calls")
        ordering = ["-year", "-batch", "-deadline", "-id"]
        permissions = [
            ("view_policy_figures", _("Can read the figures of policy projects and honours"))
        ]

    def __str__(self):
        return f"{self.title}（{self.year}年第{self.batch}批）"

    def get_absolute_url(self):
        return object_url("programmes:policycall", self.pk)


class PolicyProject(models.Model):
    """An enterprise's application to a policy call (glossary: `PolicyProject`; 技改项目 is
    one whose call is of kind tech_renovation): recommended → applied → approved (立项) → funds
    disbursed (拨款), or rejected / withdrawn; each step's date and amount are set by its action
    in `policy_actions.py`, never edited."""

    call = models.ForeignKey(
        PolicyCall, verbose_name=_("call"), on_delete=models.PROTECT, related_name="projects"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="policy_projects",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, editable=False
    )
    applied_amount = _money(_("amount applied for"))
    approved_amount = _money(_("amount approved"))
    disbursed_amount = _money(_("amount disbursed"))
    recommended_on = models.DateField(_("recommended on"), null=True, blank=True)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    disbursed_on = models.DateField(_("disbursed on"), null=True, blank=True)
    closed_on = models.DateField(_("rejected or withdrawn on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    batch = import_batch_field()

    scope = Scope(park="enterprise__park", zone="enterprise__zone", enterprise="enterprise")
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("policy project")
        verbose_name_plural = _("policy projects")
        ordering = ["-call__year", "call_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "enterprise"],
                name="policyproject_once_per_call",
                violation_error_message=_("This enterprise already has a project under the call."),
            )
        ]
        indexes = [models.Index(fields=["call", "status"])]
        permissions = [
            ("decide_policyproject", _("Can approve, fund or reject policy projects")),
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.call.title}"

    def get_absolute_url(self):
        return object_url("programmes:policyproject", self.pk)


class HonourCriteria(models.Model):
    """What makes an enterprise a candidate for an honour (e.g. 专精特新: revenue, R&D
    intensity, years): criteria of the same kind as a call's, judged by `rules.evaluate`."""

    honour_type = models.OneToOneField(
        "enterprises.HonourType",
        verbose_name=_("honour"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    criteria = models.JSONField(_("criteria"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope = Scope(everyone=True)
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("honour criteria")
        verbose_name_plural = _("honour criteria")
        ordering = ["honour_type__level", "honour_type__name"]

    def __str__(self):
        return str(self.honour_type)

    def get_absolute_url(self):
        return object_url("programmes:honourcriteria", self.pk)


class HonourApplication(models.Model):
    """An enterprise put forward for an honour in a year: recommended → applied → awarded,
    re-certified (复核) or not awarded. The award itself is the register's `HonourAward`, which
    the decision writes through the enterprises' action."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="honour_applications",
    )
    honour_type = models.ForeignKey(
        "enterprises.HonourType",
        verbose_name=_("honour"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=HonourApplicationStatus.choices, editable=False
    )
    recommended_on = models.DateField(_("recommended on"), null=True, blank=True)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    award = models.ForeignKey(
        "enterprises.HonourAward",
        verbose_name=_("award"),
        null=True,
        blank=True,
        # The application says 'awarded' because of this row: the award is not deleted from the
        # register while it stands (with the enterprise, both go).
        on_delete=models.RESTRICT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope = Scope(park="enterprise__park", zone="enterprise__zone", enterprise="enterprise")
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("honour application")
        verbose_name_plural = _("honour applications")
        ordering = ["-year", "honour_type__level", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "honour_type", "year"],
                name="honourapplication_once_a_year",
                violation_error_message=_(
                    "This enterprise is already put forward for the honour this year."
                ),
            )
        ]
        permissions = [
            ("decide_honourapplication", _("Can record the outcome of honour applications")),
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.honour_type} · {self.year}"

    def get_absolute_url(self):
        return object_url("programmes:honourapplication", self.pk)


# Financing (融资) lives in its own module; imported here so that Django registers its models.
from .financing.models import (  # noqa: E402, F401
    Bank,
    FinancingDemand,
    LoanProgramme,
    LoanRound,
    PartnerBank,
)

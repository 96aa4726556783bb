"""Enterprise service: the categories of requests with their service levels, the park's
departments, and the service requests (诉求) with their dated timeline."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkos.core.links import object_url
from parkos.core.models import import_batch_field
from parkos.core.scoping import Scope, ScopedManager

from .choices import OPEN, ContactPlan, NotificationKind, Source, Status, Step, VisitStatus
from .workdays import is_provisional

RATING = [MinValueValidator(1), MaxValueValidator(5)]


class RequestCategory(models.Model):
    """What a request is about, with the working days the park promises to answer it in."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=40, unique=True)
    service_days = models.PositiveSmallIntegerField(
        _("service level (working days)"),
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Working days from receipt to answer, by the official calendar."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    scope = Scope(everyone=True)
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("request category")
        verbose_name_plural = _("request categories")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class Department(models.Model):
    """A department of the park's management committee that requests can be assigned to; its
    members (park staff) see and handle what is assigned to it."""

    park = models.ForeignKey(
        "parks.Park", verbose_name=_("park"), on_delete=models.PROTECT, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=60)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="departments",
    )

    scope = Scope(park="park")
    objects = ScopedManager()
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["park_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["park", "name"], name="department_unique_name_in_park")
        ]

    def __str__(self):
        return self.name


class ServiceRequest(models.Model):
    """A problem an enterprise asks the park to solve, answered within its category's service
    level in working days; every step is on its timeline (`RequestEvent`)."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    category = models.ForeignKey(
        RequestCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    title = models.CharField(_("subject"), max_length=100)
    description = models.TextField(_("description"))
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.STEWARD, editable=False
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("steward in charge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_requests",
        help_text=_("Empty with no department: the steward of the enterprise's zone."),
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department in charge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    received_at = models.DateTimeField(_("received at"))
    deadline = models.DateTimeField(_("deadline"), editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED, editable=False
    )
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True, editable=False)
    rating = models.PositiveSmallIntegerField(
        _("satisfaction"), null=True, blank=True, validators=RATING, editable=False
    )
    rating_comment = models.TextField(_("enterprise's comment"), blank=True, editable=False)
    visit = models.ForeignKey(
        "Visit",
        verbose_name=_("from the visit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
        editable=False,
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    batch = import_batch_field()

    scope = Scope(
        park="enterprise__park",
        zone="enterprise__zone",
        enterprise="enterprise",
        assigned=("assignee", "department__members"),
    )
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["status", "deadline"]),  # overdue and escalation
            models.Index(fields=["enterprise", "received_at"]),
            # The lists' order, newest first: a page is read in index order, not by sorting a
            # district's 200,000 requests.
            models.Index(fields=["received_at", "id"], name="request_received"),
            # The open requests (a few percent of them) by deadline: a steward's open requests,
            # the overdue and today's on My work, the escalation sweep. Queries name the open
            # statuses as this condition does, written out (`status__literal_in=OPEN`).
            models.Index(
                fields=["deadline"], condition=Q(status__in=OPEN), name="request_open_deadline"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(assignee__isnull=True) | Q(department__isnull=True),
                name="request_one_assignee",
                violation_error_message=_(
                    "Assign the request to a steward or to a department, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="request_rating_1_to_5",
            ),
        ]
        permissions = [
            ("close_servicerequest", _("Can close or reopen a request for its enterprise")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("service:servicerequest", self.pk)

    @property
    def is_open(self):
        return self.status in OPEN

    @property
    def is_overdue(self):
        return self.is_open and self.deadline < timezone.now()

    @property
    def deadline_is_provisional(self):
        """The deadline falls in a year whose holiday notice is not shipped yet."""
        return is_provisional(timezone.localtime(self.deadline).date())

    @property
    def handler(self):
        """Who the request waits for: the steward in charge or the department."""
        return self.assignee or self.department


class RequestEvent(models.Model):
    """One step of a request's timeline: what happened, when, by whom, with the note that went
    with it and the deadline in force from then. Rows are written once and never changed, so a
    reopened request keeps the clock of every round."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(_("step"), max_length=12, choices=Step.choices)
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("satisfaction"), null=True, blank=True, validators=RATING
    )

    scope = Scope(
        park="request__enterprise__park",
        zone="request__enterprise__zone",
        enterprise="request__enterprise",
        assigned=("request__assignee", "request__department__members"),
    )
    objects = ScopedManager()

    class Meta:
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")
        ordering = ["request_id", "at", "id"]

    def __str__(self):
        return f"{self.request} · {self.get_step_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A request's timeline is never rewritten.")
        super().save(*args, **kwargs)


class RequestAttachment(models.Model):
    """A file kept with a request (a photo of the flooded gate, a form the park asked for), by
    the enterprise or the park; served only to those who see the request."""

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="requests/%Y/")
    name = models.CharField(_("name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    scope = Scope(
        park="request__enterprise__park",
        zone="request__enterprise__zone",
        enterprise="request__enterprise",
        assigned=("request__assignee", "request__department__members"),
    )
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("request attachment")
        verbose_name_plural = _("request attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name


class ServiceProfile(models.Model):
    """What the service side keeps about an enterprise beyond the register: for now, that it
    asked to be visited less (无事不扰), which planning a visit warns about."""

    enterprise = models.OneToOneField(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="service_profile",
    )
    fewer_visits = models.BooleanField(
        _("prefers fewer visits"),
        default=False,
        help_text=_("The enterprise asked not to be visited without a reason."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope = Scope(park="enterprise__park", zone="enterprise__zone", enterprise="enterprise")
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service profile")
        verbose_name_plural = _("service profiles")

    def __str__(self):
        return str(self.enterprise)


class Visit(models.Model):
    """A steward's visit to an enterprise (走访), planned and then done; what was found can
    become a service request in one click."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    steward = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("visited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visits",
        editable=False,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    on = models.DateField(_("date"), help_text=_("Planned date, or the day of the visit."))
    people_met = models.CharField(_("people met"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    findings = models.TextField(
        _("findings"), blank=True, help_text=_("Problems found; each can become a request.")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    batch = import_batch_field()

    scope = Scope(
        park="enterprise__park",
        zone="enterprise__zone",
        enterprise="enterprise",
        assigned=("steward",),
    )
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-on", "-id"]
        indexes = [
            models.Index(fields=["enterprise", "on"]),  # this month's visits of a firm
            # A firm's last done visit (directory, coverage, not visited lately): one seek.
            models.Index(fields=["enterprise", "status", "on"], name="visit_last_done"),
            # A steward's due visits (My work), without reading their other visits.
            models.Index(fields=["steward", "status", "on"], name="visit_steward_due"),
            models.Index(fields=["on", "id"], name="visit_list_order"),  # the list, newest first
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.on:%Y-%m-%d}"

    def get_absolute_url(self):
        return object_url("service:visit", self.pk)


class ServicePackage(models.Model):
    """A key enterprise's service package (重点企业服务包): its service team (a lead steward and
    members), how often the team contacts it, and what the park committed to."""

    enterprise = models.OneToOneField(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="service_package",
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead steward"),
        on_delete=models.PROTECT,
        related_name="led_packages",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team members"),
        blank=True,
        related_name="service_packages",
        help_text=_("Stewards and department members of the park who serve it too."),
    )
    contact_every = models.PositiveSmallIntegerField(
        _("contact plan"), choices=ContactPlan.choices, default=ContactPlan.MONTHLY
    )
    commitments = models.TextField(
        _("commitments"), blank=True, help_text=_("What the park committed to, one per line.")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    scope = Scope(
        park="enterprise__park",
        zone="enterprise__zone",
        enterprise="enterprise",
        assigned=("lead", "members"),
    )
    objects = ScopedManager()
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = _("key-enterprise service package")
        verbose_name_plural = _("key-enterprise service packages")
        ordering = ["enterprise__name"]

    def __str__(self):
        return str(self.enterprise)

    def get_absolute_url(self):
        return object_url("service:servicepackage", self.pk)


class Notification(models.Model):
    """A message in a person's in-app list (通知): a request assigned to them, escalated to
    them, answered for their enterprise, filed, closed or reopened in their zone. Personal: only
    its recipient reads it (`Notification.objects.filter(recipient=user)`), and marks it read."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=NotificationKind.choices)
    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("service request"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    text = models.CharField(_("text"), max_length=200)
    link = models.CharField(_("link"), max_length=200)
    created = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]  # the unread count

    def __str__(self):
        return self.text

    @property
    def is_read(self):
        return self.read_at is not None

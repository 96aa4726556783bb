"""Events (活动) of a park: policy trainings, salons, job fairs…; the enterprises registered for
them, the enterprises that attended (one row per event and enterprise: 企业家次 counts them) and
the feedback an attendee gives."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkos.core.links import object_url
from parkos.core.models import import_batch_field
from parkos.core.scoping import Scope, ScopedManager

from .choices import EventKind

RATING = [MinValueValidator(1), MaxValueValidator(5)]


class Event(models.Model):
    """An event the park organises for its enterprises; everyone working in the park sees it
    (an enterprise to register for it), its registrations are scoped like the enterprises."""

    park = models.ForeignKey(
        "parks.Park", verbose_name=_("park"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=120)
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
    description = models.TextField(_("description"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    batch = import_batch_field()

    scope = Scope(park="park", shared_in_park=True, distinct=True)
    objects = ScopedManager()
    history = HistoricalRecords(m2m_fields=[zones, clusters])

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


# Financing (融资) lives in its own module; imported here so that Django registers its models.
from .financing.models import (  # noqa: E402, F401
    Bank,
    FinancingDemand,
    LoanProgramme,
    LoanRound,
    PartnerBank,
)

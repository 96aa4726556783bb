from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    """Where a service request stands (glossary: 诉求)."""

    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", pgettext_lazy("request status", "Closed")
    REOPENED = "reopened", _("Reopened")


# The clock runs in these: an answered or closed request is waiting for nobody in the park.
OPEN = (Status.RECEIVED, Status.ACCEPTED, Status.IN_PROGRESS, Status.REOPENED)


class Source(models.TextChoices):
    """Who raised a request: a steward (on the enterprise's behalf), the enterprise itself, or
    a finding of a visit."""

    STEWARD = "steward", _("Steward")
    ENTERPRISE = "enterprise", _("Enterprise")
    VISIT = "visit", _("Visit")


class Step(models.TextChoices):
    """One entry of a request's timeline."""

    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("Work started")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed by the enterprise")
    REOPENED = "reopened", _("Reopened")
    ESCALATED = "escalated", _("Escalated to the park's admins")
    MESSAGE = "message", _("Message")


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", pgettext_lazy("visit status", "Done")


class ContactPlan(models.IntegerChoices):
    """How often a key enterprise's service team contacts it: at most this many days between
    two done visits."""

    MONTHLY = 31, _("Monthly")
    BIMONTHLY = 62, _("Every two months")
    QUARTERLY = 92, _("Quarterly")
    HALF_YEARLY = 183, _("Every six months")


class NotificationKind(models.TextChoices):
    """Why a person is notified (通知)."""

    ASSIGNED = "assigned", _("Assigned to you")
    ESCALATED = "escalated", _("Escalated")
    ANSWERED = "answered", _("Answered")
    FILED = "filed", _("Filed by the enterprise")
    CLOSED = "closed", _("Closed by the enterprise")
    REOPENED = "reopened", _("Reopened by the enterprise")
    MESSAGE = "message", _("New message")


# Who has a work list (我的工作): those who handle requests and make visits.
MY_WORK = ("service.view_servicerequest", "service.view_visit")
# Who reads the zone directory and the visit coverage: the same, who also read the register.
DIRECTORY = (*MY_WORK, "enterprises.view_enterprise")

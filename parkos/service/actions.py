"""The only writers of service requests and their timeline: atomic, `actor=`, with the
request's history (who, before → after) and the timeline's dated steps."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parkos.core.actions import check_in_scope, require_perm, save_object
from parkos.core.roles import Role

from . import notify
from .choices import OPEN, Source, Step
from .models import (
    Notification,
    RequestAttachment,
    RequestEvent,
    ServicePackage,
    ServiceRequest,
    Visit,
)
from .rules import (
    TRANSITIONS,
    check_assignment,
    check_message,
    check_step,
    check_team,
    check_visit_date,
    deadline_for,
)


def save_request(*, actor, instance: ServiceRequest, values: dict) -> ServiceRequest:
    """Raise a request (its deadline from its category's service level, the first step on its
    timeline) or change its facts; its status moves only by `take_step`."""
    adding = instance._state.adding
    before = (instance.assignee_id, instance.department_id)
    values = {**values, "received_at": values.get("received_at") or instance.received_at}
    if adding:
        values["received_at"] = values["received_at"] or timezone.now()
        is_enterprise = actor is not None and actor.role == Role.ENTERPRISE
        instance.source = instance.source or Source.STEWARD
        if is_enterprise:
            instance.source = Source.ENTERPRISE
        instance.raised_by = actor
        enterprise = values.get("enterprise") or instance.enterprise
        if not values.get("assignee") and not values.get("department"):
            values["assignee"] = enterprise.steward  # the zone's steward
    with transaction.atomic():
        request = save_object(
            actor=actor,
            instance=instance,
            values=values,
            checks=[check_assignment, lambda r: _set_deadline(r, adding)],
        )
        if adding:
            RequestEvent.objects.create(
                request=request,
                step=Step.RECEIVED,
                at=request.received_at,
                by=actor,
                note="",
                deadline=request.deadline,
            )
            notify.request_raised(request, actor=actor)
        elif (request.assignee_id, request.department_id) != before:
            notify.request_reassigned(request, actor=actor)
    return request


def _set_deadline(request, adding):
    """The deadline from the start of the running clock: the receipt, or the latest reopening
    (an edit of the category or of the receipt time moves it; the timeline keeps each round's)."""
    reopened = None
    if not adding:
        reopened = request.events.filter(step=Step.REOPENED).order_by("-at", "-id").first()
    start = reopened.at if reopened else request.received_at
    request.deadline = deadline_for(start, request.category)


@transaction.atomic
def take_step(request: ServiceRequest, step: str, *, actor, note="", rating=None, at=None):
    """Move a request one step (accept, start work, answer; the enterprise closes with a rating
    or reopens with a reason) and date it on the timeline; reopening starts a new clock."""
    transition = TRANSITIONS.get(step)
    require_perm(actor, ServiceRequest, transition.permission if transition else "change")
    check_in_scope(actor, request)
    # Two people on one request: the second waits, then sees the first one's step.
    request.refresh_from_db(from_queryset=ServiceRequest.objects.select_for_update())
    transition = check_step(request, step, note=note, rating=rating)
    now = at or timezone.now()
    request.status = transition.target
    deadline = None
    if step == Step.CLOSED:
        request.rating, request.rating_comment = int(rating), note.strip()
    elif step == Step.REOPENED:
        request.deadline = deadline = deadline_for(now, request.category)
        request.escalated_at = None  # the new round escalates once more if it runs late
        request.rating, request.rating_comment = None, ""
    request._history_user = actor
    request.save()
    event = RequestEvent.objects.create(
        request=request,
        step=step,
        at=now,
        by=actor,
        note=note.strip(),
        deadline=deadline,
        rating=request.rating if step == Step.CLOSED else None,
    )
    notify.step_taken(request, step, actor=actor)
    return event


@transaction.atomic
def leave_message(request: ServiceRequest, note: str, *, actor) -> RequestEvent:
    """A message on the timeline, the clock and the status untouched: the park asks the
    enterprise a question, the enterprise answers (or the other way round); the other side is
    told."""
    require_perm(actor, ServiceRequest, "view")
    check_in_scope(actor, request)
    check_message(request, note)
    event = RequestEvent.objects.create(
        request=request, step=Step.MESSAGE, at=timezone.now(), by=actor, note=note.strip()
    )
    notify.message_left(request, actor=actor)
    return event


def add_attachment(*, actor, request: ServiceRequest, upload) -> RequestAttachment:
    """Keep a file with a request, with who added it (either side, on a request they see)."""
    require_perm(actor, RequestAttachment, "add")
    check_in_scope(actor, request)
    return RequestAttachment.objects.create(
        request=request, file=upload, name=upload.name[:200], uploaded_by=actor
    )


def escalate_overdue(*, now=None) -> list[ServiceRequest]:
    """Escalate each open request whose deadline has passed, once per deadline: the step on its
    timeline and `escalated_at` (the park's admins find it under 已上报); the mail to them is
    sent once the escalation is committed (`service.reminders`)."""
    now = now or timezone.now()
    escalated = []
    with transaction.atomic():
        due = (
            ServiceRequest.objects.select_for_update()
            .filter(status__literal_in=OPEN, deadline__lt=now, escalated_at__isnull=True)
            .order_by("deadline", "id")
        )
        for request in due:
            request.escalated_at = now
            request._history_user = None
            request.save(update_fields=["escalated_at"])
            RequestEvent.objects.create(
                request=request, step=Step.ESCALATED, at=now, deadline=request.deadline
            )
            escalated.append(request)
        if escalated:
            from .reminders import mail_escalations

            notify.escalated(escalated)
            transaction.on_commit(lambda: mail_escalations(escalated))
    return escalated


def save_visit(*, actor, instance: Visit, values: dict) -> Visit:
    """Plan or record a visit; a new one is the acting steward's (or, planned by an admin, the
    steward of the enterprise's zone)."""
    values = {k: v for k, v in values.items() if k != "confirm"}
    if instance._state.adding and instance.steward_id is None:
        enterprise = values.get("enterprise") or instance.enterprise
        is_steward = actor is not None and actor.role == Role.STEWARD
        instance.steward = actor if is_steward else enterprise.steward
    return save_object(actor=actor, instance=instance, values=values, checks=[check_visit_date])


def request_from_visit(visit: Visit, *, actor, category, title="") -> ServiceRequest:
    """A visit's findings become a service request of its enterprise, received now, for the
    steward who visited (one click on the visit's page)."""
    findings = visit.findings.strip()
    if not findings:
        raise ValidationError({"findings": _("The visit has no findings to raise.")})
    check_in_scope(actor, visit)
    request = ServiceRequest(source=Source.VISIT, visit=visit)
    first_line = findings.splitlines()[0]
    values = {
        "enterprise": visit.enterprise,
        "category": category,
        "title": (title or first_line)[:100],
        "description": findings,
        "assignee": visit.steward if visit.steward and visit.steward.role == Role.STEWARD else None,
        "department": None,
        "received_at": timezone.now(),
    }
    return save_request(actor=actor, instance=request, values=values)


def save_package(*, actor, instance: ServicePackage, values: dict) -> ServicePackage:
    """Set up or change a key enterprise's service package; its team is of the park's
    stewards (the form offers only those; the check holds on every path)."""
    members = values.get("members") or ()
    return save_object(
        actor=actor,
        instance=instance,
        values=values,
        checks=[lambda package: check_team(package, members)],
    )


def mark_read(*, actor, pk=None) -> int:
    """Mark one of the actor's notifications read, or all of them (`pk` None); others' are
    out of reach. The number marked."""
    unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    return unread.update(read_at=timezone.now())

"""The rules of service requests, one check each: the form, the API and the actions call them."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parkos.core.roles import Role

from .choices import Status, Step
from .workdays import CalendarMissing, add_working_days

# A clock a few minutes ahead of the server's is not a request from the future.
CLOCK_SKEW = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class Transition:
    """A step a person takes on a request: from which statuses, to which, with the permission
    it needs ("change": the park's side; "close": the enterprise's reply)."""

    step: str
    label: str
    sources: tuple[str, ...]
    target: str
    permission: str
    needs_note: bool = False


TRANSITIONS = {
    t.step: t
    for t in (
        Transition(
            Step.ACCEPTED, gettext_lazy("Accept"), (Status.RECEIVED,), Status.ACCEPTED, "change"
        ),
        Transition(
            Step.IN_PROGRESS,
            gettext_lazy("Start work"),
            (Status.ACCEPTED, Status.REOPENED),
            Status.IN_PROGRESS,
            "change",
        ),
        Transition(
            Step.ANSWERED,
            gettext_lazy("Answer"),
            (Status.ACCEPTED, Status.IN_PROGRESS, Status.REOPENED),
            Status.ANSWERED,
            "change",
            needs_note=True,
        ),
        Transition(
            Step.CLOSED,
            gettext_lazy("Close the request"),
            (Status.ANSWERED,),
            Status.CLOSED,
            "close",
        ),
        Transition(
            Step.REOPENED,
            gettext_lazy("Reopen"),
            (Status.ANSWERED,),
            Status.REOPENED,
            "close",
            needs_note=True,
        ),
    )
}


def check_step(request, step: str, *, note: str = "", rating=None) -> Transition:
    """The transition `step` names, if the request's status allows it and what it needs is
    given: the answer's text, the reason to reopen, the rating (1–5) to close."""
    transition = TRANSITIONS.get(step)
    if transition is None:
        raise ValidationError({"step": _("Unknown step: %(step)s.") % {"step": step}})
    if request.status not in transition.sources:
        raise ValidationError(
            {
                "step": _("A request that is %(status)s cannot take the step “%(step)s”.")
                % {"status": request.get_status_display(), "step": transition.label}
            }
        )
    if transition.needs_note and not note.strip():
        message = (
            _("Write the answer given to the enterprise.")
            if step == Step.ANSWERED
            else _("Say why the answer does not solve the problem.")
        )
        raise ValidationError({"note": message})
    if step == Step.CLOSED and (rating is None or not 1 <= int(rating) <= 5):
        raise ValidationError({"rating": _("Rate the service from 1 to 5 to close the request.")})
    return transition


def check_message(request, note: str) -> None:
    """A message (a question to the enterprise, its answer) says something, on a request not
    closed: a closed request is reopened first."""
    if not note.strip():
        raise ValidationError({"note": _("Write the message.")})
    if request.status == Status.CLOSED:
        raise ValidationError(_("The request is closed: reopen it to continue."))


def check_assignment(request) -> None:
    """A request waits for one steward of its enterprise's park, or one department of it."""
    park = request.enterprise.park_id
    if request.assignee_id and request.department_id:
        raise ValidationError(
            {"department": _("Assign the request to a steward or to a department, not both.")}
        )
    steward = request.assignee
    if steward is not None and (steward.role != Role.STEWARD or steward.park_id != park):
        raise ValidationError(
            {
                "assignee": _("%(name)s is not a steward of %(park)s.")
                % {"name": steward.display_name, "park": request.enterprise.park}
            }
        )
    if request.department is not None and request.department.park_id != park:
        raise ValidationError(
            {
                "department": _("%(department)s is not a department of %(park)s.")
                % {"department": request.department, "park": request.enterprise.park}
            }
        )


def deadline_for(received_at, category):
    """The deadline of a request received at `received_at` (or reopened then), or the reason
    there is none: a moment in the future, or outside the calendar ParkOS ships."""
    if received_at > timezone.now() + CLOCK_SKEW:
        raise ValidationError({"received_at": _("A request cannot be received in the future.")})
    try:
        return add_working_days(received_at, category.service_days)
    except CalendarMissing as exc:
        raise ValidationError({"received_at": str(exc)}) from exc


def check_visit_date(visit) -> None:
    """A visit is done on a day that has come, and planned for one that has not passed."""
    today = timezone.localdate()
    if visit.status == "done" and visit.on > today:
        raise ValidationError({"on": _("A visit cannot be done in the future.")})


def check_team(package, members=()) -> None:
    """A service team is made of stewards (department members included) of the enterprise's
    park, led by one of them."""
    park = package.enterprise.park
    lead = package.lead if package.lead_id else None
    for field, people in (("lead", [lead] if lead else []), ("members", members)):
        for person in people:
            if person.role != Role.STEWARD or person.park_id != park.pk:
                raise ValidationError(
                    {
                        field: _("%(name)s is not a steward of %(park)s.")
                        % {"name": person.display_name, "park": park}
                    }
                )

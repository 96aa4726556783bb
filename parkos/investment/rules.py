"""The pipeline's rules, one check each: the dates and reasons of a stage move and the park's
admission bar. The move action, the project form, the API and the import all call them."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from parkos.core.units import to_wan
from parkos.evaluation.models import AdmissionBar
from parkos.evaluation.services import check_admission

from .choices import RANK, Stage


def today():
    return timezone.localdate()


def admission_check(project):
    """The project's figures against its park's per-mu bar; None for a project that needs no
    land or a park without a bar."""
    if not project.is_land_project:
        return None
    bar = AdmissionBar.objects.filter(park_id=project.park_id).first()
    if bar is None:
        return None
    return check_admission(
        bar,
        investment=project.planned_investment,
        land_mu=project.land_need_mu,
        output=project.promised_output,
        tax=project.promised_tax,
    )


def recorded(criteria):
    """An admission check as the timeline keeps it (JSON: the bar may change later)."""
    return [
        {
            "label": str(c.label),
            "required": str(c.required),
            "actual": None if c.actual is None else str(c.actual.quantize(Decimal("0.01"))),
            "passed": c.passed,
        }
        for c in criteria
    ]


def shortfall(criteria):
    """Why a project does not clear the bar, criterion by criterion, in 万元 per mu."""
    if criteria is None:
        return _("The park has no admission bar to check the project against.")
    missing = [
        _("%(label)s %(actual)s < %(required)s (10k yuan)")
        % {
            "label": c.label,
            "actual": "—" if c.actual is None else to_wan(c.actual),
            "required": to_wan(c.required),
        }
        for c in criteria
        if not c.passed
    ]
    return _("Below the park's admission bar: %(what)s.") % {"what": "; ".join(missing)}


def clears_bar(criteria):
    return criteria is not None and all(c.passed for c in criteria)


def bar_refusal(criteria, override_reason, user, hint):
    """Why a land project may not enter "land acquired" — or None: it clears the bar, or a park
    admin lets it through with a reason (no user: the operator on the command line). `hint`
    says where the reason goes. Answers ("reason", message) when no reason was given and
    ("permission", message) when the user may not override."""
    if clears_bar(criteria):
        return None
    if not override_reason:
        return "reason", shortfall(criteria) + " " + hint
    if user is not None and not user.has_perm("investment.override_admission"):
        return "permission", _(
            "Only a park admin may let a project below the admission bar acquire land."
        )
    return None


def enters_land(project, to):
    """True when a move takes a project from before "land acquired" to it or beyond."""
    if to == Stage.LOST:
        return False
    return RANK[to] >= RANK[Stage.LAND_ACQUIRED] and project.rank < RANK[Stage.LAND_ACQUIRED]


@dataclass
class CheckedMove:
    """What a move that passed the rules records on the timeline."""

    criteria: list | None  # the admission check, when one applied
    override_reason: str  # kept only when it let a project below the bar through


def check_undo(change, *, actor):
    """A stage change is taken back only when it recorded what it replaced (the first entry and
    older rows did not), only while it is the project's latest, and only by its author."""
    if not change.from_stage or change.from_since is None:
        raise ValidationError(
            _(
                "This entry cannot be undone: it is the project's first, or it was recorded "
                "before moves could be undone."
            )
        )
    if change.project.last_stage_change() != change:
        raise ValidationError(_("Only the latest stage change of a project can be undone."))
    if change.by_id != actor.pk:
        raise ValidationError(_("Only the person who made this stage change can undo it."))


def check_stage_move(
    project, to, *, on, actor, note="", override_reason="", hint=None
) -> CheckedMove:
    """The pipeline's rules for `project` entering stage `to` on `on`, all checked at once:
    raises ValidationError naming each failed rule by field (`stage`, `on`, `note`,
    `override_reason`). The move on the board or the project page, the API, a new project's
    first stage and each imported row all come here.

    Rules: the date is neither in the future nor, for a stored project, before its last change;
    a lost project needs its reason; a project that needs floor space has no land to acquire; a
    land project reaches "land acquired" (or anything after it) only by clearing the park's
    admission bar or by a park admin's override with a reason (at negotiation the check is
    recorded, not enforced)."""
    to = Stage(to)
    note, override_reason = note.strip(), override_reason.strip()
    stored = project.pk is not None
    errors = {}
    if stored and to == project.stage:
        errors["stage"] = _("The project is already at this stage.")
    if on > today():
        errors["on"] = _("The date cannot be in the future.")
    elif stored and on < project.stage_since:
        errors["on"] = _("The date cannot be earlier than the last change (%(date)s).") % {
            "date": project.stage_since
        }
    if to == Stage.LOST and not note:
        errors["note"] = _("Say why the project was lost.")
    criteria = None
    if to == Stage.LAND_ACQUIRED and not project.is_land_project:
        errors["stage"] = _(
            "This project needs floor space, not land: move it to “construction started” or "
            "“in production” instead, or enter its land need first."
        )
    elif project.is_land_project and (to == Stage.NEGOTIATING or enters_land(project, to)):
        criteria = admission_check(project)
        if to != Stage.NEGOTIATING:
            hint = hint or _("A park admin may let it through with a reason.")
            if refusal := bar_refusal(criteria, override_reason, actor, hint):
                errors["override_reason"] = refusal[1]
    if errors:
        raise ValidationError(errors)
    keep_reason = enters_land(project, to) and not clears_bar(criteria)
    return CheckedMove(criteria, override_reason if keep_reason else "")

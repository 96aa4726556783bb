"""The only writers of policy calls, policy projects and honour applications: atomic, `actor=`,
each row's history (who, before → after). A project or an application changes status only here,
one step at a time along the arrows below, each step setting its own date (and amount); a step
off the arrows is refused with a message naming where the row may go."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from parkos.core.actions import check_in_scope, require_perm, save_object
from parkos.enterprises.actions import record_honour_award
from parkos.enterprises.choices import AwardStatus

from .choices import HonourApplicationStatus as HS
from .choices import ProjectStatus as PS
from .models import HonourApplication, HonourCriteria, PolicyCall, PolicyProject
from .rules import (
    check_amount,
    check_call_open,
    check_eligible,
    check_filed_on,
    check_recertification,
    check_recommender,
    check_step,
    check_step_date,
    clean_criteria,
    verdict_for,
)

NEW = ""
# target status → the statuses it may come from ("" for a new row)
PROJECT_STEPS = {
    PS.RECOMMENDED: (NEW,),
    PS.APPLIED: (NEW, PS.RECOMMENDED),
    PS.APPROVED: (PS.APPLIED,),
    PS.FUNDED: (PS.APPROVED,),
    PS.REJECTED: (PS.RECOMMENDED, PS.APPLIED),
    PS.WITHDRAWN: (PS.RECOMMENDED, PS.APPLIED, PS.APPROVED),
}
HONOUR_STEPS = {
    HS.RECOMMENDED: (NEW,),
    HS.APPLIED: (NEW, HS.RECOMMENDED),
    HS.AWARDED: (HS.APPLIED,),
    HS.RECERTIFIED: (HS.APPLIED,),
    HS.NOT_AWARDED: (HS.RECOMMENDED, HS.APPLIED),
}


def save_call(*, actor, instance: PolicyCall, values: dict) -> PolicyCall:
    """Create or change a call; its criteria are declared ones, each of its kind."""
    if "criteria" in values:
        values = {**values, "criteria": clean_criteria(values["criteria"])}
    return save_object(actor=actor, instance=instance, values=values)


def save_honour_criteria(*, actor, instance: HonourCriteria, values: dict) -> HonourCriteria:
    if "criteria" in values:
        values = {**values, "criteria": clean_criteria(values["criteria"])}
    return save_object(actor=actor, instance=instance, values=values)


def _write(row, actor, changes: dict):
    for name, value in changes.items():
        setattr(row, name, value)
    row.full_clean()
    row._history_user = actor
    row.save()
    check_in_scope(actor, row)
    return row


def _locked(model, row):
    """The row as stored, locked for the step (two clicks at once make one step)."""
    if row.pk is None:
        return row
    return model.objects.select_for_update().get(pk=row.pk)


def _project(call, enterprise):
    return PolicyProject.objects.filter(call=call, enterprise=enterprise).first() or PolicyProject(
        call=call, enterprise=enterprise, status=NEW
    )


def _step(project, target):
    check_step(project, target, PROJECT_STEPS, PS)


@transaction.atomic
def recommend_project(call, enterprise, *, actor, on=None, note="") -> PolicyProject:
    """A steward puts an eligible enterprise forward for a call (推荐申报)."""
    require_perm(actor, PolicyProject, "add")
    on = on or timezone.localdate()
    check_recommender(actor)
    project = _locked(PolicyProject, _project(call, enterprise))
    _step(project, PS.RECOMMENDED)
    check_eligible(call, enterprise)
    check_call_open(call, on)
    check_step_date(on, None, "recommended_on")
    return _write(
        project, actor, {"status": PS.RECOMMENDED, "recommended_on": on, "note": note or ""}
    )


@transaction.atomic
def apply_project(call, enterprise, *, actor, amount, on=None) -> PolicyProject:
    """The enterprise files its application (by itself or through the staff), recommended
    first or not: eligible, by the deadline, with the amount it applies for."""
    require_perm(actor, PolicyProject, "add")
    on = on or timezone.localdate()
    project = _locked(PolicyProject, _project(call, enterprise))
    if project.pk is not None:
        check_in_scope(actor, project)
    _step(project, PS.APPLIED)
    check_eligible(call, enterprise)
    check_filed_on(actor, on)
    check_call_open(call, on)
    check_step_date(on, project.recommended_on, "applied_on")
    check_amount(amount, "applied_amount")
    return _write(
        project, actor, {"status": PS.APPLIED, "applied_on": on, "applied_amount": amount}
    )


def _decision(project, actor):
    require_perm(actor, PolicyProject, "decide")
    check_in_scope(actor, project)
    return _locked(PolicyProject, project)


def _paid_step(project, actor, target, stage, before, amount, on):
    """A decision with an amount: the stage's date after the step before, its amount at most
    the step before's (`approved` after `applied`, `disbursed` after `approved`)."""
    project = _decision(project, actor)
    on = on or timezone.localdate()
    _step(project, target)
    check_step_date(on, getattr(project, f"{before}_on"), f"{stage}_on")
    ceiling = getattr(project, f"{before}_amount")
    check_amount(amount, f"{stage}_amount", ceiling, _label(f"{before}_amount"))
    return _write(project, actor, {"status": target, f"{stage}_on": on, f"{stage}_amount": amount})


@transaction.atomic
def approve_project(project, *, actor, amount, on=None) -> PolicyProject:
    """立项: the department approves the project with an amount up to the one applied for."""
    return _paid_step(project, actor, PS.APPROVED, "approved", "applied", amount, on)


@transaction.atomic
def disburse_project(project, *, actor, amount, on=None) -> PolicyProject:
    """拨款: the funds are paid, up to the amount approved."""
    return _paid_step(project, actor, PS.FUNDED, "disbursed", "approved", amount, on)


@transaction.atomic
def reject_project(project, *, actor, on=None, note="") -> PolicyProject:
    project = _decision(project, actor)
    on = on or timezone.localdate()
    _step(project, PS.REJECTED)
    check_step_date(on, project.applied_on or project.recommended_on, "closed_on")
    return _write(project, actor, {"status": PS.REJECTED, "closed_on": on, "note": note or ""})


@transaction.atomic
def withdraw_project(project, *, actor, on=None, note="") -> PolicyProject:
    """The enterprise gives the project up (before the funds are paid)."""
    require_perm(actor, PolicyProject, "change")
    check_in_scope(actor, project)
    project = _locked(PolicyProject, project)
    on = on or timezone.localdate()
    _step(project, PS.WITHDRAWN)
    latest = project.approved_on or project.applied_on or project.recommended_on
    check_step_date(on, latest, "closed_on")
    return _write(project, actor, {"status": PS.WITHDRAWN, "closed_on": on, "note": note or ""})


def _label(name):
    return PolicyProject._meta.get_field(name).verbose_name


# Honours --------------------------------------------------------------------------------------


def honour_verdict(honour_type, enterprise, year):
    """The enterprise against the honour's criteria (none declared: every firm at work)."""
    criteria = HonourCriteria.objects.filter(honour_type=honour_type).first()
    return verdict_for(criteria.criteria if criteria else {}, enterprise, year)


def _application(enterprise, honour_type, year):
    return HonourApplication.objects.filter(
        enterprise=enterprise, honour_type=honour_type, year=year
    ).first() or HonourApplication(
        enterprise=enterprise, honour_type=honour_type, year=year, status=NEW
    )


@transaction.atomic
def recommend_honour(
    enterprise, honour_type, year, *, actor, on=None, note=""
) -> HonourApplication:
    """A candidate (it meets the honour's criteria) is put forward for the year."""
    require_perm(actor, HonourApplication, "add")
    on = on or timezone.localdate()
    row = _locked(HonourApplication, _application(enterprise, honour_type, year))
    check_step(row, HS.RECOMMENDED, HONOUR_STEPS, HS)
    verdict = honour_verdict(honour_type, enterprise, year)
    if not verdict.eligible:
        raise ValidationError(
            {"enterprise": "；".join(verdict.failures)},
        )
    check_step_date(on, None, "recommended_on")
    return _write(row, actor, {"status": HS.RECOMMENDED, "recommended_on": on, "note": note or ""})


@transaction.atomic
def apply_honour(application, *, actor, on=None) -> HonourApplication:
    require_perm(actor, HonourApplication, "change")
    check_in_scope(actor, application)
    row = _locked(HonourApplication, application)
    on = on or timezone.localdate()
    check_step(row, HS.APPLIED, HONOUR_STEPS, HS)
    check_step_date(on, row.recommended_on, "applied_on")
    return _write(row, actor, {"status": HS.APPLIED, "applied_on": on})


@transaction.atomic
def decide_honour(application, *, actor, outcome, on=None, note="") -> HonourApplication:
    """The outcome: awarded or re-certified (复核, an honour held before) write the register's
    award for the year through the enterprises' action; not awarded closes the application."""
    require_perm(actor, HonourApplication, "decide")
    check_in_scope(actor, application)
    row = _locked(HonourApplication, application)
    on = on or timezone.localdate()
    outcome = HS(outcome)
    check_step(row, outcome, HONOUR_STEPS, HS)
    check_step_date(on, row.applied_on or row.recommended_on, "decided_on")
    changes = {"status": outcome, "decided_on": on, "note": note or row.note}
    if outcome in (HS.AWARDED, HS.RECERTIFIED):
        if outcome == HS.RECERTIFIED:
            check_recertification(row.enterprise, row.honour_type, row.year)
        changes["award"] = record_honour_award(
            actor=actor,
            enterprise=row.enterprise,
            honour_type=row.honour_type,
            year=row.year,
            status=AwardStatus.AWARDED if outcome == HS.AWARDED else AwardStatus.RECERTIFIED,
        )
    return _write(row, actor, changes)

"""The only writers of the pipeline's projects and timeline: atomic, `actor=`, audited."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from parkos.core.actions import check_in_scope, delete_object, require_perm, save_object
from parkos.core.audit import record
from parkos.core.models import AuditAction
from parkos.portal.models import EnquiryStatus

from .choices import RANK, Channel, Stage
from .models import Attachment, Project, StageChange
from .rules import (
    check_stage_move,
    check_undo,
    recorded,
    today,
)

FOLLOW_UP_DAYS = 2  # a lead from the online park is called back within two days


@transaction.atomic
def move_stage(project, to, *, on, actor, note="", override_reason="") -> StageChange:
    """Move a project to another stage on a date, or say precisely why it cannot move (the
    rules are `rules.check_stage_move`)."""
    require_perm(actor, Project, "change")
    check_in_scope(actor, project)
    # Two people dragging the same card: the second waits, then sees the first one's move.
    project.refresh_from_db(from_queryset=Project.objects.select_for_update())
    to, note = Stage(to), note.strip()
    latest = project.last_stage_change()
    if latest and latest.from_since and (latest.from_stage, latest.from_since) == (to, on):
        # Back where the latest move came from, on the date it had there: that move is taken
        # back whole (the signing date too), not stamped over with a new one.
        _restore(project, latest, actor)
        return project.last_stage_change()
    checked = check_stage_move(
        project, to, on=on, actor=actor, note=note, override_reason=override_reason
    )
    criteria, override_reason = checked.criteria, checked.override_reason
    change = StageChange(
        project=project,
        from_stage=project.stage,
        from_since=project.stage_since,
        from_signed_on=project.signed_on,
        from_lost_reason=project.lost_reason,
        to_stage=to,
        on=on,
        by=actor,
        note=note,
        admission=recorded(criteria) if criteria is not None else None,
        override_reason=override_reason,
    )
    project.stage, project.stage_since = to, on
    if to == Stage.LOST:
        project.lost_reason = note
    else:
        project.lost_reason = ""
        if RANK[to] < RANK[Stage.SIGNED]:
            project.signed_on = None
        elif project.signed_on is None:
            project.signed_on = on
    project._history_user = actor
    project.save()
    change.save()
    return change


@transaction.atomic
def undo_move(change: StageChange, *, actor) -> Project:
    """Take back a stage change: the project returns to the stage, date and signing date the
    change replaced, and the change leaves the timeline (the project's history and the audit
    trail keep both)."""
    require_perm(actor, Project, "change")
    project = change.project
    check_in_scope(actor, project)
    project.refresh_from_db(from_queryset=Project.objects.select_for_update())
    check_undo(change, actor=actor)
    _restore(project, change, actor)
    return project


def _restore(project, change, actor):
    project.stage, project.stage_since = change.from_stage, change.from_since
    project.signed_on, project.lost_reason = change.from_signed_on, change.from_lost_reason
    project._history_user = actor
    project.save()
    record(
        AuditAction.UNDO,
        user=actor,
        obj=project,
        detail=f"undo stage change {change.from_stage} → {change.to_stage} on {change.on}",
    )
    change.delete()


def save_project(*, actor, instance, values: dict):
    """Create a project (its first stage checked and on the timeline) or change its facts; its
    stage changes only by `move_stage`."""
    if instance.pk is None:
        since = values.get("stage_since")
        for name, value in values.items():
            setattr(instance, name, value)
        return start_project(instance, actor=actor, on=since)
    facts = {k: v for k, v in values.items() if k not in ("stage", "stage_since")}
    return save_object(actor=actor, instance=instance, values=facts)


def start_project(project, *, actor, on=None, note=""):
    """Save a new project and the first entry of its timeline, its first stage checked by the
    same rules as any move (a new project enters at most at "signed": later stages are reached
    by moving it, past the admission bar)."""
    require_perm(actor, Project, "add")
    project.stage_since = on or project.stage_since or today()
    checked = check_stage_move(
        project, project.stage, on=project.stage_since, actor=actor, note=note
    )
    if project.stage != Stage.LOST and project.rank >= RANK[Stage.SIGNED]:
        project.signed_on = project.signed_on or project.stage_since
    project._history_user = actor
    with transaction.atomic():
        project.save()
        check_in_scope(actor, project)
        StageChange.objects.create(
            project=project,
            to_stage=project.stage,
            on=project.stage_since,
            by=actor,
            note=note,
            admission=recorded(checked.criteria) if checked.criteria is not None else None,
        )
    return project


def lead_from_enquiry(sender, enquiry, **kwargs):
    """An online-park enquiry becomes a lead of its park's pipeline (receiver of
    `portal.signals.enquiry_received`)."""
    if Project.objects.filter(enquiry=enquiry).exists():
        return None
    with translation.override(settings.LANGUAGE_CODE):
        name = _("%(company)s (enquiry %(number)d)") % {
            "company": enquiry.company,
            "number": enquiry.pk,
        }
        contact = " ".join(filter(None, [enquiry.name, enquiry.phone, enquiry.email]))
        received = timezone.localdate(enquiry.created)
        project = Project(
            park_id=enquiry.park_id,
            name=name[:100],
            investor_name=enquiry.company,
            channel=Channel.ONLINE_ENQUIRY,
            floor_need_m2=enquiry.area_m2,
            building_id=enquiry.building_id,
            stage=Stage.LEAD,
            stage_since=received,
            next_action=_("Call the investor back"),
            next_action_on=received + dt.timedelta(days=FOLLOW_UP_DAYS),
            notes=f"{contact}\n{enquiry.industry}\n{enquiry.message}".strip(),
            enquiry=enquiry,
        )
        with transaction.atomic():
            start_project(project, actor=None, note=_("From an online-park enquiry."))
            enquiry.status = EnquiryStatus.LEAD
            enquiry.save(update_fields=["status"])
    return project


def link_project(*, actor, project, building=None, parcel=None):
    """Link a project to the building or parcel it will use (one of the space suggestions)."""
    values = {"building": building} if building is not None else {"parcel": parcel}
    return save_object(actor=actor, instance=project, values=values)


def add_attachment(*, actor, project, upload) -> Attachment:
    """Keep a document or picture on a project, with who added it."""
    require_perm(actor, Attachment, "add")
    check_in_scope(actor, project)
    return Attachment.objects.create(
        project=project, file=upload, name=upload.name[:200], uploaded_by=actor
    )


def delete_attachment(*, actor, instance: Attachment) -> None:
    """Remove an attachment; its file goes once the removal is committed."""
    file = instance.file
    with transaction.atomic():
        delete_object(actor=actor, instance=instance)
        transaction.on_commit(lambda: file.delete(save=False))


def save_target(*, actor, instance, values: dict):
    return save_object(actor=actor, instance=instance, values=values)

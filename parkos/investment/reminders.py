"""The reminder each owner receives by mail: overdue next actions and waiting projects."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Project
from .queries import STALE_DAYS, overdue_actions, stale


@dataclass
class Digest:
    owner: object
    overdue: list
    stale: list


def digests(days=STALE_DAYS, on=None):
    """Per owner with an e-mail address: their overdue next actions and their projects with no
    stage change for `days` days (owners with neither are left out)."""
    projects = Project.objects.filter(owner__isnull=False, owner__is_active=True).exclude(
        owner__email=""
    )
    overdue, waiting = {}, {}
    for project in overdue_actions(projects, on):
        overdue.setdefault(project.owner, []).append(project)
    for project in stale(projects, days, on):
        waiting.setdefault(project.owner, []).append(project)
    owners = sorted(set(overdue) | set(waiting), key=lambda user: user.username)
    return [Digest(o, overdue.get(o, []), waiting.get(o, [])) for o in owners]


def reminder_mail(digest, days, site_url=""):
    """Subject and body of one owner's reminder, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[ParkOS] Investment reminders: %(overdue)d overdue, %(stale)d waiting") % {
            "overdue": len(digest.overdue),
            "stale": len(digest.stale),
        }
        lines = [_("Hello %(name)s,") % {"name": digest.owner.display_name}, ""]
        if digest.overdue:
            lines.append(_("Next actions past their date:"))
            lines += [
                f"- {p.next_action_on:%Y-%m-%d} {p.name}：{p.next_action or '—'}  "
                f"{site_url}{p.get_absolute_url()}"
                for p in digest.overdue
            ]
            lines.append("")
        if digest.stale:
            lines.append(_("No stage change for %(days)d days:") % {"days": days})
            lines += [
                f"- {p.name}（{p.get_stage_display()}，{p.stage_since:%Y-%m-%d}）  "
                f"{site_url}{p.get_absolute_url()}"
                for p in digest.stale
            ]
        return subject, "\n".join(lines)

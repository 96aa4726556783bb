"""The mail that escalates overdue requests to the park's admins (the request's timeline and
list show the escalation whether or not a mail server is configured)."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from parkos.core.roles import Role

from .choices import OPEN
from .models import ServiceRequest
from .queries import VISIT_DUE_DAYS, mine_q, my_work


def mail_escalations(requests) -> int:
    """One mail per park admin with an e-mail address, listing their park's newly escalated
    requests; the number of mails sent."""
    by_park = {}
    for request in requests:
        by_park.setdefault(request.enterprise.park_id, []).append(request)
    admins = (
        get_user_model()
        .objects.filter(role=Role.PARK_ADMIN, park_id__in=by_park, is_active=True)
        .exclude(email="")
    )
    messages = []
    for admin in admins:
        subject, body = escalation_mail(admin, by_park[admin.park_id])
        messages.append(EmailMessage(subject, body, to=[admin.email]))
    return mailers.default.send_messages(messages) if messages else 0


def escalation_mail(admin, requests):
    """Subject and body of one admin's escalation mail, in the site's language."""
    site = settings.PARKOS_SITE_URL
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[ParkOS] %(n)d service requests past their deadline") % {"n": len(requests)}
        lines = [_("Hello %(name)s,") % {"name": admin.display_name}, ""]
        lines.append(_("These requests were not answered by their deadline:"))
        for r in requests:
            due = timezone.localtime(r.deadline)
            who = r.handler.display_name if r.assignee_id else (r.handler or "—")
            lines.append(
                f"- {due:%Y-%m-%d %H:%M} {r.enterprise}：{r.title}（{r.category}，{who}）"
                f"  {site}{r.get_absolute_url()}"
            )
        return subject, "\n".join(lines)


# The weekly digest (每周提醒): what waits for each steward, from their My work.
DIGEST_ROWS = 20  # per section in the mail; My work leads to them all


@dataclass
class Digest:
    steward: object
    work: object  # queries.MyWork
    due_this_week: list

    @property
    def empty(self):
        w = self.work
        return not (
            w.overdue.count
            or self.due_this_week
            or w.visits.count
            or w.contacts.count
            or w.not_visited.count
        )


def weekly_digests(*, now=None, days=None) -> list[Digest]:
    """Per active steward with an e-mail address and something waiting: their overdue
    requests, those due by the end of the week (Sunday), their due visits and contacts and the
    enterprises of their zones not visited within `days` (My work's window)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    week_end = timezone.make_aware(
        dt.datetime.combine(today + dt.timedelta(days=7 - today.weekday()), dt.time())
    )
    stewards = (
        get_user_model()
        .objects.filter(role=Role.STEWARD, is_active=True)
        .exclude(email="")
        .order_by("username")
    )
    result = []
    for steward in stewards:
        work = my_work(steward, days=days or VISIT_DUE_DAYS, now=now)
        week = list(
            ServiceRequest.objects.visible_to(steward)
            .filter(
                mine_q(steward), status__literal_in=OPEN, deadline__gte=now, deadline__lt=week_end
            )
            .select_related("enterprise", "category")
            .order_by("deadline", "id")
        )
        digest = Digest(steward, work, week)
        if not digest.empty:
            result.append(digest)
    return result


def digest_mail(digest: Digest):
    """Subject and body of one steward's weekly digest, in the site's language."""
    site = settings.PARKOS_SITE_URL
    work = digest.work
    with translation.override(settings.LANGUAGE_CODE):
        subject = _(
            "[ParkOS] Your week: %(overdue)d overdue, %(week)d due this week, %(visits)d to visit"
        ) % {
            "overdue": work.overdue.count,
            "week": len(digest.due_this_week),
            "visits": work.visits.count + work.contacts.count + work.not_visited.count,
        }
        lines = [_("Hello %(name)s,") % {"name": digest.steward.display_name}, ""]

        def section(title, count, rows):
            if not count:
                return
            lines.append(f"{title}（{count}）")
            lines.extend(rows[:DIGEST_ROWS])
            if count > DIGEST_ROWS:
                lines.append(_("… and %(n)d more on My work.") % {"n": count - DIGEST_ROWS})
            lines.append("")

        def request_line(r):
            due = timezone.localtime(r.deadline)
            return f"- {due:%Y-%m-%d %H:%M} {r.enterprise}：{r.title}  {site}{r.get_absolute_url()}"

        section(
            _("Overdue requests"), work.overdue.count, [request_line(r) for r in work.overdue.rows]
        )
        section(
            _("Requests due this week"),
            len(digest.due_this_week),
            [request_line(r) for r in digest.due_this_week],
        )
        section(
            _("Planned visits for today or a past day"),
            work.visits.count,
            [
                f"- {v.on:%Y-%m-%d} {v.enterprise}  {site}{v.get_absolute_url()}"
                for v in work.visits.rows
            ],
        )
        section(
            _("Key enterprises due a contact by their service package"),
            work.contacts.count,
            [f"- {p.enterprise}（{p.get_contact_every_display()}）" for p in work.contacts.rows],
        )
        never = _("never visited")
        section(
            _("Enterprises of your zones not visited for %(days)d days") % {"days": work.days},
            work.not_visited.count,
            [
                f"- {e.name}（{e.last_visit:%Y-%m-%d}）"
                if e.last_visit
                else f"- {e.name}（{never}）"
                for e in work.not_visited.rows
            ],
        )
        lines.append(_("My work: %(url)s") % {"url": f"{site}{reverse('service:my-work')}"})
        return subject, "\n".join(lines)

"""The mail that escalates overdue requests to the park's admins (the request's timeline and
list show the escalation whether or not a mail server is configured)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from parkos.core.roles import Role


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

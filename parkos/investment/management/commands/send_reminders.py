"""Mail each project owner their overdue next actions and waiting projects — run it from cron
on working days, e.g. `0 8 * * 1-5 python manage.py send_reminders`."""

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.core.management.base import BaseCommand

from parkos.investment.queries import STALE_DAYS
from parkos.investment.reminders import digests, reminder_mail


class Command(BaseCommand):
    help = "Mail each project owner their overdue next actions and projects waiting too long."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=STALE_DAYS, help="no stage change for")
        parser.add_argument("--dry-run", action="store_true", help="print, send nothing")

    def handle(self, days, dry_run, **options):
        messages = []
        for digest in digests(days):
            subject, body = reminder_mail(digest, days, settings.PARKOS_SITE_URL)
            if dry_run:
                self.stdout.write(f"To: {digest.owner.email}\nSubject: {subject}\n\n{body}\n")
            messages.append(EmailMessage(subject, body, to=[digest.owner.email]))
        if not dry_run and messages:
            mailers.default.send_messages(messages)
        verb = "Would send" if dry_run else "Sent"
        self.stdout.write(f"{verb} {len(messages)} reminder(s).")

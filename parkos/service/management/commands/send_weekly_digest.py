"""Mail each steward the week's digest of their work: overdue requests, those due this week,
due visits and contacts, enterprises not visited recently — run it from cron on Monday morning,
e.g. `0 8 * * 1 python manage.py send_weekly_digest`."""

from django.core.mail import EmailMessage, mailers
from django.core.management.base import BaseCommand

from parkos.service.reminders import digest_mail, weekly_digests


class Command(BaseCommand):
    help = "Mail each steward their overdue and due requests, visits and contacts of the week."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="not visited for (default: My work's)")
        parser.add_argument("--dry-run", action="store_true", help="print, send nothing")

    def handle(self, days, dry_run, **options):
        messages = []
        for digest in weekly_digests(days=days):
            subject, body = digest_mail(digest)
            if dry_run:
                self.stdout.write(f"To: {digest.steward.email}\nSubject: {subject}\n\n{body}\n")
            messages.append(EmailMessage(subject, body, to=[digest.steward.email]))
        if not dry_run and messages:
            mailers.default.send_messages(messages)
        verb = "Would send" if dry_run else "Sent"
        self.stdout.write(f"{verb} {len(messages)} digest(s).")

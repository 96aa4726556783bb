"""Escalate the requests past their deadline to the park's admins; run it every few minutes
(cron or a timer): each deadline escalates once however often it runs."""

from django.core.management.base import BaseCommand

from parkos.service.actions import escalate_overdue


class Command(BaseCommand):
    help = "Escalate open service requests past their deadline to their park's admins, once."

    def handle(self, *args, **options):
        escalated = escalate_overdue()
        self.stdout.write(f"{len(escalated)} request(s) escalated.")

"""Apply the early-warning rules to a month's figures: monthly by cron or the task worker
(the month before by default), and again after monthly figures are imported."""

import re

from django.core.management.base import BaseCommand, CommandError

from parkos.reports.early_warnings import evaluate, last_month


class Command(BaseCommand):
    help = "Write the early warnings of a month (default: last month); running it again adds none."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM (default: the month before this one)")

    def handle(self, *args, month=None, **options):
        if month:
            found = re.fullmatch(r"(\d{4})-(\d{1,2})", month)
            if not found or not 1 <= int(found[2]) <= 12:
                raise CommandError(f"--month {month}: write it YYYY-MM")
            year, number = int(found[1]), int(found[2])
        else:
            year, number = last_month()
        written = evaluate(year, number)
        self.stdout.write(f"{year}-{number:02d}: {written} new warnings")

"""Remove audit events past the retention (PARKOS_AUDIT_RETENTION_DAYS, at least 180 days, as
等保 2.0 level 3 asks); run it from cron, e.g. monthly. The cut is itself recorded, so
`audit_verify` still checks the rest of the chain."""

from django.core.management.base import BaseCommand, CommandError

from parkos.core.audit import prune


class Command(BaseCommand):
    help = "Remove audit events older than the retention (at least 180 days)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="keep this many days (default: the setting)")

    def handle(self, days=None, **options):
        try:
            removed = prune(days=days)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Removed {removed} audit events.")

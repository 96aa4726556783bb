"""Check that the audit trail is whole: every row's hash matches its contents and the row
before it. Exit status 1 names the first row that does not fit (changed, inserted, or the row
after a removed one)."""

from django.core.management.base import BaseCommand, CommandError

from parkos.core.audit import verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain."

    def handle(self, **options):
        checked, broken = verify()
        if broken is not None:
            raise CommandError(
                f"The audit trail is broken at event {broken.pk} ({broken}): "
                f"{checked} events before it are intact."
            )
        self.stdout.write(f"The audit trail is intact: {checked} events.")

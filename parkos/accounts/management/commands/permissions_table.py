"""Write docs/roles.md: what each role may do, from the code."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from parkos.accounts.permissions_table import render

TARGET = Path(settings.BASE_DIR) / "docs" / "roles.md"


class Command(BaseCommand):
    help = "Write docs/roles.md, the table of each role's permissions, from accounts/roles.py."

    def handle(self, **options):
        with translation.override("en"):
            TARGET.write_text(render())
        self.stdout.write(f"Wrote {TARGET}.")

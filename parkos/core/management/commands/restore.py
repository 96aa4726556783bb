"""`manage.py restore FILE.tar`: load a `backup` archive into a migrated, empty database and put
its files back under MEDIA_ROOT. It refuses a database that already holds rows (pass --flush to
empty it first), so a restore never mixes two states."""

import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from .backup import DATA_NAME


class Command(BaseCommand):
    help = "Restore a backup archive made by `backup` (database and uploaded files)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--flush", action="store_true", help="empty the database first (every row is lost)"
        )

    def handle(self, archive, flush=False, **options):
        if flush:
            call_command("flush", interactive=False, verbosity=0)
        elif get_user_model().objects.exists():
            raise CommandError(
                "This database already holds data: restore into an empty, migrated database, "
                "or pass --flush to empty this one first."
            )
        media = Path(settings.MEDIA_ROOT)
        with tempfile.TemporaryDirectory() as scratch, tarfile.open(archive) as tar:
            members = tar.getmembers()
            if DATA_NAME not in {m.name for m in members}:
                raise CommandError(f"{archive} is not a ParkOS backup (no {DATA_NAME}).")
            tar.extractall(scratch, filter="data")  # refuses absolute paths and "..": no escape
            with transaction.atomic():
                call_command("loaddata", str(Path(scratch) / DATA_NAME), verbosity=0)
            files = 0
            for member in members:
                if member.isfile() and member.name.startswith("media/"):
                    target = media / member.name.removeprefix("media/")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes((Path(scratch) / member.name).read_bytes())
                    files += 1
        self.stdout.write(f"Restored the database and {files} files from {archive}.")

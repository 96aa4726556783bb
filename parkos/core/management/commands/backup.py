"""`manage.py backup FILE.tar`: every table and every uploaded file in one archive, readable by
`restore` on SQLite or PostgreSQL alike (rows as JSON lines with natural keys, so a backup of
one database restores into the other). Every row keeps its id (history rows and the audit
trail's hash chain name rows by id); content types and permissions are named by their natural
keys and left out, with sessions: a migrated database makes its own."""

import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

# Rebuilt by `migrate` or worthless after a restore.
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "admin.logentry")
DATA_NAME = "data.parkos-jsonl.gz"  # the format named by its extension (core/serializers.py)


class Command(BaseCommand):
    help = "Write the database and the uploaded files to one .tar archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar file to write")

    def handle(self, archive, **options):
        media = Path(settings.MEDIA_ROOT)
        # dumpdata streams each table through QuerySet.iterator(): on PostgreSQL that needs the
        # server-side cursors the settings turn off for pages, or a district's two million
        # monthly rows would be held in memory at once.
        was_disabled = connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS", False)
        connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = False
        try:
            self.dump(archive, media)
        finally:
            connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = was_disabled

    def dump(self, archive, media):
        with tempfile.TemporaryDirectory() as scratch:
            data = Path(scratch) / DATA_NAME
            call_command(
                "dumpdata",
                *[f"--exclude={name}" for name in EXCLUDED],
                natural_foreign=True,
                format="parkos-jsonl",
                output=str(data),
                verbosity=0,
            )
            files = 0
            with tarfile.open(archive, "w") as tar:
                tar.add(data, arcname=DATA_NAME)
                if media.exists():
                    for path in sorted(p for p in media.rglob("*") if p.is_file()):
                        tar.add(path, arcname=f"media/{path.relative_to(media)}")
                        files += 1
        self.stdout.write(f"Backed up the database and {files} files to {archive}.")

"""Import a file from the command line through the same engine as the web page.

    python manage.py import_data enterprises firms.xlsx --dry-run

Exit code 1, with the list of bad rows, when any row is bad; nothing is written then."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from parkos.core.choices import BatchStatus
from parkos.core.importing import FileError, ImportContext, commit, read_table, registry, validate
from parkos.core.models import ImportBatch


class Command(BaseCommand):
    help = "Import enterprises, indicators or honours from an .xlsx or .csv file."

    def add_arguments(self, parser):
        parser.add_argument("entity", choices=sorted(registry))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        parser.add_argument(
            "--user", help="import as this user (their scope applies); default: all parks"
        )

    def handle(self, entity, file, dry_run, user, **options):
        spec = registry[entity]
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"no user {user!r}")
        try:
            table = read_table(file.name, file.read_bytes())
        except (OSError, FileError) as exc:
            raise CommandError(str(exc)) from exc
        ctx = ImportContext(actor)
        plan = validate(spec, table, ctx)
        for warning in plan.warnings:
            self.stderr.write(f"warning: {warning}")
        if not plan.ok:
            for error in plan.errors:
                self.stderr.write(
                    f"row {error['row']}, column {error['column'] or '-'}: "
                    f"{error['message']} [{error['value']}]"
                )
            self.stderr.write(
                f"{plan.error_count} error(s) in {plan.rows_total} rows; nothing written."
            )
            raise SystemExit(1)
        summary = (
            f"{len(plan.creates)} new, {len(plan.updates)} updated, {plan.unchanged} unchanged"
        )
        if dry_run:
            self.stdout.write(f"{plan.rows_total} rows OK ({summary}); dry run, nothing written.")
            return
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                entity=entity,
                file_name=file.name,
                user=actor,
                park=getattr(actor, "park", None),
                rows_total=plan.rows_total,
                rows_done=plan.rows_total,
            )
            with file.open("rb") as handle:
                batch.file.save(file.name, File(handle, name=file.name), save=False)
            commit(spec, plan, ctx, batch)
            batch.status = BatchStatus.COMMITTED
            batch.committed_at = timezone.now()
            batch.save()
        self.stdout.write(f"Imported {plan.rows_total} rows ({summary}) as batch {batch.pk}.")

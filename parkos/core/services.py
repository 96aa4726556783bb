"""Import batches: start, validate, commit, roll back. Views, tasks and the CLI call these;
small files run at once, large ones on the background worker with progress on the batch."""

import gc
import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import record
from .choices import BatchStatus
from .importing import (
    FileError,
    ImportContext,
    RollbackRefused,
    commit,
    read_table,
    registry,
    rollback,
    validate,
)
from .models import AuditAction, ImportBatch

log = logging.getLogger(__name__)
PROGRESS_SECONDS = 0.5  # the batch page polls every second


def can_import(user, entity) -> bool:
    """May `user` import the kind of data `entity` (an import spec's slug)?"""
    spec = registry.get(entity) if entity else None
    return (
        spec is not None
        and user.has_perm("core.add_importbatch")
        and user.has_perms(spec.permissions())
    )


def check_can_import(user, entity):
    spec = registry.get(entity)
    if spec is None:
        raise ValidationError(_("Unknown kind of data: %(entity)s") % {"entity": entity})
    if not can_import(user, entity):
        raise PermissionDenied
    return spec


def start_import(*, actor, entity, upload, commit_after_check=False) -> ImportBatch:
    """Keep the uploaded file as a batch and check it (a dry run)."""
    check_can_import(actor, entity)
    if upload.size > settings.PARKOS_IMPORT_MAX_BYTES:
        limit = settings.PARKOS_IMPORT_MAX_BYTES // (1024 * 1024)
        raise ValidationError(_("The file is larger than %(limit)d MB.") % {"limit": limit})
    batch = ImportBatch.objects.create(
        entity=entity, file=upload, file_name=upload.name[:200], user=actor, park=actor.park
    )
    _run_or_enqueue(batch, "validate")
    batch.refresh_from_db()
    return batch


def request_commit(*, actor, batch: ImportBatch):
    check_can_import(actor, batch.entity)
    if batch.status != BatchStatus.READY:
        raise ValidationError(_("Only a checked file without errors can be imported."))
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.IMPORTING, rows_done=0)
    batch.refresh_from_db()
    _run_or_enqueue(batch, "commit")
    batch.refresh_from_db()


def request_rollback(*, actor, batch: ImportBatch) -> bool:
    """Undo a committed batch: at once when it is small, on the worker when it has more rows
    than PARKOS_IMPORT_BACKGROUND_ROWS, as its check and its commit did (in a request, a
    district's file outlasted gunicorn's 30 s timeout). True when it is done already."""
    from . import tasks

    check_can_import(actor, batch.entity)
    if batch.status != BatchStatus.COMMITTED:
        raise ValidationError(_("Only an imported batch can be rolled back."))
    if batch.rows_total <= settings.PARKOS_IMPORT_BACKGROUND_ROWS:
        _roll_back(actor, batch)
        return True
    started = ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.COMMITTED).update(
        status=BatchStatus.ROLLING_BACK, message=""
    )
    if not started:  # another request got there first
        raise ValidationError(_("Only an imported batch can be rolled back."))
    transaction.on_commit(lambda: tasks.run_import_batch.enqueue(batch.pk, "rollback", actor.pk))
    batch.refresh_from_db()
    return False


def _roll_back(actor, batch):
    try:
        with transaction.atomic():
            rollback(registry[batch.entity], batch, actor)
            record(AuditAction.ROLLBACK, user=actor, obj=batch, detail=batch.entity)
    except RollbackRefused as exc:
        raise ValidationError(str(exc)) from exc


def _roll_back_on_the_worker(batch, actor_id):
    """The worker's half of request_rollback: a refusal (rows changed since) or a failure
    leaves the batch imported, with the reason on it; nothing was written."""
    actor = get_user_model().objects.get(pk=actor_id) if actor_id else batch.user
    try:
        _roll_back(actor, batch)
    except ValidationError as exc:
        _back_to_committed(batch, " ".join(exc.messages))
    except Exception as exc:
        log.exception("rolling back import batch %s failed", batch.pk)
        _back_to_committed(batch, _("Unexpected error: %(error)s") % {"error": exc})
        raise


def _back_to_committed(batch, message):
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.COMMITTED, message=message)


def _run_or_enqueue(batch, step):
    from . import tasks

    if batch.rows_total == 0:
        batch.rows_total = _count_rows(batch)
        batch.save(update_fields=["rows_total"])
    if batch.rows_total <= settings.PARKOS_IMPORT_BACKGROUND_ROWS:
        run_batch(batch.pk, step)
    else:
        transaction.on_commit(lambda: tasks.run_import_batch.enqueue(batch.pk, step))


def _count_rows(batch):
    try:
        return len(_table(batch).rows)
    except FileError:
        return 0


def _table(batch):
    batch.file.open("rb")
    try:
        return read_table(batch.file_name, batch.file.read())
    finally:
        batch.file.close()


@contextmanager
def without_cyclic_gc():
    """An import keeps hundreds of thousands of objects alive until it ends (cells, rows, model
    instances, history records): the cyclic collector walked them again and again as they grew
    (about 2 s of a 100,000-row import). Reference counting frees them all the same; the
    collector resumes when the import is done, at its own pace (a full collection there walked
    the whole process for 0.07 s, to find the few cycles that its next round finds)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def run_batch(batch_id: int, step: str, actor_id: int | None = None) -> None:
    """Validate (step "validate"), validate-and-write (step "commit") or roll back (step
    "rollback", by `actor_id`) one batch."""
    batch = ImportBatch.objects.select_related("user").get(pk=batch_id)
    if step == "rollback":
        _roll_back_on_the_worker(batch, actor_id)
        return
    spec = registry[batch.entity]
    ctx = ImportContext(batch.user)

    shown = [0.0]  # when the count was last written

    def progress(done):
        """The rows done so far, written at most every PROGRESS_SECONDS (and at the end): the
        page polls once a second, and on PostgreSQL each write outside a transaction waits for
        its flush to disk (200 writes were 0.3 s of a 100,000-row import)."""
        now = time.monotonic()
        if done < batch.rows_total and now - shown[0] < PROGRESS_SECONDS:
            return
        shown[0] = now
        ImportBatch.objects.filter(pk=batch.pk).update(rows_done=min(done, batch.rows_total))

    with without_cyclic_gc():
        _run(batch, step, spec, ctx, progress)


def _run(batch, step, spec, ctx, progress):
    try:
        table = _table(batch)
    except FileError as exc:
        _finish(batch, BatchStatus.INVALID, message=str(exc))
        return
    batch.rows_total = len(table.rows)
    batch.save(update_fields=["rows_total"])
    try:
        plan = validate(spec, table, ctx, progress)
        if not plan.ok:
            _finish(batch, BatchStatus.INVALID, plan=plan)
        elif step == "validate":
            _finish(batch, BatchStatus.READY, plan=plan)
        else:
            with transaction.atomic():
                commit(spec, plan, ctx, batch)
                _finish(batch, BatchStatus.COMMITTED, plan=plan)
                record(
                    AuditAction.IMPORT,
                    user=batch.user,
                    obj=batch,
                    detail=f"{batch.entity}: +{batch.created_count} ~{batch.updated_count}",
                )
    except Exception as exc:
        log.exception("import batch %s failed", batch.pk)
        _finish(
            batch, BatchStatus.FAILED, message=_("Unexpected error: %(error)s") % {"error": exc}
        )
        raise


def _finish(batch, status, plan=None, message=""):
    batch.status = status
    batch.message = message
    if plan is not None:
        batch.errors = plan.errors
        batch.error_count = plan.error_count
        batch.message = "\n".join(plan.warnings)
        if status == BatchStatus.READY:
            batch.created_count = len(plan.creates)
            batch.updated_count = len(plan.updates)
        batch.rows_done = batch.rows_total
    if status == BatchStatus.COMMITTED:
        batch.committed_at = timezone.now()
    batch.save()

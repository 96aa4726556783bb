from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import BatchStatus
from .links import object_url
from .scoping import Scope, ScopedManager, ScopedQuerySet


class ImportBatch(models.Model):
    """One uploaded file through the import engine: what it held, what it did, who did it.

    Rows written by a batch point back to it, so a batch can be rolled back."""

    entity = models.CharField(_("data"), max_length=40)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    file_name = models.CharField(_("file name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    park = models.ForeignKey(
        "parks.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The importing user's park; empty for district-wide imports."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=BatchStatus.choices, default=BatchStatus.VALIDATING
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    undo = models.JSONField(default=dict, blank=True, editable=False)
    created = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    committed_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    rolled_back_at = models.DateTimeField(_("rolled back at"), null=True, blank=True)

    scope = Scope(park="park")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return object_url("core:import-batch", self.pk)

    @property
    def progress_percent(self):
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0

    @property
    def is_running(self):
        return self.status in (
            BatchStatus.VALIDATING,
            BatchStatus.IMPORTING,
            BatchStatus.ROLLING_BACK,
        )


def import_batch_field():
    """The link from an importable row to the batch that last wrote it (for rollback)."""
    return models.ForeignKey(
        ImportBatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Signed in")
    LOGOUT = "logout", _("Signed out")
    LOGIN_FAILED = "login_failed", _("Sign-in failed")
    LOCKED_OUT = "locked_out", _("Locked out")
    UNLOCK = "unlock", _("Account unlocked")
    PRUNE = "prune", _("Trail pruned")
    DENIED = "denied", _("Permission denied")
    ROLE_CHANGE = "role_change", _("Role or scope changed")
    EXPORT = "export", _("Export")
    IMPORT = "import", _("Import")
    ROLLBACK = "rollback", _("Import rolled back")
    PUBLISH = "publish", _("Published")
    DELETE = "delete", _("Deleted")
    UNDO = "undo", _("Change undone")


class AuditQuerySet(ScopedQuerySet):
    """The trail is append-only for the application: rows are never changed or removed."""

    def update(self, **kwargs):
        raise PermissionError("The audit trail is append-only.")

    def delete(self):
        raise PermissionError("The audit trail is append-only.")


class AuditEvent(models.Model):
    """One security event: who, from where, did what to which row, with what outcome. Each row
    carries the hash of the one before it, so a changed or removed row breaks the chain
    (`manage.py audit_verify`). Written only by `core.audit.record`."""

    time = models.DateTimeField(_("time"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,  # never rewritten: a row changed after the fact breaks
        related_name="+",  # the chain; the trail outlives a user, the name below stays
        db_constraint=False,
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    ip = models.CharField(_("address"), max_length=45, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("record type"), max_length=100, blank=True)
    object_id = models.CharField(_("record id"), max_length=40, blank=True)
    object_repr = models.CharField(_("record"), max_length=200, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, default="ok")
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, editable=False, unique=True)

    # The whole trail, for the role whose permission reads it (the audit administrator).
    scope = Scope(everyone=True)
    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.time:%Y-%m-%d %H:%M:%S} {self.username} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only.")

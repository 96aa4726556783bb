from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import BatchStatus
from .links import object_url
from .scoping import Scope, ScopedManager


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
        return self.status in (BatchStatus.VALIDATING, BatchStatus.IMPORTING)


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

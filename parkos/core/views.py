import logging
import sys

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.http import require_POST

from . import services
from .exports import xlsx_response
from .filters import AuditEventFilterSet, ImportBatchFilterSet
from .forms import AttachmentForm, ImportForm, error_summary
from .importing import registry
from .importing.template import template_sheets
from .listing import ObjectListView
from .middleware import busy_response, database_busy
from .models import AuditEvent, ImportBatch
from .scoping import get_visible_or_404
from .services import can_import
from .tables import AuditEventTable, ImportBatchTable

log = logging.getLogger(__name__)


class AuditEventListView(ObjectListView):
    """The security audit trail, searchable and exported like every list (the export itself is
    an event of the trail)."""

    queryset = AuditEvent.objects.select_related("user")
    filterset_class = AuditEventFilterSet
    table_class = AuditEventTable
    title = _("Audit trail")
    export_name = "audit-trail"


class ImportBatchListView(ObjectListView):
    queryset = ImportBatch.objects.all()
    filterset_class = ImportBatchFilterSet
    table_class = ImportBatchTable
    title = _("Imports")
    template_name = "core/import_list.html"
    export_name = "imports"

    def get_extra_context(self):
        user = self.request.user
        specs = [(slug, spec) for slug, spec in registry.items() if can_import(user, slug)]
        # A list's "import" button names its kind of data: ?entity=contacts picks it.
        initial = {"entity": self.request.GET.get("entity")}
        return {
            "form": ImportForm(user=user, initial=initial) if specs else None,
            "specs": specs,
        }


@require_POST
def import_upload(request):
    form = ImportForm(request.POST, request.FILES, user=request.user)
    if form.is_valid():
        try:
            batch = services.start_import(
                actor=request.user,
                entity=form.cleaned_data["entity"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect(batch)
    messages.error(request, error_summary(form))
    return redirect("core:imports")


def import_batch(request, pk):
    batch = get_visible_or_404(ImportBatch.objects.select_related("user"), request.user, pk=pk)
    context = {"batch": batch, "spec": registry.get(batch.entity), "errors": batch.errors[:500]}
    if request.htmx:
        return render(request, "core/partials/batch_status.html", context)
    return render(request, "core/import_batch.html", context)


@require_POST
def import_batch_action(request, pk, action):
    batch = get_visible_or_404(ImportBatch.objects, request.user, pk=pk)
    try:
        if action == "commit":
            services.request_commit(actor=request.user, batch=batch)
        elif action == "rollback":
            if services.request_rollback(actor=request.user, batch=batch):
                messages.success(request, _("The import was rolled back."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(batch)


def import_batch_errors(request, pk):
    batch = get_visible_or_404(ImportBatch.objects, request.user, pk=pk)
    header = [_("Row"), _("Column"), _("Value"), _("Problem")]
    rows = [[e["row"], e["column"], e["value"], e["message"]] for e in batch.errors]
    return xlsx_response(f"errors-{batch.pk}", [(str(_("Errors")), header, rows)])


def import_template(request, entity):
    spec = registry.get(entity)
    if spec is None:
        raise Http404
    return xlsx_response(f"template-{entity}", template_sheets(spec))


def upload_attachment(request, owner, add):
    """The POST of the one AttachmentForm on `owner`'s page: `add(upload)` is the domain's
    action that stores it; the page answers with what happened."""
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        add(upload)
        messages.success(request, _("Attached %(name)s.") % {"name": upload.name})
    else:
        messages.error(request, error_summary(form))
    return redirect(owner)


def attachment_file(found):
    """An attachment the user may see, downloaded under its own name."""
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


def server_error(request):
    """The 500 handler (parkos/urls.py). A busy SQLite that surfaced outside a view — in a
    middleware, e.g. the idle limit signing a user out, or the audit trail recording a refusal —
    is a 503 with Retry-After like one inside a view (BusyDatabaseMiddleware), not an error."""
    if database_busy(sys.exc_info()[1]):
        try:
            return busy_response(request)
        except Exception:  # whatever failed there, the plain error page still answers
            log.exception("The busy page failed; answering with the error page")
    return defaults.server_error(request)

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.filters import can_see_figures, latest_year
from parkos.enterprises.models import Enterprise, HonourAward, IndicatorYear
from parkos.investment.models import AnnualTarget, Project
from parkos.investment.queries import completion, current_year
from parkos.parks.models import Park

from . import services
from .exports import xlsx_response
from .filters import ImportBatchFilterSet
from .forms import ImportForm, error_summary
from .importing import registry
from .importing.template import template_sheets
from .listing import ObjectListView
from .models import ImportBatch
from .scoping import get_visible_or_404
from .services import can_import
from .tables import ImportBatchTable


@login_required
def home(request):
    """The overview of everything in the user's scope, computed from rows."""
    user = request.user
    enterprises = Enterprise.objects.visible_to(user)
    parks = Park.objects.visible_to(user).annotate(
        n_enterprises=Count("enterprises", filter=Q(enterprises__in=enterprises), distinct=True),
        n_above=Count(
            "enterprises",
            filter=Q(enterprises__in=enterprises, enterprises__is_above_scale=True),
            distinct=True,
        ),
        n_zones=Count("zones", distinct=True),
    )
    context = {
        "parks": parks,
        "counts": enterprises.aggregate(
            total=Count("id"),
            operating=Count("id", filter=Q(status=EnterpriseStatus.OPERATING)),
            above=Count("id", filter=Q(is_above_scale=True)),
        ),
    }
    if can_see_figures(user):
        year = latest_year()
        context["year"] = year
        context["figures"] = (
            IndicatorYear.objects.visible_to(user)
            .filter(year=year)
            .aggregate(output=Sum("output_value"), revenue=Sum("revenue"), tax=Sum("tax_paid"))
        )
        context["honours_by_level"] = (
            HonourAward.objects.visible_to(user)
            .filter(year=year)
            .values("honour_type__level")
            .annotate(n=Count("id"))
            .order_by("honour_type__level")
        )
    if user.has_perm("investment.view_project"):
        targets = AnnualTarget.objects.visible_to(user)
        context["pipeline"] = completion(
            Project.objects.visible_to(user), targets, current_year(targets)
        )
    return render(request, "core/home.html", context)


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


@permission_required("core.add_importbatch", raise_exception=True)
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


@login_required
def import_batch(request, pk):
    batch = get_visible_or_404(ImportBatch.objects.select_related("user"), request.user, pk=pk)
    context = {"batch": batch, "spec": registry.get(batch.entity), "errors": batch.errors[:500]}
    if request.htmx:
        return render(request, "core/partials/batch_status.html", context)
    return render(request, "core/import_batch.html", context)


@require_POST
@login_required
def import_batch_action(request, pk, action):
    batch = get_visible_or_404(ImportBatch.objects, request.user, pk=pk)
    try:
        if action == "commit":
            services.request_commit(actor=request.user, batch=batch)
        elif action == "rollback":
            services.request_rollback(actor=request.user, batch=batch)
            messages.success(request, _("The import was rolled back."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(batch)


@login_required
def import_batch_errors(request, pk):
    batch = get_visible_or_404(ImportBatch.objects, request.user, pk=pk)
    header = [_("Row"), _("Column"), _("Value"), _("Problem")]
    rows = [[e["row"], e["column"], e["value"], e["message"]] for e in batch.errors]
    return xlsx_response(f"errors-{batch.pk}", [(str(_("Errors")), header, rows)])


@login_required
def import_template(request, entity):
    spec = registry.get(entity)
    if spec is None:
        raise Http404
    return xlsx_response(f"template-{entity}", template_sheets(spec))

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from parkos.core.exports import xlsx_response
from parkos.core.forms import error_summary
from parkos.core.listing import ObjectListView, query_int
from parkos.core.scoping import get_visible_or_404
from parkos.parks.models import Park

from . import actions, services
from .choices import GRADES, RunStatus
from .filters import ResultFilterSet, RunFilterSet, SchemeFilterSet
from .forms import (
    AdmissionBarForm,
    AdmissionCheckForm,
    IndicatorFormSet,
    RunForm,
    SchemeForm,
)
from .models import AdmissionBar, Result, Run, Scheme
from .reasons import reason_text
from .tables import ResultTable, RunTable, SchemeTable


class RunListView(ObjectListView):
    queryset = Run.objects.select_related("park", "created_by", "published_by")
    filterset_class = RunFilterSet
    table_class = RunTable
    title = gettext_lazy("Per-mu benefit evaluation")
    template_name = "evaluation/run_list.html"
    export_name = "evaluation-runs"

    def get_extra_context(self):
        user = self.request.user
        return {"form": RunForm(user=user) if user.has_perm("evaluation.add_run") else None}


@require_POST
def run_create(request):
    form = RunForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, error_summary(form))
        return redirect("evaluation:runs")
    try:
        run = services.run_evaluation(
            actor=request.user, scheme=form.cleaned_data["scheme"], year=form.cleaned_data["year"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("evaluation:runs")
    messages.success(
        request,
        _("Evaluated %(n)s enterprises in %(s).2f s; check the results, then publish.")
        % {"n": run.rated_count + run.not_rated_count, "s": run.seconds},
    )
    return redirect(run)


class RunDetailView(ObjectListView):
    """A run's summary and its results (the one list pattern, filtered to the run)."""

    queryset = Result.objects.all()
    filterset_class = ResultFilterSet
    table_class = ResultTable
    template_name = "evaluation/run_detail.html"
    export_name = "evaluation-results"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.run = get_visible_or_404(
                Run.objects.select_related("scheme", "park", "published_by"),
                request.user,
                pk=kwargs["pk"],
            )
            self.title = str(self.run)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return super().get(request)

    def get_queryset(self):
        return super().get_queryset().filter(run=self.run)

    def get_extra_context(self):
        results = Result.objects.visible_to(self.request.user).filter(run=self.run, rated=True)
        counts = Counter(
            dict(results.values_list("grade").annotate(n=Count("id")).values_list("grade", "n"))
        )
        return {
            "run": self.run,
            "grade_counts": [(g, counts.get(g, 0)) for g in GRADES],
            "indicators": [
                (item, self.run.definition.get("benchmarks", {}).get(item["code"]))
                for item in self.run.definition["indicators"]
            ],
            "can_publish": services.can_publish(self.request.user, self.run)
            and self.run.status == RunStatus.DRAFT,
        }


@require_POST
def run_publish(request, pk):
    run = get_visible_or_404(Run.objects, request.user, pk=pk)
    try:
        services.publish(actor=request.user, run=run)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Published: enterprises, stewards and leaders can now see these results.")
        )
    return redirect(run)


def result_detail(request, pk):
    result = get_visible_or_404(
        Result.objects.select_related("run", "enterprise__zone", "enterprise__park"),
        request.user,
        pk=pk,
    )
    lines = services.explain(result)
    previous = services.previous_result(result)
    return render(
        request,
        "evaluation/result_detail.html",
        {
            "result": result,
            "lines": lines,
            "weakest": sorted(
                (line for line in lines if line.shortfall > 0.005), key=lambda line: -line.shortfall
            )[:3],
            "reason": reason_text(result.reason),
            "previous": previous,
            "title": f"{result.enterprise} · {result.run.year}",
        },
    )


def dashboard(request):
    """Grade distribution by park, zone and cluster, moves since last year, the D list."""
    runs = (
        Run.objects.visible_to(request.user)
        .filter(status=RunStatus.PUBLISHED)
        .select_related("scheme")
    )
    chosen = query_int(request, "run")
    run = runs.filter(pk=chosen).first() if chosen else runs.first()
    context = {"runs": runs[:50], "run": run, "title": _("Evaluation dashboard")}
    if run is not None:
        results = Result.objects.visible_to(request.user).filter(run=run, rated=True)
        tables = services.distribution(results)
        context["sections"] = [
            ("by_park", _("Grades by park"), tables["by_park"]),
            ("by_zone", _("Grades by zone"), tables["by_zone"]),
            *(
                (
                    f"by_cluster_{scheme.pk}",
                    _("Grades by cluster: %(scheme)s") % {"scheme": scheme},
                    tables[f"by_cluster_{scheme.pk}"],
                )
                for scheme in tables.get("schemes", [])
            ),
        ]
        context["chart_data"] = {
            key: {"groups": [row[0] for row in rows], "counts": [row[1] for row in rows]}
            for key, _title, rows in context["sections"]
        }
        context["moves"] = services.grade_moves(run, results)
        context["d_count"] = results.filter(grade="D").count()
        if request.GET.get("export") == "xlsx":
            return xlsx_response(f"evaluation-{run.year}", services.dashboard_sheets(context))
    return render(request, "evaluation/dashboard.html", context)


def admission(request):
    """The per-mu bar of each park in scope, and a check of a proposed project against it."""
    bars = AdmissionBar.objects.visible_to(request.user).select_related("park")
    parks = Park.objects.visible_to(request.user)
    park = query_int(request, "park")
    chosen = (bars.filter(park_id=park).first() if park else None) or bars.first()
    form = AdmissionCheckForm(request.GET if "land_mu" in request.GET else None)
    criteria = None
    if chosen is not None and form.is_valid():
        criteria = services.check_admission(chosen, **form.cleaned_data)
    return render(
        request,
        "evaluation/admission.html",
        {
            "bars": bars,
            "parks_without_bar": parks.exclude(admission_bar__in=bars),
            "bar": chosen,
            "form": form,
            "criteria": criteria,
            "criteria_failed": sum(not c.passed for c in criteria or ()),
            "title": _("Admission bar for new land projects"),
        },
    )


def admission_edit(request, park_id):
    park = get_visible_or_404(Park.objects, request.user, pk=park_id)
    bar = AdmissionBar.objects.filter(park=park).first()
    needed = "evaluation.change_admissionbar" if bar else "evaluation.add_admissionbar"
    if not request.user.has_perm(needed):
        raise PermissionDenied
    form = AdmissionBarForm(request.POST or None, instance=bar or AdmissionBar(park=park))
    if request.method == "POST" and form.is_valid():
        actions.save_admission_bar(
            actor=request.user, instance=form.instance, values=form.cleaned_data
        )
        messages.success(request, _("Saved the admission bar of %(park)s.") % {"park": park})
        return redirect(f"{reverse('evaluation:admission')}?park={park.pk}")
    return render(
        request,
        "evaluation/admission_edit.html",
        {"form": form, "park": park, "title": _("Admission bar of %(park)s") % {"park": park}},
    )


class SchemeListView(ObjectListView):
    queryset = Scheme.objects.all()
    filterset_class = SchemeFilterSet
    table_class = SchemeTable
    title = gettext_lazy("Evaluation schemes")
    export_name = "evaluation-schemes"


def scheme_detail(request, pk):
    scheme = get_visible_or_404(Scheme.objects.prefetch_related("indicators"), request.user, pk=pk)
    return render(
        request, "evaluation/scheme_detail.html", {"scheme": scheme, "title": str(scheme)}
    )


@require_POST
def scheme_copy(request, pk):
    scheme = get_visible_or_404(Scheme.objects, request.user, pk=pk)
    copy = services.copy_scheme(actor=request.user, scheme=scheme)
    messages.success(request, _("Copied. Adjust the copy, then run it."))
    return redirect("evaluation:scheme-edit", pk=copy.pk)


def scheme_edit(request, pk):
    scheme = get_visible_or_404(Scheme.objects, request.user, pk=pk)
    if not services.can_edit_scheme(request.user, scheme):
        raise PermissionDenied
    form = SchemeForm(request.POST or None, instance=scheme)
    formset = IndicatorFormSet(request.POST or None, instance=scheme)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        scheme = services.save_scheme(actor=request.user, form=form, formset=formset)
        messages.success(request, _("Saved as version %(v)s.") % {"v": scheme.version})
        return redirect(scheme)
    return render(
        request,
        "evaluation/scheme_edit.html",
        {"scheme": scheme, "form": form, "formset": formset, "title": str(scheme)},
    )

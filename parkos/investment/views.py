import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from parkos.core.exports import xlsx_response
from parkos.core.forms import AttachmentForm
from parkos.core.listing import ObjectListView, parse_int, query_int
from parkos.core.scoping import get_visible_or_404
from parkos.core.units import quantize, to_wan, to_yi
from parkos.core.views import attachment_file, upload_attachment
from parkos.parks.models import Park
from parkos.space.models import Building, Parcel
from parkos.space.services import demand_url

from . import actions, queries, rules
from .choices import PIPELINE
from .filters import ProjectFilterSet, TargetFilterSet
from .forms import MoveForm, ProjectForm, TargetForm
from .models import AnnualTarget, Attachment, Project
from .tables import ProjectTable, TargetTable

BOARD_COLUMN_CARDS = 20  # the rest of a column is one click away, in the list


# The years a pipeline page can be about; anything else falls back to the current one.
MIN_YEAR, MAX_YEAR = 1990, 2100


def _year(request):
    """The year asked for, else the latest year with a target (the one being reported on)."""
    year = query_int(request, "year", low=MIN_YEAR, high=MAX_YEAR)
    return year or queries.current_year(AnnualTarget.objects.visible_to(request.user))


#
# Projects
#


class ProjectListView(ObjectListView):
    queryset = Project.objects.all()
    filterset_class = ProjectFilterSet
    table_class = ProjectTable
    title = gettext_lazy("Investment projects")
    export_name = "projects"
    create_url = "investment:project-create"


# What a link may fill in on a new project's form (a chain's weak link: name, park, cluster).
PREFILL = ("name", "park", "cluster", "industry", "notes")


def _edit(request, project):
    initial = {} if project.pk else {k: request.GET[k] for k in PREFILL if k in request.GET}
    form = ProjectForm(request.POST or None, instance=project, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            project = actions.save_project(
                actor=request.user, instance=form.instance, values=form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": project})
            return redirect(project)
    return render(
        request,
        "investment/project_form.html",
        {
            "form": form,
            "object": project.pk and project,
            "title": project.name if project.pk else _("New investment project"),
        },
    )


def project_create(request):
    return _edit(request, Project())


def project_edit(request, pk):
    return _edit(request, get_visible_or_404(Project.objects, request.user, pk=pk))


def project_detail(request, pk):
    project = get_visible_or_404(
        Project.objects.select_related(
            "park", "cluster", "industry", "owner", "enterprise", "building", "parcel", "enquiry"
        ),
        request.user,
        pk=pk,
    )
    user = request.user
    can_change = user.has_perm("investment.change_project")
    promise = None
    if project.enterprise_id and user.has_perm("enterprises.view_indicatoryear"):
        promise = next(iter(queries.promises(Project.objects.filter(pk=project.pk))), None)
    space = queries.space_for(project, user) if user.has_perm("space.view_unit") else None
    return render(
        request,
        "investment/project_detail.html",
        {
            "project": project,
            "title": project.name,
            "timeline": project.stage_changes.select_related("by").order_by("-on", "-id"),
            "undoable": _undoable(project, user) if can_change else None,
            "admission": rules.admission_check(project),
            "move_form": MoveForm(initial={"stage": _next_stage(project)}) if can_change else None,
            "can_change": can_change,
            "can_override": user.has_perm("investment.override_admission"),
            "attachments": project.attachments.select_related("uploaded_by"),
            "attachment_form": AttachmentForm() if can_change else None,
            "promise": promise,
            "space": space,
            "match_url": demand_url(project.floor_need_m2, cluster_id=project.cluster_id),
            "history": project.history.select_related("history_user")[:20],
            "today": rules.today(),
        },
    )


def _undoable(project, user):
    """The project's latest stage change when `user` may take it back (rules.check_undo)."""
    change = project.last_stage_change()
    if change is None:
        return None
    try:
        rules.check_undo(change, actor=user)
    except ValidationError:
        return None
    return change


def _next_stage(project):
    """The stage the move form proposes: the next one of the pipeline."""
    if project.stage in PIPELINE[:-1]:
        return PIPELINE[PIPELINE.index(project.stage) + 1]
    return project.stage


def _move(request, project):
    """Apply a MoveForm to a project; the form carries the errors when the rules refuse."""
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            actions.move_stage(
                project,
                form.cleaned_data["stage"],
                on=form.cleaned_data["on"],
                actor=request.user,
                note=form.cleaned_data["note"],
                override_reason=form.cleaned_data["override_reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
    return form


@require_POST
def project_move(request, pk):
    project = get_visible_or_404(Project.objects, request.user, pk=pk)
    form = _move(request, project)
    if form.is_valid():
        messages.success(
            request,
            _("%(name)s moved to “%(stage)s”.")
            % {"name": project, "stage": project.get_stage_display()},
        )
    else:
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    return redirect(project)


@require_POST
def project_undo_move(request, pk):
    """Take back the project's latest stage change (its author's own, e.g. an accidental drag);
    from the board the board is redrawn with what happened, elsewhere the project page says."""
    project = get_visible_or_404(Project.objects, request.user, pk=pk)
    change = project.last_stage_change()
    try:
        if change is None:
            raise ValidationError(_("This project has no stage change to undo."))
        actions.undo_move(change, actor=request.user)
    except ValidationError as exc:
        level, notice = "danger", " ".join(exc.messages)
    else:
        project.refresh_from_db()
        level, notice = (
            "success",
            _("Undone: %(name)s is back in “%(stage)s” since %(since)s.")
            % {
                "name": project,
                "stage": project.get_stage_display(),
                "since": project.stage_since.isoformat(),
            },
        )
    if request.htmx:
        context = _board_context(request) | {"notice": notice, "notice_level": level}
        return render(request, "investment/partials/board.html", context)
    messages.add_message(
        request, messages.SUCCESS if level == "success" else messages.ERROR, notice
    )
    return redirect(project)


@require_POST
def project_link(request, pk):
    """Link the project to a building or parcel picked among the space suggestions."""
    project = get_visible_or_404(Project.objects, request.user, pk=pk)
    if request.POST.get("building"):
        building = get_visible_or_404(
            Building.objects, request.user, pk=request.POST["building"], park_id=project.park_id
        )
        actions.link_project(actor=request.user, project=project, building=building)
    elif request.POST.get("parcel"):
        parcel = get_visible_or_404(
            Parcel.objects, request.user, pk=request.POST["parcel"], park_id=project.park_id
        )
        actions.link_project(actor=request.user, project=project, parcel=parcel)
    else:
        messages.error(request, _("Pick a building or a parcel to link."))
        return redirect(project)
    messages.success(request, _("Saved %(name)s.") % {"name": project})
    return redirect(project)


#
# Attachments
#


@require_POST
def attachment_upload(request, pk):
    project = get_visible_or_404(Project.objects, request.user, pk=pk)
    return upload_attachment(
        request,
        project,
        lambda upload: actions.add_attachment(actor=request.user, project=project, upload=upload),
    )


def attachment(request, pk):
    return attachment_file(get_visible_or_404(Attachment.objects, request.user, pk=pk))


@require_POST
def attachment_delete(request, pk):
    found = get_visible_or_404(Attachment.objects.select_related("project"), request.user, pk=pk)
    project = found.project
    actions.delete_attachment(actor=request.user, instance=found)
    messages.success(request, _("Removed %(name)s.") % {"name": found.name})
    return redirect(project)


#
# The kanban
#


def _gauge(request, year, park=None, cluster_id=None):
    """The year's completion for the parks the user sees, or the park and cluster picked in
    the board's filter."""
    projects = Project.objects.visible_to(request.user)
    targets = AnnualTarget.objects.visible_to(request.user)
    if park is not None:
        projects, targets = projects.filter(park=park), targets.filter(park=park)
    done = queries.completion(projects, targets, year, cluster_id)
    return {
        "completion": done,
        "gauge_data": {
            "year": year,
            # The caption's own percent, rounded once on the server, so the two agree.
            "percent": float(quantize(done.investment_ratio * 100, 0))
            if done.investment_ratio is not None
            else None,
        },
    }


def _board_context(request):
    year = _year(request)
    projects = Project.objects.visible_to(request.user)
    filterset = ProjectFilterSet(request.GET or None, queryset=projects, request=request)
    picked = {}
    if filterset.is_valid():
        projects, picked = filterset.qs, filterset.form.cleaned_data
    cluster = picked.get("cluster")
    return {
        "title": _("Pipeline"),
        "filterset": filterset,
        "columns": queries.stage_columns(projects, BOARD_COLUMN_CARDS),
        "year": year,
        "today": rules.today(),
        "move_form": MoveForm(),
        "can_change": request.user.has_perm("investment.change_project"),
        "can_override": request.user.has_perm("investment.override_admission"),
        "list_url": reverse("investment:projects"),
        "my_overdue": queries.overdue_actions(
            Project.objects.visible_to(request.user).filter(owner=request.user)
        ).count(),
        **_gauge(request, year, picked.get("park"), int(cluster) if cluster else None),
    }


def board(request):
    context = _board_context(request)
    if request.htmx and request.htmx.target == "board":
        return render(request, "investment/partials/board.html", context)
    return render(request, "investment/board.html", context)


@require_POST
def board_move(request):
    """A card dropped on another column: move the project, answer with the board redrawn (the
    gauge included), or with the form's errors in the dialog."""
    project = get_visible_or_404(Project.objects, request.user, pk=request.POST.get("project"))
    form = _move(request, project)
    if not form.is_valid():
        response = render(
            request, "investment/partials/move_errors.html", {"form": form, "project": project}
        )
        response["HX-Retarget"] = "#move-errors"
        response["HX-Reswap"] = "innerHTML"
        return response
    context = _board_context(request) | {"moved": project.last_stage_change()}
    response = render(request, "investment/partials/board.html", context)
    response["HX-Trigger"] = json.dumps({"projectMoved": project.pk})
    return response


#
# Targets, figures, reminders, promises
#


class TargetListView(ObjectListView):
    queryset = AnnualTarget.objects.all()
    filterset_class = TargetFilterSet
    table_class = TargetTable
    title = gettext_lazy("Annual targets")
    export_name = "targets"
    create_url = "investment:target-create"

    def get_table(self, data):
        """Targets are few (a park × year × cluster); their completion is summed in one query
        and the table sorts the list in Python."""
        return super().get_table(queries.with_completion(data))


def _edit_target(request, target):
    form = TargetForm(request.POST or None, instance=target, user=request.user)
    if request.method == "POST" and form.is_valid():
        target = actions.save_target(
            actor=request.user, instance=form.instance, values=form.cleaned_data
        )
        messages.success(request, _("Saved %(name)s.") % {"name": target})
        return redirect("investment:targets")
    return render(
        request,
        "investment/target_form.html",
        {"form": form, "title": str(target) if target.pk else _("New annual target")},
    )


def target_create(request):
    return _edit_target(request, AnnualTarget())


def target_edit(request, pk):
    return _edit_target(request, get_visible_or_404(AnnualTarget.objects, request.user, pk=pk))


FIGURE_SECTIONS = [
    ("months", gettext_lazy("By month"), "signed_month"),
    ("clusters", gettext_lazy("By industry cluster"), "cluster"),
    ("channels", gettext_lazy("By source channel"), "channel"),
    ("owners", gettext_lazy("By owner"), "owner"),
]


def figures(request):
    year = _year(request)
    projects = Project.objects.visible_to(request.user)
    park = parse_int(request.GET.get("park"))
    if park is not None:
        projects = projects.filter(park_id=park)
    data = queries.signed_figures(projects, year)
    base = {"signed_year": year, **({"park": park} if park is not None else {})}
    sections = []
    for key, label, param in FIGURE_SECTIONS:
        rows = []
        for row in data[key]:
            query = {**base, param: row["key"]} if row["key"] is not None else None
            rows.append(
                {
                    **row,
                    "url": f"{reverse('investment:projects')}?{urlencode(query)}"
                    if query and row["count"]
                    else None,
                }
            )
        sections.append({"key": key, "label": label, "rows": rows})
    if request.GET.get("export") == "xlsx":
        header = [_("Group"), _("Signed projects"), _("Planned investment (10k yuan)")]
        return xlsx_response(
            f"signed-{year}",
            [
                (
                    str(s["label"]),
                    header,
                    [[r["label"], r["count"], to_wan(r["investment"])] for r in s["rows"]],
                )
                for s in sections
            ],
        )
    total = queries.completion(projects, AnnualTarget.objects.visible_to(request.user), year)
    return render(
        request,
        "investment/figures.html",
        {
            "title": _("Signed projects in %(year)d") % {"year": year},
            "year": year,
            "sections": sections,
            "total": total,
            "parks": Park.objects.visible_to(request.user),
            "park": park,
            "chart": {
                "months": [r["label"] for r in data["months"]],
                "counts": [r["count"] for r in data["months"]],
                "investment": [float(to_yi(r["investment"])) for r in data["months"]],
            },
        },
    )


def reminders(request):
    days = query_int(request, "days", queries.STALE_DAYS, low=1, high=3650)
    projects = Project.objects.visible_to(request.user)
    if request.GET.get("mine"):
        projects = projects.filter(owner=request.user)
    return render(
        request,
        "investment/reminders.html",
        {
            "title": _("Reminders"),
            "overdue": queries.overdue_actions(projects),
            "stale": queries.stale(projects, days),
            "days": days,
            "mine": bool(request.GET.get("mine")),
            "today": rules.today(),
        },
    )


def promises(request):
    """Projects linked to their enterprise: the promise at capacity against the actual figures
    (confidential: for roles that may read the indicators)."""
    year = query_int(request, "year", low=MIN_YEAR, high=MAX_YEAR)
    rows = queries.promises(Project.objects.visible_to(request.user), year)
    below_only = request.GET.get("below", "1") == "1"
    if below_only:
        rows = [r for r in rows if r.below]
    if request.GET.get("export") == "xlsx":
        return xlsx_response("promises", [_promise_sheet(rows)])
    return render(
        request,
        "investment/promises.html",
        {"title": _("Promises at capacity"), "rows": rows, "below_only": below_only, "year": year},
    )


def _promise_sheet(rows):
    header = [
        _("Project"),
        _("Enterprise"),
        _("Stage"),
        _("Year"),
        _("Basis"),
        _("Promised output (10k yuan)"),
        _("Actual output (10k yuan)"),
        _("Output kept"),
        _("Promised tax (10k yuan)"),
        _("Actual tax (10k yuan)"),
        _("Tax kept"),
    ]
    data = []
    for r in rows:
        output, tax = r.output_pair, r.tax_pair
        data.append(
            [
                r.project.name,
                r.project.enterprise.name,
                r.project.get_stage_display(),
                r.year,
                _("per mu") if r.per_mu else _("total"),
                to_wan(output[1]),
                to_wan(output[0]),
                None if r.output_ratio is None else float(r.output_ratio),
                to_wan(tax[1]),
                to_wan(tax[0]),
                None if r.tax_ratio is None else float(r.tax_ratio),
            ]
        )
    return (str(_("Promises at capacity")), header, data)

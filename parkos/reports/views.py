from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from parkos.core.exports import XLSX, xlsx_response
from parkos.core.listing import query_int
from parkos.core.scoping import get_visible_or_404
from parkos.parks.models import Park, Zone

from . import actions, monthly
from .choices import ACKNOWLEDGE, PUBLISH_ANALYSIS
from .clusters import scheme_figures, schemes_for, xlsx_sheets
from .dashboard import dashboard, default_year, place_for
from .forms import AcknowledgeForm
from .models import EarlyWarning, MonthlyAnalysis
from .overview import overview
from .yearly import DOCX, as_docx, as_xlsx, filename, yearly_report


def home(request):
    """The overview of everything in the user's scope, computed from rows."""
    return render(request, "reports/overview.html", overview(request.user))


def cockpit(request):
    """驾驶舱: a year's figures of every domain for the district, a park or a zone."""
    user = request.user
    year = query_int(request, "year", None, low=2000, high=2100) or default_year(user)
    place = place_for(user, query_int(request, "park"), query_int(request, "zone"))
    board = dashboard(user, year, place)
    context = {
        "title": _("Cockpit dashboard"),
        "board": board,
        "year": year,
        "parks": Park.objects.visible_to(user),
        "zones": Zone.objects.visible_to(user).filter(park=place.park) if place.park else [],
        "chart": _chart(board),
    }
    return render(request, "reports/dashboard.html", context)


def _chart(board) -> dict:
    """What the page's charts draw, as plain numbers (万元 / 亿元 as the cards show them)."""
    last, this = board.year - 1, board.year
    to_yi = lambda v: None if v is None else round(float(v) / 1e8, 2)  # noqa: E731
    completion = board.investment
    return {
        "months": [f"{m}月" for m in range(1, 13)],
        "series": {
            str(last): [to_yi(v) for v in board.months.get(last, [])],
            str(this): [to_yi(v) for v in board.months.get(this, [])],
        },
        "places": [row["name"] for row in board.by_place],
        "place_output": [to_yi(row["output"]) for row in board.by_place],
        "grades": [{"name": g["grade"], "value": g["n"]} for g in board.grades],
        "target": round(float(completion.investment_ratio) * 100, 1)
        if completion is not None and completion.investment_ratio is not None
        else None,
    }


def yearly(request):
    """The yearly work report of the park (or every park) and year the dashboard shows, in the
    reader's scope, as .docx (`?format=docx`, the default) or .xlsx."""
    user = request.user
    year = query_int(request, "year", None, low=2000, high=2100) or default_year(user)
    report = yearly_report(user, year, place_for(user, query_int(request, "park")).park)
    if request.GET.get("format") == "xlsx":
        content, kind, extension = as_xlsx(report), XLSX, "xlsx"
    else:
        content, kind, extension = as_docx(report), DOCX, "docx"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = content_disposition_header(True, filename(report, extension))
    return response


def clusters(request):
    """Industry clusters: a scheme's clusters by year against their targets (.xlsx export)."""
    user = request.user
    schemes = list(schemes_for(user))
    wanted = query_int(request, "scheme")
    scheme = next((s for s in schemes if s.pk == wanted), schemes[0] if schemes else None)
    year = query_int(request, "year", None, low=2000, high=2100) or default_year(user)
    place = place_for(user, query_int(request, "park"), query_int(request, "zone"))
    figures = scheme_figures(user, scheme, year, place) if scheme is not None else None
    if figures is not None and request.GET.get("export") == "xlsx":
        return xlsx_response(f"clusters-{year}", xlsx_sheets(figures))
    context = {
        "title": _("Industry clusters"),
        "schemes": schemes,
        "scheme": scheme,
        "figures": figures,
        "year": year,
        "place": place,
        "parks": Park.objects.visible_to(user),
        "zones": Zone.objects.visible_to(user).filter(park=place.park) if place.park else [],
        "chart": _cluster_chart(figures) if figures is not None else {},
    }
    return render(request, "reports/clusters.html", context)


def _cluster_chart(figures) -> dict:
    """Output by cluster for each year shown (亿元), and the chosen year's growth and share (%)
    against the targets."""
    to_yi = lambda v: None if v is None else round(float(v) / 1e8, 2)  # noqa: E731
    pct = lambda v: None if v is None else round(float(v) * 100, 1)  # noqa: E731
    current = figures.current
    return {
        "clusters": [row.name for row in current],
        "years": [str(y) for y in figures.years],
        "output": {str(y): [to_yi(row.output) for row in figures.rows[y]] for y in figures.years},
        "growth": [pct(row.growth) for row in current],
        "share": [pct(row.share) for row in current],
        "target_growth": [
            None if row.target_growth is None else float(row.target_growth) for row in current
        ],
        "target_share": [
            None if row.target_share is None else float(row.target_share) for row in current
        ],
        "drill": [row.drill["output"] for row in current],
        "labels": {
            "growth": _("Growth"),
            "share": _("Share of above-scale output"),
            "target_growth": _("Target growth"),
            "target_share": _("Target share"),
        },
    }


def warning_detail_context(request, warning):
    may = warning.is_open and request.user.has_perm(ACKNOWLEDGE)
    return {"acknowledge_form": AcknowledgeForm() if may else None}


def acknowledge(request, pk):
    """POST the acknowledgement of a warning with its note; back to the warning."""
    warning = get_visible_or_404(EarlyWarning.objects, request.user, pk=pk)
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(warning)
    try:
        actions.acknowledge(warning, actor=request.user, note=form.cleaned_data["note"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Warning acknowledged."))
    return redirect(warning)


def portrait_warnings(user, enterprise):
    """The portrait's section: the enterprise's open warnings, for those who read them."""
    if not user.has_perm("reports.view_earlywarning"):
        return None
    rows = list(
        EarlyWarning.objects.visible_to(user)
        .filter(enterprise=enterprise, acknowledged_at__isnull=True)
        .select_related("rule")[:10]
    )
    return {"warnings": rows}


def analysis_text(analysis) -> str:
    """The analysis in words: a draft filled from the figures as they are now, a published one
    from its frozen figures."""
    values = analysis.figures if not analysis.is_draft else None
    if values is None:
        values = monthly.figures(analysis.park, analysis.year, analysis.month)
    return monthly.render(analysis.body, values)


def analysis_detail_context(request, analysis):
    may = analysis.is_draft and request.user.has_perm(PUBLISH_ANALYSIS)
    return {"text": analysis_text(analysis), "may_publish": may}


def publish_analysis(request, pk):
    """POST: publish a draft analysis; back to it."""
    analysis = get_visible_or_404(MonthlyAnalysis.objects, request.user, pk=pk)
    try:
        actions.publish(analysis, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Analysis published."))
    return redirect(analysis)

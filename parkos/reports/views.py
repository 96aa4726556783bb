from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parkos.core.listing import query_int
from parkos.core.scoping import get_visible_or_404
from parkos.parks.models import Park, Zone

from . import actions, monthly
from .choices import ACKNOWLEDGE, PUBLISH_ANALYSIS
from .dashboard import dashboard, default_year, place_for
from .forms import AcknowledgeForm
from .models import EarlyWarning, MonthlyAnalysis
from .overview import overview


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

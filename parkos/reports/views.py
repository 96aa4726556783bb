from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from parkos.core.exports import XLSX
from parkos.core.listing import query_int
from parkos.parks.models import Park, Zone

from .dashboard import dashboard, default_year, place_for
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

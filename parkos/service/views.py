"""The request's page beyond its fields (the timeline and the steps the user may take), and the
step a button posts. Sign-in and permissions are the routes'; rows come through the scope."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from parkos.core.exports import xlsx_response
from parkos.core.forms import AttachmentForm, error_summary
from parkos.core.listing import ObjectListView, parse_int, query_int
from parkos.core.scoping import get_visible_or_404
from parkos.core.views import attachment_file, upload_attachment
from parkos.enterprises.models import Enterprise

from . import actions, queries
from .filters import DirectoryFilterSet, FiguresFilterSet
from .forms import StepForm, VisitRequestForm
from .models import Notification, RequestAttachment, ServiceRequest, Visit
from .rules import TRANSITIONS
from .tables import DirectoryTable


def steps_for(user, request):
    """The steps `user` may take on `request` now: its status allows them and their role holds
    the permission (the action checks both again)."""
    return [
        t
        for t in TRANSITIONS.values()
        if request.status in t.sources and user.has_perm(f"service.{t.permission}_servicerequest")
    ]


def request_detail_context(http_request, request):
    user = http_request.user
    return {
        "attachments": request.attachments.select_related("uploaded_by"),
        "attachment_form": AttachmentForm()
        if user.has_perm("service.add_requestattachment")
        else None,
        "timeline": request.events.select_related("by").order_by("at", "id"),
        "steps": steps_for(http_request.user, request),
        "step_form": StepForm(),
    }


def take_step(http_request, pk):
    """POST a step (accept, start, answer, close, reopen); the refusal comes back as a message."""
    request = get_visible_or_404(ServiceRequest.objects, http_request.user, pk=pk)
    form = StepForm(http_request.POST)
    if not form.is_valid():
        messages.error(http_request, error_summary(form))
        return redirect(request)
    data = form.cleaned_data
    try:
        event = actions.take_step(
            request, data["step"], actor=http_request.user, note=data["note"], rating=data["rating"]
        )
    except ValidationError as exc:
        messages.error(http_request, " ".join(exc.messages))
    else:
        messages.success(http_request, event.get_step_display())
    return redirect(request)


def leave_message(http_request, pk):
    """POST a message on the request's timeline (a question, an answer); a refusal comes back as
    a message on the page."""
    request = get_visible_or_404(ServiceRequest.objects, http_request.user, pk=pk)
    try:
        actions.leave_message(request, http_request.POST.get("note", ""), actor=http_request.user)
    except ValidationError as exc:
        messages.error(http_request, " ".join(exc.messages))
    else:
        messages.success(http_request, _("Message sent."))
    return redirect(request)


@require_POST
def attachment_upload(http_request, pk):
    request = get_visible_or_404(ServiceRequest.objects, http_request.user, pk=pk)
    return upload_attachment(
        http_request,
        request,
        lambda upload: actions.add_attachment(
            actor=http_request.user, request=request, upload=upload
        ),
    )


def attachment(http_request, pk):
    return attachment_file(get_visible_or_404(RequestAttachment.objects, http_request.user, pk=pk))


def visit_detail_context(http_request, visit):
    user = http_request.user
    may_raise = bool(visit.findings.strip()) and user.has_perm("service.add_servicerequest")
    return {
        "raised": visit.requests.select_related("category"),
        "request_form": VisitRequestForm() if may_raise else None,
    }


def visit_to_request(http_request, pk):
    """The visit's findings become a request (one click), then its page."""
    visit = get_visible_or_404(Visit.objects.select_related("enterprise"), http_request.user, pk=pk)
    form = VisitRequestForm(http_request.POST)
    if not form.is_valid():
        messages.error(http_request, error_summary(form))
        return redirect(visit)
    try:
        request = actions.request_from_visit(
            visit, actor=http_request.user, category=form.cleaned_data["category"]
        )
    except ValidationError as exc:
        messages.error(http_request, " ".join(exc.messages))
        return redirect(visit)
    messages.success(http_request, str(request))
    return redirect(request)


def my_work(http_request):
    """我的工作: what waits for the signed-in steward or department member today."""
    days = query_int(http_request, "days", queries.VISIT_DUE_DAYS, low=1, high=3650)
    work = queries.my_work(http_request.user, days=days)
    return render(http_request, "service/my_work.html", {"title": _("My work"), "work": work})


class ZoneDirectoryView(ObjectListView):
    """片区企业名录: every enterprise of a park or zone with its primary contact, steward, last
    visit and open requests, the month's changes marked and listed (those that left too), and
    the visit coverage per zone, steward and park."""

    queryset = Enterprise.objects.all()
    filterset_class = DirectoryFilterSet
    table_class = DirectoryTable
    title = gettext_lazy("Zone directory")
    template_name = "service/directory.html"
    export_name = "zone-directory"

    def get_queryset(self):
        return queries.directory(super().get_queryset())

    def get_filterset(self, queryset):
        self.filterset = super().get_filterset(queryset)
        valid = self.filterset.is_valid() or not self.filterset.is_bound
        data = self.filterset.form.cleaned_data if self.filterset.is_bound and valid else {}
        self.month = data.get("month") or timezone.localdate().replace(day=1)
        self.changes = queries.month_changes(
            self.request.user, self.month, park=data.get("park"), zone=data.get("zone")
        )
        self.place = {k: data.get(k) for k in ("park", "zone")}
        return self.filterset

    def get_table(self, data):
        table = super().get_table(data)
        table.changes = {c.enterprise_id: c for c in self.changes}
        return table

    def get_extra_context(self):
        days = query_int(self.request, "days", queries.VISIT_DUE_DAYS, low=1, high=3650)
        enterprises = Enterprise.objects.visible_to(self.request.user)
        for name, value in self.place.items():
            if value is not None:
                enterprises = enterprises.filter(**{name: value})
        since = timezone.localdate() - dt.timedelta(days=days)
        return {
            "month": self.month,
            "changes": self.changes,
            "coverage": queries.coverage(enterprises, since),
            "days": days,
        }


FIGURE_LEVELS = (
    ("category", gettext_lazy("By category")),
    ("steward", gettext_lazy("By steward in charge")),
    ("department", gettext_lazy("By department in charge")),
)


def figures(http_request):
    """诉求统计: a year's requests by category, steward and department (on-time rate, response
    and resolution in working days, satisfaction); .xlsx with one sheet per grouping."""
    year = query_int(http_request, "year", timezone.localdate().year, low=2000, high=2100)
    requests = ServiceRequest.objects.visible_to(http_request.user)
    filterset = FiguresFilterSet(http_request.GET or None, queryset=requests, request=http_request)
    requests = filterset.qs if filterset.is_valid() or not filterset.is_bound else requests.none()
    result = queries.request_figures(requests.filter(received_at__year=year))
    levels = [(label, [result.total, *result.by[key]]) for key, label in FIGURE_LEVELS]
    if http_request.GET.get("export") == "xlsx":
        header = [str(label) for label in FIGURE_COLUMNS]
        sheets = [(str(label), header, [_figure_row(f) for f in rows]) for label, rows in levels]
        return xlsx_response(f"request-figures-{year}", sheets)
    context = {
        "title": _("Request figures"),
        "filterset": filterset,
        "year": year,
        "levels": levels,
        "columns": FIGURE_COLUMNS[1:],
    }
    if http_request.user.has_perm("enterprises.view_enterprise"):
        enterprises = _figure_enterprises(http_request, filterset)
        frequency = queries.visit_frequency(enterprises, year)
        context["frequency"] = [(key, label, frequency[key]) for key, label in FREQUENCY_LEVELS]
        context["bands"] = queries.FREQUENCY_BANDS
        context["place"] = _place_params(filterset)
    return render(http_request, "service/figures.html", context)


FREQUENCY_LEVELS = (
    ("total", gettext_lazy("Visit frequency")),
    ("zone", gettext_lazy("By zone")),
    ("steward", gettext_lazy("By steward")),
)


def _figure_enterprises(http_request, filterset):
    """The enterprises the user sees in the figures' park and zone."""
    enterprises = Enterprise.objects.visible_to(http_request.user)
    if filterset.is_bound and not filterset.is_valid():
        return enterprises.none()
    data = filterset.form.cleaned_data if filterset.is_bound else {}
    if data.get("park"):
        enterprises = enterprises.filter(park=data["park"])
    if data.get("zone"):
        enterprises = enterprises.filter(zone=data["zone"])
    return enterprises


def _place_params(filterset):
    data = filterset.form.cleaned_data if filterset.is_bound and filterset.is_valid() else {}
    return "".join(
        f"&{name}={data[name].pk}" for name in ("park", "zone") if data.get(name) is not None
    )


VISIT_LIST_ROWS = 100


def _page_url(http_request, page):
    query = http_request.GET.copy()
    query["page"] = page
    return f"?{query.urlencode()}"


def visit_frequency(http_request):
    """The enterprises behind a visit-frequency figure: those of the park, zone or steward
    visited a band's number of times in the year, fewest visits first."""
    year = query_int(http_request, "year", timezone.localdate().year, low=2000, high=2100)
    filterset = FiguresFilterSet(
        http_request.GET or None, queryset=ServiceRequest.objects.none(), request=http_request
    )
    enterprises = queries.with_visit_count(_figure_enterprises(http_request, filterset), year)
    for name in ("zone", "steward"):
        value = http_request.GET.get(f"{name}_id", "")
        path = "zone" if name == "zone" else "zone__steward"
        if value == "none":
            enterprises = enterprises.filter(**{f"{path}__isnull": True})
        elif (number := parse_int(value)) is not None:
            enterprises = enterprises.filter(**{path: number})
    band = http_request.GET.get("band", "")
    if band:
        enterprises = queries.in_band(enterprises, band)
    enterprises = enterprises.select_related("zone__steward").order_by("visit_count", "name")
    total = enterprises.count()
    page = query_int(http_request, "page", 1, low=1, high=100000)
    start = (page - 1) * VISIT_LIST_ROWS
    labels = {key: label for key, label, *_rest in queries.FREQUENCY_BANDS}
    context = {
        "title": _("Visit frequency"),
        "year": year,
        "band": labels.get(band),
        "rows": enterprises[start : start + VISIT_LIST_ROWS],
        "total": total,
        "page": page,
        "previous_page": _page_url(http_request, page - 1) if page > 1 else None,
        "next_page": _page_url(http_request, page + 1) if start + VISIT_LIST_ROWS < total else None,
    }
    return render(http_request, "service/visit_frequency.html", context)


FIGURE_COLUMNS = (
    gettext_lazy("Grouping"),
    gettext_lazy("Requests"),
    gettext_lazy("Judged"),
    gettext_lazy("On time"),
    gettext_lazy("On-time rate (%)"),
    gettext_lazy("Mean response (working days)"),
    gettext_lazy("Mean resolution (working days)"),
    gettext_lazy("Satisfaction (1–5)"),
)


def _figure_row(f):
    return [
        str(f.label),
        f.count,
        f.judged,
        f.on_time,
        f.on_time_rate,
        f.mean_response,
        f.mean_resolution,
        f.satisfaction,
    ]


NOTIFICATIONS_SHOWN = 200


def notifications(http_request):
    """通知: the signed-in person's notifications, newest first, unread marked."""
    rows = Notification.objects.filter(recipient=http_request.user).select_related("request")
    return render(
        http_request,
        "service/notifications.html",
        {
            "title": _("Notifications"),
            "notifications": rows[:NOTIFICATIONS_SHOWN],
            "unread": rows.filter(read_at__isnull=True).count(),
        },
    )


def notifications_read(http_request):
    """Mark one notification read (`id`) and open what it is about, or mark them all read."""
    pk = query_int_post(http_request, "id")
    actions.mark_read(actor=http_request.user, pk=pk)
    if pk is not None:
        row = Notification.objects.filter(recipient=http_request.user, pk=pk).first()
        if row is not None and http_request.POST.get("open"):
            return redirect(row.link)
    return redirect("service:notifications")


def query_int_post(http_request, name):
    return parse_int(http_request.POST.get(name))

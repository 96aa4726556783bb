"""The event's page beyond its fields (registrations, the attendance sheet staff tick, the
enterprise's registration and feedback), the enterprise's upcoming events, and the figures.
Sign-in and permissions are the routes'; rows come through the scope."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parkos.core.exports import xlsx_response
from parkos.core.listing import parse_int, picked_park
from parkos.core.scoping import get_visible_or_404
from parkos.enterprises.models import Enterprise
from parkos.parks.models import Park

from . import actions, checkin
from .audience import audience, meant_for
from .choices import EventKind
from .figures import scoped_figures
from .filters import year_or_none
from .forms import FeedbackForm, WalkInForm
from .models import Attendance, Event, Registration


def _sheet(http_request, event):
    """The attendance sheet: the registrations the user sees, each ticked if the enterprise
    came, then the walk-ins."""
    user = http_request.user
    attended = {
        a.enterprise_id: a
        for a in Attendance.objects.visible_to(user)
        .filter(event=event)
        .select_related("enterprise")
    }
    registered = list(
        Registration.objects.visible_to(user).filter(event=event).select_related("enterprise")
    )
    names = {r.enterprise_id for r in registered}
    return {
        "event": event,
        "sheet": [(r, attended.get(r.enterprise_id)) for r in registered],
        "walk_ins": [a for a in attended.values() if a.enterprise_id not in names],
        "may_take": user.has_perm("programmes.add_attendance") and timezone.localdate() >= event.on,
        "walk_in_form": WalkInForm(user=user),
    }


def event_detail_context(http_request, event):
    user = http_request.user
    context = _sheet(http_request, event)
    context["registered_count"] = event.registrations.count()
    targets = audience(event, Enterprise.objects.visible_to(user))
    if user.enterprise_id:
        context["meant_for_us"] = targets.filter(pk=user.enterprise_id).exists()
    else:
        context["audience_count"] = targets.count()
    if user.has_perm("programmes.add_attendance"):
        context["checkin_qr"] = checkin.qr_svg(checkin.checkin_url(http_request, event), scale=3)
    if user.enterprise_id:
        mine = Registration.objects.filter(event=event, enterprise_id=user.enterprise_id).first()
        context.update(
            mine=mine,
            may_register=user.has_perm("programmes.add_registration")
            and mine is None
            and event.on >= timezone.localdate(),
            my_attendance=Attendance.objects.filter(
                event=event, enterprise_id=user.enterprise_id
            ).first(),
            feedback_form=FeedbackForm(),
        )
    return context


def register(http_request, pk):
    """An enterprise user registers their enterprise for the event."""
    user = http_request.user
    event = get_visible_or_404(Event.objects, user, pk=pk)
    if user.enterprise is None:
        messages.error(http_request, _("Only an enterprise's own user registers it here."))
        return redirect(event)
    try:
        actions.register(event, user.enterprise, actor=user)
    except ValidationError as exc:
        messages.error(http_request, " ".join(exc.messages))
    else:
        messages.success(http_request, _("Registered for %(event)s.") % {"event": event.title})
    return redirect(http_request.POST.get("next") or event.get_absolute_url())


def cancel(http_request, pk):
    """An enterprise user cancels their enterprise's registration."""
    user = http_request.user
    event = get_visible_or_404(Event.objects, user, pk=pk)
    registration = (
        Registration.objects.visible_to(user)
        .filter(event=event, enterprise_id=user.enterprise_id)
        .first()
    )
    if registration is None:
        messages.error(http_request, _("There is no registration of yours to cancel."))
        return redirect(event)
    try:
        actions.cancel_registration(actor=user, instance=registration)
    except ValidationError as exc:
        messages.error(http_request, " ".join(exc.messages))
    else:
        messages.success(http_request, _("Registration cancelled."))
    return redirect(http_request.POST.get("next") or event.get_absolute_url())


def attendance(http_request, pk):
    """Tick or untick an enterprise on the sheet (htmx answers with the sheet), or record a
    walk-in by its USCC."""
    user = http_request.user
    event = get_visible_or_404(Event.objects.select_related("park"), user, pk=pk)
    error = None
    try:
        if "enterprise" in http_request.POST:  # a walk-in, by USCC
            form = WalkInForm(http_request.POST, user=user)
            if not form.is_valid():
                raise ValidationError(list(form.errors["enterprise"]))
            actions.record_attendance(event, form.cleaned_data["enterprise"], actor=user)
        else:
            registration = (
                Registration.objects.visible_to(user)
                .select_related("enterprise")
                .filter(pk=parse_int(http_request.POST.get("registration")), event=event)
                .first()
            )
            if registration is None:
                raise ValidationError(_("Tick an enterprise registered for this event."))
            present = (
                Attendance.objects.visible_to(user)
                .filter(event=event, enterprise=registration.enterprise)
                .first()
            )
            if http_request.POST.get("present") == "0" and present is not None:
                actions.remove_attendance(actor=user, instance=present)
            elif http_request.POST.get("present") != "0":
                actions.record_attendance(event, registration.enterprise, actor=user)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if http_request.headers.get("HX-Request"):
        return render(
            http_request,
            "programmes/_attendance.html",
            {**_sheet(http_request, event), "object": event, "error": error},
        )
    if error:
        messages.error(http_request, error)
    return redirect(event)


def feedback(http_request, pk):
    """The enterprise's rating and comment on an event it attended."""
    user = http_request.user
    event = get_visible_or_404(Event.objects, user, pk=pk)
    form = FeedbackForm(http_request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Rate the event from 1 to 5."))
        if user.enterprise is None:
            raise ValidationError(_("Only an enterprise's own user gives its feedback."))
        actions.give_feedback(
            event,
            user.enterprise,
            actor=user,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as exc:
        messages.error(http_request, " ".join(exc.messages))
    else:
        messages.success(http_request, _("Thank you for your feedback."))
    return redirect(event)


def event_qr(http_request, pk):
    """The event's check-in code, printable: enterprise users scan it at the door."""
    event = get_visible_or_404(Event.objects.select_related("park"), http_request.user, pk=pk)
    url = checkin.checkin_url(http_request, event)
    return render(
        http_request,
        "programmes/event_qr.html",
        {"title": event.title, "event": event, "url": url, "qr": checkin.qr_svg(url, scale=8)},
    )


def check_in(http_request, token):
    """An enterprise user scanned an event's code: GET shows the event and a button, POST checks
    their enterprise in. A bad, expired or other-day code is refused with its reason."""
    user = http_request.user
    context = {"title": _("Event check-in"), "token": token}
    try:
        event_id, day = checkin.read(token)
        event = Event.objects.visible_to(user).select_related("park").filter(pk=event_id).first()
        if event is None:
            raise checkin.CheckInRefused(_("This event is not one of your park's."))
        context["event"] = event
        checkin.check_day(event, day)
        if user.enterprise_id is None:
            raise checkin.CheckInRefused(_("Only an enterprise's own user checks it in."))
        if http_request.method == "POST":
            attendance, new = actions.check_in(event, actor=user)
            context["done"] = (
                _("%(name)s is checked in. Welcome!")
                if new
                else _("%(name)s was already checked in.")
            ) % {"name": attendance.enterprise}
        else:
            context["already"] = Attendance.objects.filter(
                event=event, enterprise_id=user.enterprise_id
            ).exists()
    except checkin.CheckInRefused as exc:
        context["refused"] = str(exc)
    except ValidationError as exc:
        context["refused"] = " ".join(exc.messages)
    return render(http_request, "programmes/checkin.html", context)


def upcoming(http_request):
    """An enterprise's events: the upcoming ones of its park, with its registration on each,
    and every registration of its own."""
    user = http_request.user
    today = timezone.localdate()
    mine = {
        r.event_id: r
        for r in Registration.objects.visible_to(user).filter(enterprise_id=user.enterprise_id)
    }
    events = list(
        Event.objects.visible_to(user)
        .filter(on__gte=today)
        .select_related("park")
        .prefetch_related("zones", "clusters", "tags")
        .order_by("on", "starts_at", "id")
    )
    return render(
        http_request,
        "programmes/upcoming.html",
        {
            "title": _("Upcoming events"),
            "events": [(e, mine.get(e.pk)) for e in events],
            "meant_for_us": meant_for(events, user.enterprise),
            "registrations": Registration.objects.visible_to(user)
            .filter(enterprise_id=user.enterprise_id)
            .select_related("event")
            .order_by("-event__on"),
            "attended": set(
                Attendance.objects.visible_to(user)
                .filter(enterprise_id=user.enterprise_id)
                .values_list("event_id", flat=True)
            ),
        },
    )


def figures(http_request):
    """Events, registered and attending enterprises and 企业家次 by kind and month of a year."""
    user = http_request.user
    year = year_or_none(parse_int(http_request.GET.get("year"))) or timezone.localdate().year
    parks = Park.objects.visible_to(user)
    park = picked_park(http_request, parks)
    rows = scoped_figures(user, year, park)
    header = [
        _("Group"),
        _("Events"),
        _("Registered enterprises"),
        _("Attending enterprises"),
        _("Enterprise attendances"),
    ]
    if http_request.GET.get("export") == "xlsx":

        def lines(items):
            return [
                [str(r["label"]), r["events"], r["registered"], r["attending"], r["attendances"]]
                for r in items
            ]

        return xlsx_response(
            f"events-{year}",
            [
                (_("By kind"), header, lines(rows["kinds"])),
                (_("By month"), header, lines(rows["months"])),
                (_("Year"), header, lines([{**rows["total"], "label": str(year)}])),
            ],
        )
    base = reverse("programmes:event-list")
    park_query = f"&park={park}" if park else ""
    for r in rows["kinds"]:
        r["url"] = f"{base}?year={year}&kind={r['key']}{park_query}"
    for r in rows["months"]:
        r["url"] = f"{base}?year={year}&month={r['key']}{park_query}"
    return render(
        http_request,
        "programmes/figures.html",
        {
            "title": _("Events in %(year)d") % {"year": year},
            "year": year,
            "park": park,
            "parks": parks,
            "rows": rows,
            "header": header[1:],
            "kinds": EventKind,
            "chart": {
                "months": [_("Month %(month)d") % {"month": m} for m in range(1, 13)],
                "events": [r["events"] for r in rows["months"]],
                "attendances": [r["attendances"] for r in rows["months"]],
                "labels": [str(h) for h in header[1:]],
            },
        },
    )

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from parkos.core.listing import ObjectListView, parse_int
from parkos.core.scoping import get_visible_or_404
from parkos.parks.models import Park, Zone
from parkos.space.choices import BuildingForm
from parkos.space.forms import DemandForm
from parkos.space.matching import match
from parkos.space.services import map_config

from . import public, services
from .filters import EnquiryFilterSet, PublicBuildingFilterSet
from .forms import EnquiryForm, EnquiryStatusForm
from .models import Enquiry
from .tables import EnquiryTable

#
# The public online park (no login)
#


def home(request):
    glance = public.glance()
    labels = dict(BuildingForm.choices)
    return render(
        request,
        "portal/home.html",
        {
            "glance": glance,
            "by_form": [(labels.get(code, code), area) for code, area in glance["by_form"]],
            "parks": Park.objects.order_by("id"),
            "title": _("Online park"),
        },
    )


def listing(request):
    filterset = PublicBuildingFilterSet(
        request.GET or None, queryset=public.public_buildings(), request=request
    )
    rows = (
        filterset.qs
        if filterset.is_valid() or not filterset.is_bound
        else public.public_buildings().none()
    )
    page = Paginator(public.listing(rows.order_by("park_id", "code")), 12).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "portal/listing.html",
        {
            "filterset": filterset,
            "page": page,
            "title": _("Space on offer"),
            "filters_used": sum(
                1 for name in filterset.form.fields if request.GET.get(name, "").strip()
            ),
        },
    )


def building(request, pk, code=None):
    card = public.building_detail(pk)
    if card is None:
        raise Http404
    if code != card["code"]:  # a short link, or the code changed since the link was shared
        return redirect("portal:building", pk=pk, code=card["code"], permanent=True)
    features = {
        # The park's roads are public knowledge (they are on every street sign).
        "roads": Park.objects.get(pk=card["park_id"]).roads,
        "parcels": [],
        "buildings": [
            {
                "name": card["name"],
                "lat": card["latitude"],
                "lng": card["longitude"],
                "url": request.path,
            }
        ]
        if card["latitude"] is not None
        else [],
    }
    form = EnquiryForm(
        initial={"message": _("We are interested in %(name)s.") % {"name": card["name"]}}
    )
    return render(
        request,
        "portal/building.html",
        {
            "b": card,
            "form": form,
            "map": features,
            "map_config": map_config(),
            "title": card["name"],
        },
    )


@require_POST
def enquire(request, pk=None):
    """An enquiry about a building (pk) or about a park in general."""
    card = public.building_detail(pk) if pk else None
    if pk and card is None:
        raise Http404
    chosen = request.POST.get("park", "")
    park_id = card["park_id"] if card else parse_int(chosen)
    park = Park.objects.filter(pk=park_id).first() if park_id else None
    if park is None:
        raise Http404
    form = EnquiryForm(request.POST)
    if not services.allowed(request):
        return render(
            request,
            "portal/enquiry_done.html",
            {"refused": True, "title": _("Too many enquiries")},
            status=429,
        )
    if form.is_valid():
        if not form.is_bot:
            building = public.public_buildings().filter(pk=pk).first() if pk else None
            services.save_enquiry(form, park, building=building)
        return render(request, "portal/enquiry_done.html", {"title": _("Thank you")})
    if card is not None:
        return render(
            request,
            "portal/building.html",
            {
                "b": card,
                "form": form,
                "map": {"roads": [], "parcels": [], "buildings": []},
                "map_config": map_config(),
                "title": card["name"],
            },
            status=400,
        )
    return render(
        request,
        "portal/home.html",
        {
            "glance": public.glance(),
            "form": form,
            "title": _("Online park"),
            "parks": Park.objects.order_by("id"),
        },
        status=400,
    )


def match_public(request):
    zones = Zone.objects.filter(buildings__in=public.public_buildings()).distinct()
    form = DemandForm(request.GET or None, zones=zones)
    rows = near = None
    if form.is_bound and form.is_valid():
        matches, nearby = match(public.public_units(), form.demand(), limit=12)
        rows = [_public_match(m) for m in matches]
        near = [_public_match(m) for m in nearby]
    return render(
        request,
        "portal/match.html",
        {"form": form, "rows": rows, "near": near, "title": _("Find space for your project")},
    )


def _public_match(m):
    unit = m.unit
    return {
        "building_id": unit.building_id,
        "building_code": unit.building.code,
        "building": unit.building.name,
        "zone": unit.building.zone,
        "code": unit.code,
        "floor": unit.floor,
        "area_m2": unit.area_m2,
        "rent": unit.rent_per_m2_day,
        "score": m.score,
        "reasons": [r.text for r in m.reasons],
        "near_miss": m.near_miss,
    }


#
# Enquiries on the staff side
#


class EnquiryListView(ObjectListView):
    queryset = Enquiry.objects.all()
    filterset_class = EnquiryFilterSet
    table_class = EnquiryTable
    title = gettext_lazy("Enquiries from the online park")
    export_name = "enquiries"


def enquiry_detail(request, pk):
    enquiry = get_visible_or_404(
        Enquiry.objects.select_related("park", "building"), request.user, pk=pk
    )
    form = EnquiryStatusForm(request.POST or None, instance=enquiry, user=request.user)
    if request.method == "POST":
        if not request.user.has_perm("portal.change_enquiry"):
            raise PermissionDenied
        if form.is_valid():
            services.update_enquiry(
                actor=request.user, instance=form.instance, values=form.cleaned_data
            )
            messages.success(request, _("Saved."))
            return redirect(enquiry)
    return render(
        request,
        "portal/enquiry_detail.html",
        {
            "enquiry": enquiry,
            "form": form,
            "title": str(enquiry),
            "match_url": services.match_url(enquiry)
            if request.user.has_perm("space.view_unit")
            else None,
        },
    )

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from parkos.core.listing import ObjectListView
from parkos.core.scoping import get_visible_or_404
from parkos.parks.models import Zone

from . import actions, services
from .filters import BuildingFilterSet
from .forms import BuildingForm, DemandForm, FloorSpecFormSet, UnitFormSet
from .matching import match
from .models import Building, Photo, SavedDemand, Unit
from .tables import BuildingTable


class BuildingListView(ObjectListView):
    queryset = Building.objects.all()
    filterset_class = BuildingFilterSet
    table_class = BuildingTable
    title = gettext_lazy("Buildings")
    export_name = "buildings"
    create_url = "space:building-create"


def building_detail(request, pk):
    building = get_visible_or_404(
        Building.objects.select_related("park", "zone", "parcel", "owner").prefetch_related(
            "floor_specs", "units"
        ),
        request.user,
        pk=pk,
    )
    return render(
        request,
        "space/building_detail.html",
        {
            "building": building,
            "title": building.name,
            "map": services.map_features(
                parcels=[building.parcel] if building.parcel else [],
                buildings=[building],
                parks=[building.park],
            ),
            "map_config": services.map_config(),
        },
    )


def _edit_building(request, building):
    form = BuildingForm(request.POST or None, instance=building, user=request.user)
    floors = FloorSpecFormSet(request.POST or None, instance=building, prefix="floors")
    units = UnitFormSet(request.POST or None, instance=building, prefix="units")
    if request.method == "POST" and form.is_valid() and floors.is_valid() and units.is_valid():
        try:
            building = actions.save_building(
                actor=request.user,
                instance=form.instance,
                values=form.cleaned_data,
                floors=floors,
                units=units,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": building})
            return redirect(building)
    return render(
        request,
        "space/building_form.html",
        {
            "form": form,
            "floors": floors,
            "units": units,
            "object": building.pk and building,
            "title": building.name if building.pk else _("New building"),
        },
    )


def building_create(request):
    return _edit_building(request, Building())


def building_edit(request, pk):
    return _edit_building(request, get_visible_or_404(Building.objects, request.user, pk=pk))


def match_space(request):
    """Staff enter a demand and see the units that fit, best first, with a reason per criterion."""
    form = DemandForm(request.GET or None, zones=Zone.objects.visible_to(request.user))
    matches = near = None
    if form.is_bound and form.is_valid():
        matches, near = match(Unit.objects.visible_to(request.user), form.demand())
    return render(
        request,
        "space/match.html",
        {
            "form": form,
            "matches": matches,
            "near": near,
            "title": _("Match space to a demand"),
            "saved": SavedDemand.objects.visible_to(request.user).select_related("created_by")[:20],
            "can_save": request.user.has_perm("space.add_saveddemand")
            and request.user.park_id is not None,
        },
    )


@require_POST
def demand_save(request):
    """Keep the demand on screen under a name; its link runs the match again."""
    if request.user.park_id is None:  # a saved demand is kept by a park's staff for the park
        messages.error(request, _("Saved demands belong to a park: ask the park's staff."))
        return redirect("space:match")
    criteria = {
        k: v for k, v in request.POST.lists() if k not in ("csrfmiddlewaretoken", "name") and any(v)
    }
    form = DemandForm(request.POST, zones=Zone.objects.visible_to(request.user))
    name = request.POST.get("name", "").strip()[:100]
    if not name or not criteria or not form.is_valid():
        messages.error(request, _("Name the demand and check its criteria."))
    else:
        actions.save_demand(actor=request.user, name=name, criteria=criteria)
        messages.success(request, _("Saved; open it from the list to match again."))
    return redirect("space:match")


def photo(request, pk):
    """A photo's file: public when its building is published, otherwise for staff in scope."""
    found = Photo.objects.filter(pk=pk, building__published=True).first()
    if found is None and request.user.is_authenticated:
        found = Photo.objects.visible_to(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return FileResponse(
        found.image.open("rb"),
        content_type="image/png" if found.image.name.endswith(".png") else "image/jpeg",
    )


@require_POST
def photo_upload(request, pk):
    building = get_visible_or_404(Building.objects, request.user, pk=pk)
    upload = request.FILES.get("image")
    if upload is None:
        messages.error(request, _("Choose a photo to upload."))
        return redirect(building)
    try:
        services.store_photo(
            actor=request.user,
            building=building,
            upload=upload,
            caption=request.POST.get("caption", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Photo added."))
    return redirect(building)


@require_POST
def photo_delete(request, pk):
    found = get_visible_or_404(Photo.objects.select_related("building"), request.user, pk=pk)
    building = found.building
    actions.delete_photo(actor=request.user, instance=found)
    return redirect(building)

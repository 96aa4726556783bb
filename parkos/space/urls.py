from parkos.core.routes import route

from . import views
from .entities import parcels

app_name = "space"
BUILDING, PHOTO = "space.building", "space.photo"
VIEW_BUILDING, CHANGE_BUILDING = ("space.view_building",), ("space.change_building",)
urlpatterns = [
    route("buildings/", views.BuildingListView.as_view(), "buildings", perms=VIEW_BUILDING),
    route(
        "buildings/new/", views.building_create, "building-create", perms=("space.add_building",)
    ),
    route(
        "buildings/<int:pk>/", views.building_detail, "building", perms=VIEW_BUILDING, rows=BUILDING
    ),
    route(
        "buildings/<int:pk>/edit/",
        views.building_edit,
        "building-edit",
        perms=CHANGE_BUILDING,
        rows=BUILDING,
    ),
    route("match/", views.match_space, "match", perms=("space.view_unit",)),
    route(
        "match/save/",
        views.demand_save,
        "demand-save",
        perms=("space.add_saveddemand",),
        method="POST",
    ),
    route(
        "buildings/<int:pk>/photos/",
        views.photo_upload,
        "photo-upload",
        perms=CHANGE_BUILDING,
        rows=BUILDING,
        method="POST",
    ),
    # A published building's photos are public (the online park shows them); others are staff's.
    route("photos/<int:pk>/", views.photo, "photo", public=True, rows=PHOTO),
    route(
        "photos/<int:pk>/delete/",
        views.photo_delete,
        "photo-delete",
        perms=CHANGE_BUILDING,
        rows=PHOTO,
        method="POST",
    ),
    *parcels.urls(),
]

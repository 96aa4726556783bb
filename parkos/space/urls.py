from django.urls import path

from . import views

app_name = "space"
urlpatterns = [
    path("buildings/", views.BuildingListView.as_view(), name="buildings"),
    path("buildings/new/", views.building_create, name="building-create"),
    path("buildings/<int:pk>/", views.building_detail, name="building"),
    path("buildings/<int:pk>/edit/", views.building_edit, name="building-edit"),
    path("match/", views.match_space, name="match"),
    path("match/save/", views.demand_save, name="demand-save"),
    path("buildings/<int:pk>/photos/", views.photo_upload, name="photo-upload"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("photos/<int:pk>/delete/", views.photo_delete, name="photo-delete"),
    path("parcels/", views.ParcelListView.as_view(), name="parcels"),
    path("parcels/new/", views.parcel_create, name="parcel-create"),
    path("parcels/<int:pk>/", views.parcel_detail, name="parcel"),
    path("parcels/<int:pk>/edit/", views.parcel_edit, name="parcel-edit"),
]

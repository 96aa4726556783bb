from parkos.core.routes import route

from . import views

app_name = "portal"
BUILDING = "space.building"
urlpatterns = [
    route("online/", views.home, "home", public=True),
    route("online/space/", views.listing, "listing", public=True),
    # /online/space/12-B3/: the building's code reads in the address; the id keeps it stable.
    route(
        "online/space/<int:pk>-<path:code>/",
        views.building,
        "building",
        public=True,
        rows=BUILDING,
        example={"code": "B1"},
    ),
    route("online/space/<int:pk>/", views.building, "building-short", public=True, rows=BUILDING),
    route(
        "online/space/<int:pk>/enquiry/",
        views.enquire,
        "building-enquiry",
        public=True,
        rows=BUILDING,
        method="POST",
    ),
    route("online/enquiry/", views.enquire, "enquiry-create", public=True, method="POST"),
    route("online/match/", views.match_public, "match", public=True),
    route(
        "enquiries/", views.EnquiryListView.as_view(), "enquiries", perms=("portal.view_enquiry",)
    ),
    route(
        "enquiries/<int:pk>/",
        views.enquiry_detail,
        "enquiry",
        perms=("portal.view_enquiry",),
        rows="portal.enquiry",
    ),
]

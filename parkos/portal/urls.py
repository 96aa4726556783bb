from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("online/", views.home, name="home"),
    path("online/space/", views.listing, name="listing"),
    # /online/space/12-B3/: the building's code reads in the address; the id keeps it stable.
    path("online/space/<int:pk>-<path:code>/", views.building, name="building"),
    path("online/space/<int:pk>/", views.building, name="building-short"),
    path("online/space/<int:pk>/enquiry/", views.enquire, name="building-enquiry"),
    path("online/enquiry/", views.enquire, name="enquiry-create"),
    path("online/match/", views.match_public, name="match"),
    path("enquiries/", views.EnquiryListView.as_view(), name="enquiries"),
    path("enquiries/<int:pk>/", views.enquiry_detail, name="enquiry"),
]

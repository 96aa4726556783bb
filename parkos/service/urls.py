from parkos.core.routes import route

from . import views
from .choices import DIRECTORY, MY_WORK
from .entities import service_packages, service_requests, visits

app_name = "service"
urlpatterns = [
    route("my-work/", views.my_work, "my-work", perms=MY_WORK),
    route("figures/", views.figures, "figures", perms=MY_WORK),
    route(
        "figures/visits/", views.visit_frequency, "visit-frequency", perms=(*MY_WORK, *DIRECTORY)
    ),
    route("notifications/", views.notifications, "notifications"),
    route("notifications/read/", views.notifications_read, "notifications-read", method="POST"),
    route("directory/", views.ZoneDirectoryView.as_view(), "directory", perms=DIRECTORY),
    *service_requests.urls(),
    *visits.urls(),
    *service_packages.urls(),
    route(
        "requests/<int:pk>/step/",
        views.take_step,
        "servicerequest-step",
        perms=("service.view_servicerequest",),
        rows="service.servicerequest",
        method="POST",
    ),
    route(
        "requests/<int:pk>/attachments/",
        views.attachment_upload,
        "servicerequest-attachment-upload",
        perms=("service.view_servicerequest", "service.add_requestattachment"),
        rows="service.servicerequest",
        method="POST",
    ),
    route(
        "request-attachments/<int:pk>/",
        views.attachment,
        "requestattachment",
        perms=("service.view_requestattachment",),
        rows="service.requestattachment",
    ),
    route(
        "requests/<int:pk>/message/",
        views.leave_message,
        "servicerequest-message",
        perms=("service.view_servicerequest",),
        rows="service.servicerequest",
        method="POST",
    ),
    route(
        "visits/<int:pk>/request/",
        views.visit_to_request,
        "visit-request",
        perms=("service.view_visit", "service.add_servicerequest"),
        rows="service.visit",
        method="POST",
    ),
]

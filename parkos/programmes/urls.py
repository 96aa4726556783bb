from parkos.core.routes import route

from . import policy_urls, views
from .entities import events, registrations
from .financing.urls import urlpatterns as financing_urls

app_name = "programmes"
EVENT = ("programmes.view_event",)

# What an event's page posts: (segment, view, the permission it needs beyond reading the event).
EVENT_POSTS = (
    ("register", views.register, "programmes.add_registration"),
    ("cancel", views.cancel, "programmes.delete_registration"),
    ("attendance", views.attendance, "programmes.add_attendance"),
    ("feedback", views.feedback, "programmes.feedback_attendance"),
)

urlpatterns = [
    *events.urls(),
    *registrations.urls(),
    route("upcoming/", views.upcoming, "upcoming", perms=(*EVENT, "programmes.add_registration")),
    route(
        "events/<int:pk>/qr/",
        views.event_qr,
        "event-qr",
        perms=(*EVENT, "programmes.add_attendance"),
        rows="programmes.event",
    ),
    route(
        "checkin/<str:token>/",
        views.check_in,
        "checkin",
        perms=(*EVENT, "programmes.checkin_attendance"),
        example={"token": "not-a-code"},
    ),
    route("figures/", views.figures, "figures", perms=(*EVENT, "programmes.view_figures")),
    *(
        route(
            f"events/<int:pk>/{segment}/",
            view,
            f"event-{segment}",
            perms=(*EVENT, perm),
            rows="programmes.event",
            method="POST",
        )
        for segment, view, perm in EVENT_POSTS
    ),
    *policy_urls.urlpatterns,
    *financing_urls,
]

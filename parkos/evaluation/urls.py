from parkos.core.routes import route

from . import views
from .entities import adjustments

app_name = "evaluation"


def _p(*actions_models):
    return tuple(f"evaluation.{name}" for name in actions_models)


RUN, RESULT, SCHEME = "evaluation.run", "evaluation.result", "evaluation.scheme"
urlpatterns = [
    route("", views.RunListView.as_view(), "runs", perms=_p("view_run")),
    route("runs/new/", views.run_create, "run-create", perms=_p("add_run"), method="POST"),
    route(
        "runs/<int:pk>/",
        views.RunDetailView.as_view(),
        "run",
        perms=_p("view_run", "view_result"),
        rows=RUN,
    ),
    route(
        "runs/<int:pk>/publish/",
        views.run_publish,
        "run-publish",
        perms=_p("change_run"),
        rows=RUN,
        method="POST",
    ),
    route("results/<int:pk>/", views.result_detail, "result", perms=_p("view_result"), rows=RESULT),
    route("dashboard/", views.dashboard, "dashboard", perms=_p("view_run")),
    route("schemes/", views.SchemeListView.as_view(), "schemes", perms=_p("view_scheme")),
    route("schemes/<int:pk>/", views.scheme_detail, "scheme", perms=_p("view_scheme"), rows=SCHEME),
    route(
        "schemes/<int:pk>/copy/",
        views.scheme_copy,
        "scheme-copy",
        perms=_p("add_scheme"),
        rows=SCHEME,
        method="POST",
    ),
    route(
        "schemes/<int:pk>/edit/",
        views.scheme_edit,
        "scheme-edit",
        perms=_p("change_scheme"),
        rows=SCHEME,
    ),
    *adjustments.urls(),
    route("admission/", views.admission, "admission", perms=_p("view_admissionbar")),
    route(
        "admission/<int:park_id>/edit/",
        views.admission_edit,
        "admission-edit",
        perms=_p("change_admissionbar"),
        rows="parks.park",
    ),
]

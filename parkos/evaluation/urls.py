from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.RunListView.as_view(), name="runs"),
    path("runs/new/", views.run_create, name="run-create"),
    path("runs/<int:pk>/", views.RunDetailView.as_view(), name="run"),
    path("runs/<int:pk>/publish/", views.run_publish, name="run-publish"),
    path("results/<int:pk>/", views.result_detail, name="result"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("schemes/", views.SchemeListView.as_view(), name="schemes"),
    path("schemes/<int:pk>/", views.scheme_detail, name="scheme"),
    path("schemes/<int:pk>/copy/", views.scheme_copy, name="scheme-copy"),
    path("schemes/<int:pk>/edit/", views.scheme_edit, name="scheme-edit"),
    path("adjustments/", views.AdjustmentListView.as_view(), name="adjustments"),
    path("adjustments/new/", views.adjustment_create, name="adjustment-create"),
    path("adjustments/<int:pk>/delete/", views.adjustment_delete, name="adjustment-delete"),
    path("admission/", views.admission, name="admission"),
    path("admission/<int:park_id>/edit/", views.admission_edit, name="admission-edit"),
]

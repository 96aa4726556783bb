from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("imports/", views.ImportBatchListView.as_view(), name="imports"),
    path("imports/upload/", views.import_upload, name="import-upload"),
    path("imports/<int:pk>/", views.import_batch, name="import-batch"),
    path("imports/<int:pk>/errors.xlsx", views.import_batch_errors, name="import-errors"),
    path("imports/<int:pk>/<str:action>/", views.import_batch_action, name="import-action"),
    path("imports/template/<slug:entity>.xlsx", views.import_template, name="import-template"),
]

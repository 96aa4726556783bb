from parkos.core.routes import route

from . import views

app_name = "core"
VIEW, ADD = ("core.view_importbatch",), ("core.add_importbatch",)
BATCH = "core.importbatch"
urlpatterns = [
    route("audit/", views.AuditEventListView.as_view(), "audit", perms=("core.view_auditevent",)),
    route("imports/", views.ImportBatchListView.as_view(), "imports", perms=VIEW),
    route("imports/upload/", views.import_upload, "import-upload", perms=ADD, method="POST"),
    route("imports/<int:pk>/", views.import_batch, "import-batch", perms=VIEW, rows=BATCH),
    route(
        "imports/<int:pk>/errors.xlsx",
        views.import_batch_errors,
        "import-errors",
        perms=VIEW,
        rows=BATCH,
    ),
    route(
        "imports/<int:pk>/<str:action>/",
        views.import_batch_action,
        "import-action",
        perms=ADD,
        rows=BATCH,
        method="POST",
        example={"action": "commit"},
    ),
    route(
        "imports/template/<slug:entity>.xlsx",
        views.import_template,
        "import-template",
        example={"entity": "contacts"},
    ),
]

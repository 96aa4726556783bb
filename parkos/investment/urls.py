from parkos.core.routes import route

from . import views

app_name = "investment"
VIEW, CHANGE = ("investment.view_project",), ("investment.change_project",)
PROJECT, ATTACHMENT = "investment.project", "investment.attachment"
urlpatterns = [
    route("", views.board, "board", perms=VIEW),
    route("move/", views.board_move, "board-move", perms=CHANGE, method="POST"),
    route("projects/", views.ProjectListView.as_view(), "projects", perms=VIEW),
    route(
        "projects/new/", views.project_create, "project-create", perms=("investment.add_project",)
    ),
    route("projects/<int:pk>/", views.project_detail, "project", perms=VIEW, rows=PROJECT),
    route(
        "projects/<int:pk>/edit/", views.project_edit, "project-edit", perms=CHANGE, rows=PROJECT
    ),
    route(
        "projects/<int:pk>/move/",
        views.project_move,
        "project-move",
        perms=CHANGE,
        rows=PROJECT,
        method="POST",
    ),
    route(
        "projects/<int:pk>/undo-move/",
        views.project_undo_move,
        "project-undo-move",
        perms=CHANGE,
        rows=PROJECT,
        method="POST",
    ),
    route(
        "projects/<int:pk>/link/",
        views.project_link,
        "project-link",
        perms=CHANGE,
        rows=PROJECT,
        method="POST",
    ),
    route(
        "projects/<int:pk>/attachments/",
        views.attachment_upload,
        "attachment-upload",
        perms=("investment.add_attachment",),
        rows=PROJECT,
        method="POST",
    ),
    route(
        "attachments/<int:pk>/",
        views.attachment,
        "attachment",
        perms=("investment.view_attachment",),
        rows=ATTACHMENT,
    ),
    route(
        "attachments/<int:pk>/delete/",
        views.attachment_delete,
        "attachment-delete",
        perms=("investment.delete_attachment",),
        rows=ATTACHMENT,
        method="POST",
    ),
    route(
        "targets/",
        views.TargetListView.as_view(),
        "targets",
        perms=("investment.view_annualtarget",),
    ),
    route(
        "targets/new/",
        views.target_create,
        "target-create",
        perms=("investment.add_annualtarget",),
    ),
    route(
        "targets/<int:pk>/edit/",
        views.target_edit,
        "target-edit",
        perms=("investment.change_annualtarget",),
        rows="investment.annualtarget",
    ),
    route("figures/", views.figures, "figures", perms=VIEW),
    route("reminders/", views.reminders, "reminders", perms=VIEW),
    route(
        "promises/",
        views.promises,
        "promises",
        perms=(*VIEW, "enterprises.view_indicatoryear"),
    ),
]

from django.urls import path

from . import views

app_name = "investment"
urlpatterns = [
    path("", views.board, name="board"),
    path("move/", views.board_move, name="board-move"),
    path("projects/", views.ProjectListView.as_view(), name="projects"),
    path("projects/new/", views.project_create, name="project-create"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project-edit"),
    path("projects/<int:pk>/move/", views.project_move, name="project-move"),
    path("projects/<int:pk>/link/", views.project_link, name="project-link"),
    path("projects/<int:pk>/attachments/", views.attachment_upload, name="attachment-upload"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment-delete"),
    path("targets/", views.TargetListView.as_view(), name="targets"),
    path("targets/new/", views.target_create, name="target-create"),
    path("targets/<int:pk>/edit/", views.target_edit, name="target-edit"),
    path("figures/", views.figures, name="figures"),
    path("reminders/", views.reminders, name="reminders"),
    path("promises/", views.promises, name="promises"),
]

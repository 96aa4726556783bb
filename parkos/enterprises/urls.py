from django.urls import path

from . import views
from .entities import cluster_schemes, clusters, contacts, honour_awards, tags

app_name = "enterprises"
urlpatterns = [
    path("", views.EnterpriseListView.as_view(), name="list"),
    path("new/", views.enterprise_create, name="create"),
    path("<int:pk>/", views.enterprise_detail, name="detail"),
    path("<int:pk>/edit/", views.enterprise_edit, name="edit"),
    *contacts.urls(),
    *honour_awards.urls(),
    *cluster_schemes.urls(),
    *clusters.urls(),
    *tags.urls(),
]

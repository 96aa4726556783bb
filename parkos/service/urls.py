from parkos.core.routes import route

from . import views
from .entities import service_requests

app_name = "service"
urlpatterns = [
    *service_requests.urls(),
    route(
        "requests/<int:pk>/step/",
        views.take_step,
        "servicerequest-step",
        perms=("service.view_servicerequest",),
        rows="service.servicerequest",
        method="POST",
    ),
]

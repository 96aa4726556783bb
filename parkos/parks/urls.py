from .entities import zones

app_name = "parks"
urlpatterns = [*zones.urls()]

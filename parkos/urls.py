from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("parkos.reports.urls")),
    path("", include("parkos.core.urls")),
    path("accounts/", include("parkos.accounts.urls")),
    path("parks/", include("parkos.parks.urls")),
    path("enterprises/", include("parkos.enterprises.urls")),
    path("evaluation/", include("parkos.evaluation.urls")),
    path("space/", include("parkos.space.urls")),
    path("investment/", include("parkos.investment.urls")),
    path("chains/", include("parkos.chains.urls")),
    path("service/", include("parkos.service.urls")),
    path("programmes/", include("parkos.programmes.urls")),
    path("", include("parkos.portal.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# A busy SQLite surfacing outside a view answers 503 with Retry-After (core/views.py).
handler500 = "parkos.core.views.server_error"

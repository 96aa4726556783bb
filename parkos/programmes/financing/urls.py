"""Financing's pages, included in the programmes URLconf (names programmes:financing…)."""

from parkos.core.routes import route

from . import views
from .entities import financing_demands, loan_programmes, loan_rounds, partner_banks

DEMAND = ("programmes.view_financingdemand",)

# The staff's steps on a demand's page: (segment, view).
DEMAND_POSTS = (("match", views.match), ("grant", views.grant), ("decline", views.decline))

urlpatterns = [
    *loan_programmes.urls(),
    *partner_banks.urls(),
    *loan_rounds.urls(),
    *financing_demands.urls(),
    route(
        "financing/figures/",
        views.figures,
        "financing-figures",
        perms=(*DEMAND, "programmes.view_loanround"),
    ),
    *(
        route(
            f"financing/demands/<int:pk>/{segment}/",
            view,
            f"financing-{segment}",
            perms=(*DEMAND, "programmes.process_financingdemand"),
            rows="programmes.financingdemand",
            method="POST",
        )
        for segment, view in DEMAND_POSTS
    ),
]

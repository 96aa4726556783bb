"""The overview: every figure summed from the rows in the user's scope."""

from django.db.models import Count, Q, Sum

from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.filters import can_see_figures, latest_year
from parkos.enterprises.models import Enterprise, HonourAward, IndicatorYear
from parkos.investment.models import AnnualTarget, Project
from parkos.investment.queries import completion, current_year
from parkos.parks.models import Park


def overview(user) -> dict:
    """Enterprises, parks, the latest year's figures and honours, the pipeline's year."""
    enterprises = Enterprise.objects.visible_to(user)
    parks = Park.objects.visible_to(user).annotate(
        n_enterprises=Count("enterprises", filter=Q(enterprises__in=enterprises), distinct=True),
        n_above=Count(
            "enterprises",
            filter=Q(enterprises__in=enterprises, enterprises__is_above_scale=True),
            distinct=True,
        ),
        n_zones=Count("zones", distinct=True),
    )
    context = {
        "parks": parks,
        "counts": enterprises.aggregate(
            total=Count("id"),
            operating=Count("id", filter=Q(status=EnterpriseStatus.OPERATING)),
            above=Count("id", filter=Q(is_above_scale=True)),
        ),
    }
    if can_see_figures(user):
        year = latest_year()
        context["year"] = year
        context["figures"] = (
            IndicatorYear.objects.visible_to(user)
            .filter(year=year)
            .aggregate(output=Sum("output_value"), revenue=Sum("revenue"), tax=Sum("tax_paid"))
        )
        context["honours_by_level"] = (
            HonourAward.objects.visible_to(user)
            .filter(year=year)
            .values("honour_type__level")
            .annotate(n=Count("id"))
            .order_by("honour_type__level")
        )
    if user.has_perm("investment.view_project"):
        targets = AnnualTarget.objects.visible_to(user)
        context["pipeline"] = completion(
            Project.objects.visible_to(user), targets, current_year(targets)
        )
    return context

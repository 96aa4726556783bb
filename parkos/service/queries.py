"""Reads that are more than a query: what planning a visit should know first (无事不扰)."""

from django.utils.translation import gettext as _

from .choices import VisitStatus
from .models import ServiceProfile, Visit


def visit_warnings(enterprise, on, exclude=None) -> list[str]:
    """Why a visit to `enterprise` in the month of `on` may disturb it: it asked for fewer
    visits, or someone already visited it that month (whoever did: the enterprise counts the
    knocks on its door, not the steward)."""
    warnings = []
    profile = ServiceProfile.objects.filter(enterprise=enterprise).first()
    if profile and profile.fewer_visits:
        reason = f"（{profile.note}）" if profile.note else ""
        warnings.append(_("%(name)s asked for fewer visits.") % {"name": enterprise} + reason)
    done = (
        Visit.objects.filter(
            enterprise=enterprise,
            status=VisitStatus.DONE,
            on__year=on.year,
            on__month=on.month,
        )
        .exclude(pk=getattr(exclude, "pk", None))
        .select_related("steward")
        .order_by("on")
    )
    for visit in done:
        who = visit.steward.display_name if visit.steward else "—"
        warnings.append(
            _("Already visited this month: %(date)s by %(who)s.")
            % {"date": f"{visit.on:%Y-%m-%d}", "who": who}
        )
    return warnings

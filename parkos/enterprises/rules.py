"""The register's business rules, one check each: the form, the API, the import and the actions
all call these, so a rule cannot hold on one path and not on another."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Cluster


def clusters_for_parks(parks):
    """The clusters an enterprise or project of these parks may join: their parks' own schemes
    and the district's."""
    return Cluster.objects.filter(
        Q(scheme__park__in=parks) | Q(scheme__park__isnull=True)
    ).select_related("scheme")


def check_clusters_in_park(clusters, park) -> None:
    """A park's cluster scheme is its own ("3+3+X"); the district's schemes serve every park."""
    foreign = [c for c in clusters if c.scheme.park_id not in (None, park.id)]
    if foreign:
        raise ValidationError(
            _("%(names)s belongs to another park's cluster scheme.")
            % {"names": "、".join(c.name for c in foreign)},
            code="cluster_of_another_park",
        )

"""The enterprises an event is for: the operating firms of its park in one of its target zones,
one of its target clusters and one of its target tags (重点企业 marks the key enterprises); an
empty target set sets no condition. The event's page counts them and the enterprise's own
events page marks the events meant for it."""

from django.db.models import QuerySet

from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.models import Enterprise


def audience(event, enterprises: QuerySet | None = None) -> QuerySet:
    """The event's audience among `enterprises` (every enterprise when not given)."""
    rows = (Enterprise.objects.all() if enterprises is None else enterprises).filter(
        park_id=event.park_id, status=EnterpriseStatus.OPERATING
    )
    if zones := [z.pk for z in event.zones.all()]:
        rows = rows.filter(zone_id__in=zones)
    if clusters := [c.pk for c in event.clusters.all()]:
        through = Enterprise.clusters.through.objects.filter(cluster_id__in=clusters)
        rows = rows.filter(pk__in=through.values("enterprise_id"))
    if tags := [t.pk for t in event.tags.all()]:
        through = Enterprise.tags.through.objects.filter(tag_id__in=tags)
        rows = rows.filter(pk__in=through.values("enterprise_id"))
    return rows


def meant_for(events, enterprise) -> set[int]:
    """The ids of those `events` (a park's upcoming few) whose audience holds `enterprise`."""
    if enterprise is None:
        return set()
    itself = Enterprise.objects.filter(pk=enterprise.pk)
    return {event.pk for event in events if audience(event, itself).exists()}

"""The register's writers with rules of their own: enterprises and their yearly figures. Pages
and the API call these (atomic, `actor=`, audited by history); the declared entities without
rules of their own (contacts, honour awards, cluster schemes, clusters, tags) use the shared
actions of core/actions.py. Imports write the same rows in bulk after the same checks."""

from parkos.core.actions import save_object

from .models import Enterprise, HonourAward, IndicatorYear
from .rules import check_clusters_in_park


def save_enterprise(*, actor, instance: Enterprise, values: dict) -> Enterprise:
    """Create or change an enterprise; its clusters belong to its park's or the district's
    schemes, and it stays in the actor's scope (a steward cannot move a firm out of their
    zones)."""
    if values.get("clusters"):
        check_clusters_in_park(values["clusters"], values.get("park") or instance.park)
    return save_object(actor=actor, instance=instance, values=values)


def save_indicator_year(*, actor, enterprise, year: int, values: dict) -> IndicatorYear:
    """Replace one year of an enterprise's figures (yuan); the model checks each amount fits."""
    record = IndicatorYear.objects.filter(enterprise=enterprise, year=year).first()
    record = record or IndicatorYear(enterprise=enterprise, year=year)
    return save_object(actor=actor, instance=record, values=values)


def record_honour_award(
    *, actor, enterprise, honour_type, year: int, status, note=""
) -> HonourAward:
    """The award of an honour in a year (awarded or re-certified), created or brought up to date:
    one row per enterprise, honour and year. The honours workflow's decision writes it here."""
    award = HonourAward.objects.filter(
        enterprise=enterprise, honour_type=honour_type, year=year
    ).first() or HonourAward(enterprise=enterprise, honour_type=honour_type, year=year)
    values = {"status": status}
    if note:
        values["note"] = note
    return save_object(actor=actor, instance=award, values=values)

"""The only writers of the register's rows: enterprises, contacts, honour awards. Pages and the
API call these (atomic, `actor=`, audited by history); imports write the same rows in bulk
through the import engine after the same checks (`rules.py`)."""

from parkos.core.actions import delete_object, save_object

from .models import Contact, Enterprise, HonourAward, IndicatorYear
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


def save_contact(*, actor, instance: Contact, values: dict) -> Contact:
    return save_object(actor=actor, instance=instance, values=values)


def delete_contact(*, actor, instance: Contact) -> None:
    delete_object(actor=actor, instance=instance)


def save_honour_award(*, actor, instance: HonourAward, values: dict) -> HonourAward:
    return save_object(actor=actor, instance=instance, values=values)


def delete_honour_award(*, actor, instance: HonourAward) -> None:
    delete_object(actor=actor, instance=instance)


def save_reference(*, actor, instance, values: dict):
    """A cluster scheme, cluster or tag: a park's staff change their park's own; the
    district's are changed by district-wide users (the scope guard in save_object)."""
    return save_object(actor=actor, instance=instance, values=values)


def delete_reference(*, actor, instance) -> None:
    delete_object(actor=actor, instance=instance)

"""The only writers of financing rows: atomic, `actor=`, each change in the row's history (who,
before → after). A demand's status, bank and outcome change only here: `match`, `grant`,
`decline`; its fields only while it is filed (`save_demand`)."""

from django.db import transaction

from parkos.core.actions import check_in_scope, delete_object, require_perm, save_object

from .choices import DemandStatus
from .models import FinancingDemand
from .rules import (
    check_amount_range,
    check_editable,
    check_grant,
    check_granted_on,
    check_one_demand_per_round,
    check_partner,
    check_positive,
    check_reason,
    check_round_dates,
    check_round_of_park,
    check_round_open,
    check_transition,
)


def save_partner_bank(*, actor, instance, values):
    return save_object(actor=actor, instance=instance, values=values, checks=[check_amount_range])


def save_round(*, actor, instance, values):
    return save_object(actor=actor, instance=instance, values=values, checks=[check_round_dates])


def save_demand(*, actor, instance: FinancingDemand, values: dict) -> FinancingDemand:
    """File a demand (into an open round of the enterprise's park, once per round) or change it
    while it is filed (the stored row, locked, decides); the preferred bank is one of the
    programme's partners. A demand moved to another round needs that round open."""
    adding = instance._state.adding
    if adding:
        instance.filed_by = actor
    stored_round = instance.round_id

    def checks(demand):
        check_editable(demand)
        check_round_of_park(demand.round, demand.enterprise)
        if adding or demand.round_id != stored_round:
            check_round_open(demand.round)
        check_one_demand_per_round(demand.round, demand.enterprise, exclude=demand)
        check_positive(demand.amount)
        check_partner(demand.round, demand.preferred_bank, field="preferred_bank")

    with transaction.atomic():
        if not adding:
            check_editable(FinancingDemand.objects.select_for_update().get(pk=instance.pk))
        return save_object(actor=actor, instance=instance, values=values, checks=[checks])


def withdraw_demand(*, actor, instance: FinancingDemand) -> None:
    """Withdraw a demand that is only filed."""
    check_editable(instance)
    delete_object(actor=actor, instance=instance)


def _step(actor, demand: FinancingDemand, to, **changes) -> FinancingDemand:
    """Move a demand to `to` with its changes: the process permission, the row locked and in
    the actor's scope, the transition allowed; the history row records who and when."""
    require_perm(actor, FinancingDemand, "process")
    with transaction.atomic():
        demand = FinancingDemand.objects.select_for_update().get(pk=demand.pk)
        check_in_scope(actor, demand)
        check_transition(demand, to)
        for name, value in changes.items():
            setattr(demand, name, value)
        demand.status = to
        demand.full_clean()
        demand._history_user = actor
        demand.save()
        return demand


def match(demand: FinancingDemand, bank, *, actor) -> FinancingDemand:
    """Hand the demand to a partner bank of its programme (again: to another one)."""
    check_partner(demand.round, bank)
    return _step(actor, demand, DemandStatus.MATCHED, bank=bank)


def grant(demand: FinancingDemand, amount, on, *, actor) -> FinancingDemand:
    """The matched bank granted `amount` yuan on `on`."""
    check_positive(amount, "granted_amount")
    check_granted_on(on)
    check_grant(demand, amount)
    return _step(actor, demand, DemandStatus.GRANTED, granted_amount=amount, granted_on=on)


def decline(demand: FinancingDemand, reason, *, actor) -> FinancingDemand:
    """The demand is declined (by the bank, or withdrawn by staff), with the reason."""
    check_reason(reason)
    return _step(actor, demand, DemandStatus.DECLINED, declined_reason=reason.strip())

"""Reads of financing that are more than a query: the banks suggested for a demand, and the
figures per round — firms, demanded amount, firms granted, granted amount. Amounts are summed
in Python over the rows' Decimals, so a total is exact to the cent on every database."""

from collections import defaultdict
from decimal import Decimal

from .choices import DemandStatus
from .models import FinancingDemand, LoanRound


def suggested_banks(demand) -> list:
    """The programme's partner banks that take this amount and term, the preferred bank first:
    a suggestion for the staff, who decide (`actions.match`)."""
    partners = demand.round.programme.partners.select_related("bank")
    fitting = [p.bank for p in partners if p.takes(demand.amount, demand.term_months)]
    return sorted(fitting, key=lambda bank: (bank.pk != demand.preferred_bank_id, bank.name))


def round_figures(demands, rounds) -> list[dict]:
    """One row per round of `rounds` (the reader's), over the demands they see: firms (distinct
    enterprises with a demand), the demanded amount, firms granted, the granted amount."""
    firms, granted_firms = defaultdict(set), defaultdict(set)
    demanded, granted = defaultdict(Decimal), defaultdict(Decimal)
    rows = demands.filter(round__in=rounds).values_list(
        "round_id", "enterprise_id", "amount", "status", "granted_amount"
    )
    for round_id, enterprise_id, amount, status, granted_amount in rows:
        firms[round_id].add(enterprise_id)
        demanded[round_id] += amount
        if status == DemandStatus.GRANTED:
            granted_firms[round_id].add(enterprise_id)
            granted[round_id] += granted_amount or Decimal(0)
    return [
        {
            "round": r,
            "firms": len(firms[r.pk]),
            "demanded": demanded[r.pk],
            "granted_firms": len(granted_firms[r.pk]),
            "granted": granted[r.pk],
        }
        for r in rounds
    ]


def scoped_round_figures(user, park=None) -> list[dict]:
    rounds = LoanRound.objects.visible_to(user).select_related("programme", "programme__park")
    if park is not None:
        rounds = rounds.filter(programme__park_id=park)
    rounds = rounds.order_by("programme__park_id", "programme__name", "-number")
    return round_figures(FinancingDemand.objects.visible_to(user), list(rounds))

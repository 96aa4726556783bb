"""The rules of financing, one check each: the forms, the API, the import and the actions call
them. A demand's status moves only along `TRANSITIONS`, by the actions."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import DemandStatus

S = DemandStatus
# From → the statuses an action may move a demand to. Matching again gives it another bank.
TRANSITIONS = {
    S.FILED: {S.MATCHED, S.DECLINED},
    S.MATCHED: {S.MATCHED, S.GRANTED, S.DECLINED},
    S.GRANTED: set(),
    S.DECLINED: set(),
}


def check_transition(demand, to) -> None:
    if to not in TRANSITIONS[demand.status]:
        raise ValidationError(
            _("A demand that is “%(now)s” cannot become “%(to)s”.")
            % {"now": S(demand.status).label, "to": S(to).label}
        )


def check_round_of_park(loan_round, enterprise) -> None:
    """An enterprise files into the rounds of its own park's programmes."""
    if loan_round.programme.park_id != enterprise.park_id:
        raise ValidationError(
            {
                "round": _("%(round)s is a programme of another park than %(name)s's.")
                % {"round": loan_round, "name": enterprise}
            }
        )


def check_round_open(loan_round, on=None) -> None:
    """A round takes demands from its opening day to its closing day (no closing day: open)."""
    on = on or timezone.localdate()
    if on < loan_round.opens_on or (loan_round.closes_on and on > loan_round.closes_on):
        raise ValidationError(
            {
                "round": _("%(round)s does not take demands on %(date)s.")
                % {"round": loan_round, "date": f"{on:%Y-%m-%d}"}
            }
        )


def check_one_demand_per_round(loan_round, enterprise, exclude=None) -> None:
    others = loan_round.demands.filter(enterprise=enterprise)
    if exclude is not None and exclude.pk:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise ValidationError(
            {
                "enterprise": _("%(name)s already has a demand in %(round)s.")
                % {"name": enterprise, "round": loan_round}
            }
        )


def check_positive(amount, field="amount") -> None:
    if amount is None or amount <= 0:
        raise ValidationError({field: _("The amount must be more than zero.")})


def check_partner(loan_round, bank, field="bank") -> None:
    """The bank lends in the round's programme."""
    if bank is not None and not loan_round.programme.partners.filter(bank=bank).exists():
        raise ValidationError(
            {
                field: _("%(bank)s is not a partner bank of %(programme)s.")
                % {"bank": bank, "programme": loan_round.programme}
            }
        )


def check_editable(demand) -> None:
    """A demand is changed or withdrawn while it is only filed; after that it is the bank's."""
    if demand.pk and demand.status != S.FILED:
        raise ValidationError(
            _("The demand is “%(status)s”: it is no longer changed or withdrawn.")
            % {"status": S(demand.status).label}
        )


def check_granted_on(on) -> None:
    if on is None or on > timezone.localdate():
        raise ValidationError(
            {"granted_on": _("Give the date the bank granted the loan, not a future one.")}
        )


def check_grant(demand, amount) -> None:
    """A grant answers the demand: at most what was asked (a larger line is a new demand, and
    a round's granted sum never exceeds its demanded one)."""
    if amount is not None and amount > demand.amount:
        raise ValidationError(
            {"granted_amount": _("More than the enterprise asked for; file a new demand for it.")}
        )


def check_reason(reason) -> None:
    if not (reason or "").strip():
        raise ValidationError({"declined_reason": _("Say why the demand was declined.")})


def check_amount_range(partner) -> None:
    if (
        partner.min_amount is not None
        and partner.max_amount is not None
        and partner.min_amount > partner.max_amount
    ):
        raise ValidationError({"max_amount": _("The largest loan is smaller than the smallest.")})


def check_round_dates(loan_round) -> None:
    if loan_round.closes_on and loan_round.opens_on and loan_round.closes_on < loan_round.opens_on:
        raise ValidationError({"closes_on": _("The round closes before it opens.")})

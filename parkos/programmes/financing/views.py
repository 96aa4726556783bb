"""A demand's page beyond its fields (the suggested banks, the staff's match / grant / decline
forms) and the figures per round. Sign-in and permissions are the routes'; rows come through
the scope."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from parkos.core.exports import xlsx_response
from parkos.core.generic import display_value
from parkos.core.listing import picked_park
from parkos.core.scoping import get_visible_or_404
from parkos.core.templatetags.units import wan
from parkos.core.units import to_wan
from parkos.parks.models import Park

from . import actions
from .choices import DemandStatus
from .figures import scoped_round_figures, suggested_banks
from .forms import DeclineForm, GrantForm, MatchForm
from .models import FinancingDemand
from .rules import TRANSITIONS

MONEY = ("amount", "granted_amount", "min_amount", "max_amount")


def _rows(http_request, obj, names):
    """The page's fields as the generic page shows them, amounts in 万元 rather than yuan."""
    rows = []
    for name in names:
        value = getattr(obj, name)
        if name in MONEY and value is not None:
            shown = f"{wan(value)} {_('10k yuan')}"
        else:
            shown = display_value(obj, name, http_request.user)
        rows.append((obj._meta.get_field(name).verbose_name, shown))
    return rows


def partner_detail_context(http_request, partner):
    from .entities import partner_banks

    return {"rows": _rows(http_request, partner, partner_banks.fields())}


def demand_detail_context(http_request, demand):
    from .entities import financing_demands

    user = http_request.user
    may_process = user.has_perm("programmes.process_financingdemand")
    allowed = TRANSITIONS[demand.status]
    return {
        "rows": _rows(http_request, demand, financing_demands.fields()),
        "suggested": suggested_banks(demand),
        "may_match": may_process and DemandStatus.MATCHED in allowed,
        "may_grant": may_process and DemandStatus.GRANTED in allowed,
        "may_decline": may_process and DemandStatus.DECLINED in allowed,
        "match_form": MatchForm(demand=demand),
        "grant_form": GrantForm(),
        "decline_form": DeclineForm(),
    }


def _step(http_request, pk, form_class, act, done):
    user = http_request.user
    demand = get_visible_or_404(
        FinancingDemand.objects.select_related("round__programme"), user, pk=pk
    )
    kwargs = {"demand": demand} if form_class is MatchForm else {}
    form = form_class(http_request.POST, **kwargs)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        act(demand, form.cleaned_data, user)
    except ValidationError as exc:
        messages.error(http_request, " ".join(exc.messages))
    else:
        messages.success(http_request, done)
    return redirect(demand)


def match(http_request, pk):
    return _step(
        http_request,
        pk,
        MatchForm,
        lambda d, data, user: actions.match(d, data["bank"], actor=user),
        _("The demand is matched to the bank."),
    )


def grant(http_request, pk):
    return _step(
        http_request,
        pk,
        GrantForm,
        lambda d, data, user: actions.grant(
            d, data["granted_amount"], data["granted_on"], actor=user
        ),
        _("The loan granted is recorded."),
    )


def decline(http_request, pk):
    return _step(
        http_request,
        pk,
        DeclineForm,
        lambda d, data, user: actions.decline(d, data["declined_reason"], actor=user),
        _("The demand is recorded as declined."),
    )


def figures(http_request):
    """Per round: firms, the amount demanded, firms granted, the amount granted."""
    user = http_request.user
    parks = Park.objects.visible_to(user)
    park = picked_park(http_request, parks)
    rows = scoped_round_figures(user, park)
    header = [
        _("Loan programme"),
        _("Round"),
        _("Firms"),
        _("Amount demanded (10k yuan)"),
        _("Firms granted"),
        _("Amount granted (10k yuan)"),
    ]
    if http_request.GET.get("export") == "xlsx":
        lines = [
            [
                r["round"].programme.name,
                r["round"].number,
                r["firms"],
                to_wan(r["demanded"]),
                r["granted_firms"],
                to_wan(r["granted"]),
            ]
            for r in rows
        ]
        return xlsx_response("financing-rounds", [(_("Loan rounds"), header, lines)])
    return render(
        http_request,
        "programmes/financing_figures.html",
        {"title": _("Financing by round"), "rows": rows, "parks": parks, "park": park},
    )

"""The financing demands staff log in Excel (融资需求台账): one row per enterprise and round."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parkos.core.importing import CellError, Column, ImportSpec, register, stored
from parkos.core.units import quantize
from parkos.enterprises.imports import NAME_FOR_READERS, USCC, EnterpriseLookup
from parkos.enterprises.models import Enterprise

from .choices import Collateral, DemandStatus
from .models import Bank, FinancingDemand, LoanRound, PartnerBank

NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九十")}


def parse_round(value) -> int:
    """7, 第7轮, 第七轮, 第十二批 → the round's number."""
    text = str(value).strip()
    match = re.fullmatch(r"第?\s*([0-9零一二三四五六七八九十]+)\s*[轮批期]?", text)
    if match is None:
        raise CellError(_("Not a round number (7, 第7轮 or 第七轮)."))
    digits = match[1]
    if digits.isdigit():
        number = int(digits)
    elif "十" in digits:
        tens, _sep, ones = digits.partition("十")
        number = NUMERALS.get(tens, 1) * 10 + NUMERALS.get(ones, 0)
    else:
        number = NUMERALS[digits] if len(digits) == 1 else 0
    if number < 1:
        raise CellError(_("Not a round number (7, 第7轮 or 第七轮)."))
    return number


def _cents(amount):
    if amount <= 0:
        raise CellError(_("The amount must be more than zero."))
    return quantize(amount)


def _term(value):
    if not 1 <= value <= 360:
        raise CellError(_("A term is 1 to 360 months."))
    return value


@register
class FinancingDemandImport(EnterpriseLookup, ImportSpec):
    slug = "financing-demands"
    label = gettext_lazy("Financing demands")
    model = FinancingDemand
    key = ("enterprise_id", "round_id")
    help = gettext_lazy(
        "One demand per enterprise and round: a second file updates the demands still filed. "
        "The matched bank and the outcome are recorded on the demand's page."
    )
    columns = [
        USCC,
        NAME_FOR_READERS,
        Column("融资项目", "programme", required=True, aliases=("项目", "贷款项目")),
        Column("轮次", "round", kind="text", required=True, parse=parse_round, aliases=("批次",)),
        Column(
            "融资金额",
            "amount",
            kind="money",
            default_unit="万元",
            required=True,
            parse=_cents,
            aliases=("需求金额", "融资需求"),
        ),
        Column("用途", "purpose", required=True, max_length=200, aliases=("资金用途",)),
        Column(
            "期限",
            "term_months",
            kind="int",
            required=True,
            parse=_term,
            aliases=("期限（月）", "期限(月)", "贷款期限（月）"),
            help=gettext_lazy("In months."),
        ),
        Column("担保方式", "collateral", kind="choice", choices=Collateral, aliases=("担保",)),
        Column("意向银行", "preferred_bank", aliases=("合作银行",)),
    ]

    def prepare(self, ctx, rows):
        self.load_enterprises(ctx, (r["uscc"] for r in rows))
        ctx.cache["parks_of"] = dict(
            Enterprise.objects.filter(
                id__in=list(ctx.cache["enterprise_ids"].values())
            ).values_list("id", "park_id")
        )
        ctx.cache["rounds"] = {
            (r.programme.park_id, r.programme.name, r.number): r
            for r in ctx.scoped(LoanRound).select_related("programme")
        }
        ctx.cache["banks"] = {b.name: b for b in Bank.objects.all()}
        ctx.cache["partners"] = set(PartnerBank.objects.values_list("programme_id", "bank_id"))
        ctx.cache["settled"] = {
            (d.enterprise_id, d.round_id): d.get_status_display()
            for d in FinancingDemand.objects.filter(
                enterprise_id__in=list(ctx.cache["parks_of"])
            ).exclude(status=DemandStatus.FILED)
        }

    def build(self, ctx, values):
        enterprise_id = self.enterprise_id(ctx, values["uscc"])
        park_id = ctx.cache["parks_of"].get(enterprise_id)
        loan_round = ctx.cache["rounds"].get((park_id, values["programme"], values["round"]))
        if loan_round is None and enterprise_id is not None:
            ctx.report(
                "轮次",
                _("No round %(number)d of “%(programme)s” in the enterprise's park.")
                % {"number": values["round"], "programme": values["programme"]},
                values["round"],
            )
        settled = ctx.cache["settled"].get((enterprise_id, loan_round and loan_round.id))
        if settled:
            ctx.report(
                "轮次",
                _(
                    "The enterprise's demand in this round is already “%(status)s”: an import no "
                    "longer changes it."
                )
                % {"status": settled},
                values["round"],
            )
        bank = None
        if values.get("preferred_bank"):
            bank = ctx.cache["banks"].get(values["preferred_bank"])
            if bank is None or (
                loan_round is not None
                and (loan_round.programme_id, bank.id) not in ctx.cache["partners"]
            ):
                ctx.report(
                    "意向银行",
                    _("Not a partner bank of the programme."),
                    values["preferred_bank"],
                )
        fields = {
            "enterprise_id": enterprise_id,
            "round_id": loan_round.id if loan_round else None,
            "amount": values["amount"],
            "purpose": values["purpose"],
            "term_months": values["term_months"],
            "preferred_bank_id": bank.id if bank else None,
        }
        if values.get("collateral"):
            fields["collateral"] = values["collateral"]
        return fields

    def existing(self, ctx, keys):
        rows = stored(FinancingDemand.objects.filter(enterprise_id__in={key[0] for key in keys}))
        return {(d.enterprise_id, d.round_id): d for d in rows}

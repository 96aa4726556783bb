"""Financing's declared entities (see core/entities.py)."""

from parkos.core.entities import Entity, Menu

from . import actions, views
from .filters import (
    FinancingDemandFilterSet,
    LoanProgrammeFilterSet,
    LoanRoundFilterSet,
    PartnerBankFilterSet,
)
from .forms import FinancingDemandForm, LoanProgrammeForm, LoanRoundForm, PartnerBankForm
from .models import FinancingDemand, LoanProgramme, LoanRound, PartnerBank
from .schemas import FinancingDemandOut, LoanProgrammeOut, LoanRoundOut, PartnerBankOut
from .tables import FinancingDemandTable, LoanProgrammeTable, LoanRoundTable, PartnerBankTable

loan_programmes = Entity(
    model=LoanProgramme,
    path="financing/programmes",
    filterset=LoanProgrammeFilterSet,
    table=LoanProgrammeTable,
    form=LoanProgrammeForm,
    out_schema=LoanProgrammeOut,
    select_related=("park",),
    menu=Menu("financing", 30),
    api_path="programmes/financing/programmes",
    api_name=("loan_programme", "loan_programmes"),
)

partner_banks = Entity(
    model=PartnerBank,
    path="financing/partner-banks",
    filterset=PartnerBankFilterSet,
    table=PartnerBankTable,
    form=PartnerBankForm,
    out_schema=PartnerBankOut,
    save=actions.save_partner_bank,
    detail_context=views.partner_detail_context,
    select_related=("programme", "bank"),
    menu=Menu("financing", 40),
    api_path="programmes/financing/partner-banks",
    api_name=("partner_bank", "partner_banks"),
)

loan_rounds = Entity(
    model=LoanRound,
    path="financing/rounds",
    filterset=LoanRoundFilterSet,
    table=LoanRoundTable,
    form=LoanRoundForm,
    out_schema=LoanRoundOut,
    save=actions.save_round,
    select_related=("programme",),
    menu=Menu("financing", 20),
    api_path="programmes/financing/rounds",
    api_name=("loan_round", "loan_rounds"),
)

financing_demands = Entity(
    model=FinancingDemand,
    path="financing/demands",
    filterset=FinancingDemandFilterSet,
    table=FinancingDemandTable,
    form=FinancingDemandForm,
    out_schema=FinancingDemandOut,
    save=actions.save_demand,
    delete=actions.withdraw_demand,
    detail_fields=(
        *FinancingDemandForm.Meta.fields,
        "status",
        "bank",
        "granted_amount",
        "granted_on",
        "declined_reason",
        "filed_by",
        "filed_at",
    ),
    select_related=("round__programme", "enterprise", "bank", "preferred_bank", "filed_by"),
    menu=Menu("financing", 10),
    import_slug="financing-demands",
    api_path="programmes/financing/demands",
    api_name=("financing_demand", "financing_demands"),
    detail_template="programmes/financing_demand_detail.html",
    detail_context=views.demand_detail_context,
)

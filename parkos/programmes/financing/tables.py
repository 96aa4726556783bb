import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from parkos.core.tables import MoneyColumn, NumberColumn, ParkOSTable

from .models import FinancingDemand, LoanProgramme, LoanRound, PartnerBank


class LoanProgrammeTable(ParkOSTable):
    name = tables.Column(verbose_name=_("Name"), linkify=True)
    park = tables.Column(verbose_name=_("Park"), order_by=("park__name",))

    class Meta(ParkOSTable.Meta):
        model = LoanProgramme
        fields = ()
        order_by = ("name",)
        empty_text = _("No loan programme matches these filters.")


class PartnerBankTable(ParkOSTable):
    bank = tables.Column(verbose_name=_("Bank"), linkify=True, order_by=("bank__name",))
    programme = tables.Column(verbose_name=_("Loan programme"), order_by=("programme__name",))
    min_amount = MoneyColumn(verbose_name=_("Smallest loan"))
    max_amount = MoneyColumn(verbose_name=_("Largest loan"))
    max_term_months = NumberColumn(verbose_name=_("Longest term (months)"))

    class Meta(ParkOSTable.Meta):
        model = PartnerBank
        fields = ()
        order_by = ("bank",)
        empty_text = _("No partner bank matches these filters.")


class LoanRoundTable(ParkOSTable):
    number = tables.Column(verbose_name=_("Round"), linkify=True)
    programme = tables.Column(verbose_name=_("Loan programme"), order_by=("programme__name",))
    opens_on = tables.DateColumn(verbose_name=_("Opens on"), format="Y-m-d")
    closes_on = tables.DateColumn(verbose_name=_("Closes on"), format="Y-m-d")

    class Meta(ParkOSTable.Meta):
        model = LoanRound
        fields = ()
        order_by = ("-number",)
        empty_text = _("No loan round matches these filters.")


class FinancingDemandTable(ParkOSTable):
    # The name's link opens the demand (a text value links to its row).
    enterprise = tables.Column(
        verbose_name=_("Enterprise"), accessor="enterprise__name", linkify=True
    )
    round = tables.Column(verbose_name=_("Loan round"), order_by=("round__number",))
    amount = MoneyColumn(verbose_name=_("Amount demanded"))
    term_months = NumberColumn(verbose_name=_("Term (months)"))
    purpose = tables.Column(verbose_name=_("Purpose"))
    collateral = tables.Column(verbose_name=_("Collateral"))
    status = tables.Column(verbose_name=_("Status"))
    bank = tables.Column(verbose_name=_("Matched bank"), order_by=("bank__name",))
    granted_amount = MoneyColumn(verbose_name=_("Amount granted"))
    granted_on = tables.DateColumn(verbose_name=_("Granted on"), format="Y-m-d")

    export_only = ("purpose", "collateral", "granted_on")

    class Meta(ParkOSTable.Meta):
        model = FinancingDemand
        fields = ()
        order_by = ("-filed_at",)
        empty_text = _("No financing demand matches these filters.")

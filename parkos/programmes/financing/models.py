"""Loan programmes (湾区贷) of a park with their partner banks and rounds, and the financing
demands (融资需求) of its enterprises: amount, purpose, term, collateral, the bank preferred, the
bank matched and the outcome (granted amount and date, or declined with a reason)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkos.core.links import object_url
from parkos.core.models import import_batch_field
from parkos.core.scoping import Scope, ScopedManager
from parkos.enterprises.models import money

from .choices import Collateral, DemandStatus

MONTHS = [MinValueValidator(1), MaxValueValidator(360)]
IN_THE_PARK = Scope(park="programme__park", shared_in_park=True, distinct=True)


class Bank(models.Model):
    """A bank (reference data, read by everyone): the partner of a programme, an enterprise's
    preferred bank, the bank a demand is matched to."""

    name = models.CharField(_("name"), max_length=60, unique=True)

    scope = Scope(everyone=True)
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bank")
        verbose_name_plural = _("banks")
        ordering = ["name"]

    def __str__(self):
        return self.name


class LoanProgramme(models.Model):
    """A park's loan programme (the park loan 湾区贷): partner banks lend to its enterprises in
    rounds. Everyone working in the park reads it, an enterprise to file a demand."""

    park = models.ForeignKey(
        "parks.Park",
        verbose_name=_("park"),
        on_delete=models.PROTECT,
        related_name="loan_programmes",
    )
    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(_("description"), blank=True)

    scope = Scope(park="park", shared_in_park=True, distinct=True)
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("loan programme")
        verbose_name_plural = _("loan programmes")
        ordering = ["park_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["park", "name"], name="loan_programme_name_in_park")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("programmes:loanprogramme", self.pk)


class PartnerBank(models.Model):
    """A bank lending in a programme, with the demands it takes: an amount range and the longest
    term (empty: no limit). The suggestion of banks for a demand reads these."""

    programme = models.ForeignKey(
        LoanProgramme,
        verbose_name=_("loan programme"),
        on_delete=models.CASCADE,
        related_name="partners",
    )
    bank = models.ForeignKey(
        Bank, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="partnerships"
    )
    min_amount = money(_("smallest loan"), null=True, blank=True)
    max_amount = money(_("largest loan"), null=True, blank=True)
    max_term_months = models.PositiveSmallIntegerField(
        _("longest term (months)"), null=True, blank=True, validators=MONTHS
    )

    scope = IN_THE_PARK
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner bank")
        verbose_name_plural = _("partner banks")
        ordering = ["programme_id", "bank__name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "bank"], name="partner_bank_once")
        ]

    def __str__(self):
        return f"{self.bank} · {self.programme}"

    def get_absolute_url(self):
        return object_url("programmes:partnerbank", self.pk)

    def takes(self, amount, term_months) -> bool:
        """The demand is within this bank's amount range and term."""
        return (
            (self.min_amount is None or amount >= self.min_amount)
            and (self.max_amount is None or amount <= self.max_amount)
            and (self.max_term_months is None or term_months <= self.max_term_months)
        )


class LoanRound(models.Model):
    """A round of a programme (第七轮): demands are filed into it between its dates."""

    programme = models.ForeignKey(
        LoanProgramme,
        verbose_name=_("loan programme"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    number = models.PositiveSmallIntegerField(_("round"), validators=[MinValueValidator(1)])
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), null=True, blank=True)

    scope = IN_THE_PARK
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("loan round")
        verbose_name_plural = _("loan rounds")
        ordering = ["programme_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="loan_round_once")
        ]

    def __str__(self):
        return _("%(programme)s, round %(number)d") % {
            "programme": self.programme.name,
            "number": self.number,
        }

    def get_absolute_url(self):
        return object_url("programmes:loanround", self.pk)


class FinancingDemand(models.Model):
    """An enterprise's demand for a loan in a round; its status, matched bank and outcome are
    written only by `financing.actions` (match, grant, decline)."""

    round = models.ForeignKey(
        LoanRound, verbose_name=_("loan round"), on_delete=models.PROTECT, related_name="demands"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="financing_demands",
    )
    amount = money(_("amount demanded"))
    purpose = models.CharField(_("purpose"), max_length=200)
    term_months = models.PositiveSmallIntegerField(_("term (months)"), validators=MONTHS)
    collateral = models.CharField(
        _("collateral"), max_length=16, choices=Collateral.choices, default=Collateral.CREDIT
    )
    preferred_bank = models.ForeignKey(
        Bank,
        verbose_name=_("preferred bank"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DemandStatus.choices,
        default=DemandStatus.FILED,
        editable=False,
    )
    bank = models.ForeignKey(
        Bank,
        verbose_name=_("matched bank"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    granted_amount = money(_("amount granted"), null=True, blank=True, editable=False)
    granted_on = models.DateField(_("granted on"), null=True, blank=True, editable=False)
    declined_reason = models.CharField(
        _("reason declined"), max_length=200, blank=True, editable=False
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    batch = import_batch_field()

    scope = Scope(park="enterprise__park", zone="enterprise__zone", enterprise="enterprise")
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financing demand")
        verbose_name_plural = _("financing demands")
        ordering = ["-filed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "enterprise"],
                name="financing_demand_once_per_round",
                violation_error_message=_("This enterprise already has a demand in this round."),
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="financing_demand_amount_positive"
            ),
        ]
        permissions = [
            (
                "process_financingdemand",
                _("Can match a financing demand to a bank and record the bank's answer"),
            )
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.round}"

    def get_absolute_url(self):
        return object_url("programmes:financingdemand", self.pk)

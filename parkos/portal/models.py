from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkos.core.links import object_url
from parkos.core.scoping import Scope, ScopedManager


class EnquiryStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    LEAD = "lead", _("Became a lead")
    CLOSED = "closed", _("Closed")


class Enquiry(models.Model):
    """An investor's enquiry from the online park; investment staff follow it up (and the
    investment pipeline turns it into a lead)."""

    park = models.ForeignKey(
        "parks.Park", verbose_name=_("park"), on_delete=models.PROTECT, related_name="enquiries"
    )
    building = models.ForeignKey(
        "space.Building",
        verbose_name=_("building"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enquiries",
    )
    name = models.CharField(_("contact name"), max_length=40)
    company = models.CharField(_("company"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30)
    email = models.EmailField(_("email"), blank=True)
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    area_m2 = models.DecimalField(
        _("area needed (m²)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=12, choices=EnquiryStatus.choices, default=EnquiryStatus.NEW
    )
    staff_note = models.TextField(_("follow-up note"), blank=True)
    created = models.DateTimeField(_("received at"), auto_now_add=True)

    scope = Scope(park="park")
    objects = ScopedManager()
    history = HistoricalRecords()

    # The investor's phone and e-mail, in full for the staff who call back (core/masking.py).
    masked_fields = dict.fromkeys(("phone", "email"), "portal.view_enquiry_phone")

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-created"]
        permissions = [("view_enquiry_phone", _("Can read enquirers' phone numbers and e-mails"))]

    def __str__(self):
        return f"{self.company} · {self.created:%Y-%m-%d}"

    def get_absolute_url(self):
        return object_url("portal:enquiry", self.pk)

"""Enquiries from the online park, declared for the staff API: read them, and follow one up
(its status and note) the way the enquiry page does. Investors send them through the public
form, and the staff pages keep their own views (the status dialog, the match link)."""

from parkos.core.entities import Entity

from . import services
from .filters import EnquiryFilterSet
from .forms import EnquiryStatusForm
from .models import Enquiry
from .schemas import EnquiryOut

enquiries = Entity(
    model=Enquiry,
    path="enquiries",
    filterset=EnquiryFilterSet,
    form=EnquiryStatusForm,
    out_schema=EnquiryOut,
    save=services.update_enquiry,
    delete=None,  # an investor's message is kept: it is closed, not deleted
    pages=(),
    api=("list", "get", "update", "replace"),
    api_name=("enquiry", "enquiries"),
)

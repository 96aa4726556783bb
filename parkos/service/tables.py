import django_tables2 as tables
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from parkos.core.masking import shown
from parkos.core.tables import ParkOSTable
from parkos.enterprises.models import Contact, Enterprise

from .models import ServicePackage, ServiceRequest, Visit

MINUTE = "Y-m-d H:i"


def local(value):
    return date_format(timezone.localtime(value), MINUTE) if value else "—"


# Cell methods several tables share (a table's `render_<column>` and `value_<column>`).
def person(table, value):
    """A user by their name."""
    return value.display_name


def shortened(table, value):
    """Long text cut to 40 characters on the page (the export has it whole)."""
    return value if len(value) <= 40 else value[:40] + "…"


def whole(table, value):
    return value


class ServiceRequestTable(ParkOSTable):
    title = tables.Column(verbose_name=_("Subject"), linkify=True)
    enterprise = tables.Column(verbose_name=_("Enterprise"), linkify=True)
    category = tables.Column(verbose_name=_("Category"), order_by=("category__order",))
    source = tables.Column(verbose_name=_("Source"))
    handler = tables.Column(
        verbose_name=_("In charge"), empty_values=(), orderable=False, accessor="pk"
    )
    status = tables.Column(verbose_name=_("Status"))
    received_at = tables.Column(verbose_name=_("Received at"))
    deadline = tables.Column(verbose_name=_("Deadline"))
    rating = tables.Column(verbose_name=_("Satisfaction"))

    export_only = ("source",)

    class Meta(ParkOSTable.Meta):
        model = ServiceRequest
        fields = ()
        order_by = ("-received_at",)
        empty_text = _("No service request matches these filters.")

    def render_handler(self, record):
        if record.assignee_id:
            return record.assignee.display_name
        return str(record.department) if record.department_id else "—"

    value_handler = render_handler

    def render_received_at(self, value):
        return local(value)

    value_received_at = render_received_at

    def render_deadline(self, record, value):
        """Overdue in red, escalated with a mark."""
        shown = local(value)
        if record.is_open and record.deadline_is_provisional:
            shown = format_html(
                '{}<span title="{}">（{}）</span>',
                shown,
                _("Counted Monday to Friday: that year's holiday notice is not loaded yet."),
                _("provisional"),
            )
        if record.is_overdue:
            mark = " ⚑" if record.escalated_at else ""
            return format_html('<span class="text-danger fw-semibold">{}{}</span>', shown, mark)
        return shown

    def value_deadline(self, value):
        return local(value)


class VisitTable(ParkOSTable):
    enterprise = tables.Column(verbose_name=_("Enterprise"))
    on = tables.DateColumn(verbose_name=_("Date"), format="Y-m-d", linkify=True)
    status = tables.Column(verbose_name=_("Status"))
    steward = tables.Column(verbose_name=_("Visited by"), order_by=("steward__username",))
    people_met = tables.Column(verbose_name=_("People met"))
    findings = tables.Column(verbose_name=_("Findings"))
    notes = tables.Column(verbose_name=_("Notes"))

    export_only = ("notes",)

    class Meta(ParkOSTable.Meta):
        model = Visit
        fields = ()
        order_by = ("-on",)
        empty_text = _("No visit matches these filters.")

    render_steward = value_steward = person
    render_findings, value_findings = shortened, whole


class DirectoryTable(ParkOSTable):
    """The zone directory: one row per enterprise, the month's change marked (`changes`: the
    enterprise's id → its `MonthChange`, set by the view)."""

    name = tables.Column(verbose_name=_("Enterprise"), linkify=True)
    status = tables.Column(verbose_name=_("Status"))
    zone = tables.Column(verbose_name=_("Zone"), order_by=("zone__name",))
    steward = tables.Column(
        verbose_name=_("Steward"), accessor="zone__steward", order_by=("zone__steward__username",)
    )
    contact_name = tables.Column(verbose_name=_("Primary contact"))
    contact_phone = tables.Column(verbose_name=_("Phone"), orderable=False)
    last_visit = tables.DateColumn(verbose_name=_("Last visit"), format="Y-m-d")
    open_requests = tables.Column(verbose_name=_("Open requests"))
    is_key = tables.Column(verbose_name=_("Key enterprise"))
    change = tables.Column(
        verbose_name=_("This month"), empty_values=(), orderable=False, accessor="pk"
    )

    changes: dict = {}

    class Meta(ParkOSTable.Meta):
        model = Enterprise
        fields = ()
        order_by = ("zone", "name")
        empty_text = _("No enterprise in this directory.")

    render_steward = value_steward = person

    def render_contact_phone(self, value):
        return shown(self.request.user if self.request else None, Contact, "phone", value)

    value_contact_phone = render_contact_phone

    def render_last_visit(self, value):
        return f"{value:%Y-%m-%d}" if value else _("never visited")

    value_last_visit = render_last_visit

    def render_is_key(self, value):
        return _("Key enterprise") if value else "—"

    def value_is_key(self, value):
        return str(_("Yes")) if value else ""

    def render_change(self, value):
        change = self.changes.get(value)
        if change is None:
            return "—"
        return format_html(
            '<span class="badge text-bg-warning">{}</span> {}',
            change.get_kind_display(),
            _("%(before)s → %(after)s") % {"before": change.before or "—", "after": change.after},
        )

    def value_change(self, value):
        change = self.changes.get(value)
        return str(change.get_kind_display()) if change else ""


class ServicePackageTable(ParkOSTable):
    enterprise = tables.Column(
        verbose_name=_("Key enterprise"),
        linkify=lambda record: record.get_absolute_url(),
        order_by=("enterprise__name",),
    )
    park = tables.Column(verbose_name=_("Park"), accessor="enterprise__park", orderable=False)
    lead = tables.Column(verbose_name=_("Lead steward"), order_by=("lead__username",))
    members = tables.ManyToManyColumn(
        verbose_name=_("Team members"), transform=lambda u: u.display_name
    )
    contact_every = tables.Column(verbose_name=_("Contact plan"))
    commitments = tables.Column(verbose_name=_("Commitments"))

    class Meta(ParkOSTable.Meta):
        model = ServicePackage
        fields = ()
        order_by = ("enterprise",)
        empty_text = _("No key enterprise has a service package here.")

    render_lead = value_lead = person
    render_commitments, value_commitments = shortened, whole

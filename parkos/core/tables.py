"""Table columns shared by every list: money in 万元, land in 亩, exported as numbers."""

from functools import cache

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tables2 import utils as tables2_utils

from .templatetags.units import wan
from .units import to_wan


def memoise_tables2_signatures():
    """django-tables2 calls inspect.signature on a column's render method for every cell (about
    half the cost of rendering a 25-row page, see docs/benchmarks.md); a function's signature
    never changes, so remember it per function."""
    original = tables2_utils.signature
    if getattr(original, "parkos_memoised", False):
        return

    @cache
    def by_function(function, bound):
        return original(function.__get__(object()) if bound else function)

    def signature(fn):
        function = getattr(fn, "__func__", fn)
        try:
            return by_function(function, function is not fn)
        except TypeError:  # unhashable callables: ask every time
            return original(fn)

    signature.parkos_memoised = True
    tables2_utils.signature = signature


class ParkOSTable(tables.Table):
    """Base of every list table. Sorting and paging links are htmx-boosted by the list partial;
    links inside rows (to a portrait…) are plain navigation."""

    # Columns that only the Excel export carries: a page stays readable (and quick to render)
    # while the export keeps every field.
    export_only: tuple[str, ...] = ()

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle", "tbody": {"hx-boost": "false"}}

    def __init__(self, *args, request=None, **kwargs):
        # django-tables2 would configure sorting and paging from the raw query string here
        # (?per_page=100000 included); ObjectListView does it, with the values checked.
        super().__init__(*args, **kwargs)
        self.request = request
        for name in self.export_only:
            self.columns.hide(name)

    def body_rows(self):
        """Each row of the current page as (td attributes, rendered cell) pairs."""
        columns = [(column.name, column.attrs["td"].as_html()) for column in self.columns]
        return [
            [(attrs, row.get_cell(name)) for name, attrs in columns] for row in self.paginated_rows
        ]


class MoneyColumn(tables.Column):
    """A yuan amount shown and exported in 万元."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    @property
    def header(self):
        return format_html(
            "{}<small class='text-muted'>（{}）</small>", super().header, _("10k yuan")
        )

    def render(self, value):
        return wan(value)

    def value(self, value):
        return to_wan(value)


class NumberColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value is not None else "—"


class BooleanMarkColumn(tables.Column):
    def render(self, value):
        return _("Yes") if value else _("No")

    def value(self, value):
        return bool(value)


def export_header(column) -> str:
    """The header text of a column in an export, with its unit."""
    name = str(column.column.verbose_name or column.name)
    if isinstance(column.column, MoneyColumn):
        return f"{name}（{_('10k yuan')}）"
    return name


def export_rows(table):
    """Header and value rows of every row of the table's (filtered, scoped) data."""
    columns = [
        c
        for c in table.columns.iterall()
        if c.column.exclude_from_export is False and (c.visible or c.name in table.export_only)
    ]
    header = [export_header(c) for c in columns]
    rows = []
    for row in table.rows:
        rows.append([row.get_cell_value(c.name) for c in columns])
    return header, rows


class ImportBatchTable(ParkOSTable):
    file_name = tables.Column(linkify=True, verbose_name=_("File"))
    entity = tables.Column(verbose_name=_("Data"))
    status = tables.Column(verbose_name=_("Status"))
    rows_total = tables.Column(verbose_name=_("Rows"))
    created_count = tables.Column(verbose_name=_("Created"))
    updated_count = tables.Column(verbose_name=_("Updated"))
    error_count = tables.Column(verbose_name=_("Errors"))
    user = tables.Column(verbose_name=_("Imported by"))
    created = tables.DateTimeColumn(verbose_name=_("Uploaded at"), format="Y-m-d H:i")

    class Meta(ParkOSTable.Meta):
        order_by = ("-created",)
        empty_text = _("No import yet.")

    def render_entity(self, value):
        from .importing import registry

        spec = registry.get(value)
        return spec.label if spec else value

    value_entity = render_entity

    def render_status(self, record):
        return record.get_status_display()

    def value_status(self, record):
        return record.get_status_display()

    def render_user(self, value):
        return value.display_name


class AuditEventTable(ParkOSTable):
    time = tables.DateTimeColumn(verbose_name=_("Time"), format="Y-m-d H:i:s")
    username = tables.Column(verbose_name=_("User"))
    ip = tables.Column(verbose_name=_("Address"))
    action = tables.Column(verbose_name=_("Action"))
    object_repr = tables.Column(verbose_name=_("Record"))
    outcome = tables.Column(verbose_name=_("Outcome"))
    detail = tables.Column(verbose_name=_("Detail"))

    class Meta(ParkOSTable.Meta):
        order_by = ("-time",)
        empty_text = _("Nothing recorded yet.")

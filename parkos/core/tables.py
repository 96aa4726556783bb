"""Table columns shared by every list: money in 万元, land in 亩, exported as numbers."""

import inspect
from contextlib import suppress
from functools import cache, partialmethod

import django_tables2 as tables
from django.db.models import Model
from django.template.base import render_value_in_context
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_tables2 import utils as tables2_utils
from django_tables2.columns.base import LinkTransform
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.columns.manytomanycolumn import ManyToManyColumn
from django_tables2.rows import BoundRow

from .masking import shown
from .templatetags.units import num, wan
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

    def rows_html(self, context):
        """The `<tr>` rows of the current page, each cell as django-tables2 renders it and as
        `{{ cell }}` writes it, in `<td>` attributes computed once per table. Rendering cell by
        cell through django-tables2 and the template engine was most of a list page's time."""
        columns = [
            (format_html("<td {}>", column.attrs["td"].as_html()), ColumnCells(self, column))
            for column in self.columns
        ]
        html = []
        for row in self.paginated_rows:
            html.append("<tr>")
            for td, cells in columns:
                html += (td, render_value_in_context(cells(row), context), "</td>")
            html.append("</tr>\n")
        return mark_safe("".join(html))


CELL_ARGUMENTS = ("value", "record", "column", "bound_column", "bound_row", "table")


class ColumnCells:
    """The cells of one column, as django-tables2's `BoundRow.get_cell` renders them, with what it
    works out again for every cell — the accessor, the render method's arguments, whether a
    choice label stands for the value, the labels themselves — worked out once per table.
    Many-to-many and link columns, and pinned rows, keep `get_cell`."""

    def __init__(self, table, bound_column):
        self.table = table
        self.bound_column = bound_column
        self.column = column = bound_column.column
        self.fallback = isinstance(column, ManyToManyColumn | BaseLinkColumn)
        self.accessor = accessor = tables2_utils.Accessor(bound_column.accessor)
        path, _, self.remainder = accessor.rpartition(accessor.SEPARATOR)
        self.path = tables2_utils.Accessor(path)
        self.render = bound_column.render
        names, catch_all = tables2_utils.signature(self.render)
        # As call_with_appropriate: every argument, or those asked for, or no call (None).
        self.arguments = (
            CELL_ARGUMENTS
            if catch_all
            else None
            if any(name not in CELL_ARGUMENTS for name in names)
            else names
        )
        self.plain = getattr(self.render, "__func__", None) is tables.Column.render
        self.link = bound_column.link
        self.plain_link = type(self.link) is LinkTransform and not self.link.attrs
        self.displays = {}  # (record class, penultimate class) -> reads the label, or None

    def __call__(self, row):
        if self.fallback or type(row) is not BoundRow:
            return row.get_cell(self.bound_column.name)
        record = row.record
        value, remainder = None, self.remainder
        penultimate = self.path.resolve(record, quiet=True)
        if isinstance(penultimate, Model):
            display = self.display(record, penultimate)
            if display is not None:
                value, remainder = display(penultimate), None
        if remainder:
            # As django-tables2: a value that cannot be read is no value (the column's default).
            with suppress(Exception):
                value = self.accessor.resolve(record)
        column = self.column
        if value in column.empty_values:
            return self.bound_column.default
        kwargs = None
        if self.arguments is None:
            content = None
        elif self.plain:
            content = value
        else:
            kwargs = self.kwargs(row, value)
            content = self.render(**{name: kwargs[name] for name in self.arguments})
        if not self.link:
            return content
        kwargs = kwargs or self.kwargs(row, value)
        if self.plain_link:
            href = self.link.compose_url(**kwargs)
            return content if href is None else format_html('<a href="{}">{}</a>', href, content)
        return self.link(content, **kwargs)

    def kwargs(self, row, value):
        values = (value, row.record, self.column, self.bound_column, row, self.table)
        return dict(zip(CELL_ARGUMENTS, values, strict=True))

    def display(self, record, penultimate):
        """How a choice field's label is read for these classes (`get_FOO_display()`), or None;
        Django's own method becomes a look-up in labels translated once per table."""
        key = (type(record), type(penultimate))
        if key not in self.displays:
            name = f"get_{self.remainder}_display"
            method = inspect.getattr_static(type(penultimate), name, None)
            if not getattr(self.accessor.get_field(record), "choices", ()) or method is None:
                self.displays[key] = None
            elif isinstance(method, partialmethod) and method.func is Model._get_FIELD_display:
                self.displays[key] = ChoiceLabels(method.keywords["field"])
            else:
                self.displays[key] = lambda instance: getattr(instance, name)()
        return self.displays[key]


class ChoiceLabels:
    """`Model._get_FIELD_display` with the field's labels translated once, not on every call."""

    def __init__(self, field):
        self.attname = field.attname
        choices = dict(make_hashable(field.flatchoices))
        self.labels = {key: force_str(label, strings_only=True) for key, label in choices.items()}

    def __call__(self, instance):
        value = getattr(instance, self.attname)
        label = self.labels.get(make_hashable(value), self)
        return force_str(value, strings_only=True) if label is self else label


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
    """A number: a count (or kVA) whole, a measure (亩, m², m) with two decimals, with
    separators; exported as a number so that Excel can sum it."""

    def __init__(self, *args, places=None, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)
        self.places = places

    def render(self, value):
        places = self.places if self.places is not None else 0 if isinstance(value, int) else 2
        return num(value, places)

    def value(self, value):
        return value


class PersonalColumn(tables.Column):
    """A person's phone or e-mail, in full only for the roles that may read it, on the page
    and in the export alike (core/masking.py)."""

    def render(self, value, record, bound_column, table):
        user = getattr(table.request, "user", None)
        return shown(user, record, bound_column.accessor, value)


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

"""The one import engine. An entity plugs in by declaring an `ImportSpec` (its columns and how a
row becomes a model row); the engine does the rest the same way for every entity:

1. `validate` reads every row and reports every bad cell (row, column, value, reason) — a dry
   run that writes nothing;
2. `commit` validates again and, only when no row is bad, writes all rows in one transaction
   (history records included, so each change is audited and points at its batch);
3. `rollback` undoes a committed batch from the history records it left, refusing when a row
   has been changed since.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Context, Decimal
from functools import cached_property
from itertools import repeat
from operator import itemgetter, methodcaller
from types import NoneType

from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.db.models import NOT_PROVIDED, Exists, OuterRef, Subquery, signals
from django.db.models.base import ModelState
from django.db.models.expressions import Col
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import ModelIterable
from django.db.models.query_utils import DeferredAttribute
from django.db.models.sql.constants import MULTI
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from parkos.core.choices import BatchStatus
from parkos.core.scoping import perm_name
from parkos.core.units import MONEY_UNITS

from .columns import (
    STATED_KINDS,
    UNIT_COLUMN_HEADERS,
    UNIT_STATEMENT,
    UNIT_TABLES,
    CellError,
    Column,
    cell_reader,
    clean_cell,
    column_reader,
    split_header,
)
from .readers import MISSING, NOT_RECALCULATED, Table
from .writing import create_with_history, update_with_history

MAX_STORED_ERRORS = 5000
PER_ROW = object()  # a unit factor given row by row by the sheet's unit column
PROGRESS_EVERY = 500
WRITE_CHUNK = 1000
PLAIN_ATTRIBUTES = (DeferredAttribute, ForeignKeyDeferredAttribute)
SQLITE_EXACT = 10**15  # an int below it is exact in SQLite's 15 significant digits
UPDATE_CHUNK = 100  # rows per UPDATE: its CASE grows with the rows, its cost with their square


class RowProblem(Exception):
    """Raised by a spec's `build` for a row that cannot be imported; names the column at fault."""

    def __init__(self, column: str, message: str, value=""):
        super().__init__(message)
        self.column, self.message, self.value = column, message, value


class RollbackRefused(Exception):
    pass


@dataclass
class Plan:
    """What a file would do: rows to create and update, or the reasons it cannot be imported."""

    rows_total: int = 0
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    warnings: list[str] = field(default_factory=list)
    creates: list[models.Model] = field(default_factory=list)
    updates: list[models.Model] = field(default_factory=list)
    update_fields: set[str] = field(default_factory=set)
    unchanged: int = 0
    extra: dict = field(default_factory=dict)  # spec-specific follow-up (m2m assignments…)

    @property
    def ok(self):
        return self.error_count == 0

    def add_error(self, row, column, value, message):
        self.error_count += 1
        if len(self.errors) < MAX_STORED_ERRORS:
            shown = "" if value is None else str(value)
            self.errors.append(
                {"row": row, "column": column, "value": shown[:100], "message": message}
            )


class ImportContext:
    """Who is importing; lookups go through their scope (None: the operator on the CLI)."""

    def __init__(self, user=None):
        self.user = user
        self.cache: dict = {}
        self.problems: list[RowProblem] = []  # the current row's, collected by `report`

    def report(self, column: str, message: str, value="") -> None:
        """A problem of the row being built that does not stop its other checks."""
        self.problems.append(RowProblem(column, message, value))

    def check(self, column: str, value, rule, *args, **kwargs) -> bool:
        """Run a business rule (the one the forms and the actions call) on the row; what it
        refuses is reported under `column`. True when it passed."""
        try:
            rule(*args, **kwargs)
        except ValidationError as exc:
            for message in exc.messages:
                self.report(column, message, value)
            return False
        return True

    def scoped(self, model):
        return model.objects.visible_to(self.user) if self.user else model.objects.all()


class ImportSpec:
    """Declare `slug`, `label`, `model`, `columns`, `key` and `build`; the engine does the rest."""

    slug: str
    label: str
    model: type[models.Model]
    columns: list[Column]
    key: tuple[str, ...]
    # Reverse relations that make a created row impossible to roll back once they hold rows.
    protect_related: tuple[str, ...] = ()
    help: str = ""

    def prepare(self, ctx: ImportContext, rows: list[dict]) -> None:
        """Load in bulk whatever `build` looks up (called once, after cells are cleaned)."""

    def build(self, ctx: ImportContext, values: dict) -> dict:
        """Model field values for one cleaned row. Raise RowProblem when the row cannot go on;
        `ctx.report` a problem that leaves the row's other checks worth running. `values` lack
        the optional cells that were bad (already reported)."""
        raise NotImplementedError

    def existing(self, ctx: ImportContext, keys: list[tuple]) -> dict[tuple, models.Model]:
        """The rows already stored under these keys."""
        raise NotImplementedError

    @cached_property
    def key_of(self) -> Callable[[dict], tuple]:
        """fields → the row's key, a tuple (one C call per row)."""
        if len(self.key) == 1:
            only = self.key[0]
            return lambda fields: (fields[only],)
        return itemgetter(*self.key)

    def after_write(self, ctx: ImportContext, plan: Plan, batch) -> None:
        """Writes that bulk operations cannot do (many-to-many); inside the commit transaction."""

    def undo_extra(self, batch) -> None:
        """Undo `after_write` on rollback."""

    def permissions(self):
        return [perm_name(self.model, "add"), perm_name(self.model, "change")]

    def writable_fields(self):
        return [f.name for f in self.model._meta.concrete_fields if not f.primary_key]


registry: dict[str, ImportSpec] = {}


def register(spec_class):
    registry[spec_class.slug] = spec_class()
    return spec_class


def _stated_units(table: Table, plan: Plan) -> dict[str, tuple[str, Decimal]]:
    """The units stated in the lines above the header (单位：千元), by quantity kind."""
    stated: dict[str, tuple[str, Decimal]] = {}
    for row, text in table.notes:
        for match in UNIT_STATEMENT.finditer(text):
            unit = match["unit"]
            kinds = [kind for kind, units in UNIT_TABLES.items() if unit in units]
            if not kinds:
                plan.add_error(row, "", text, _("Unknown unit “%(unit)s”.") % {"unit": unit})
            for kind in kinds:
                if kind in stated and stated[kind][0] != unit:
                    plan.add_error(
                        row,
                        "",
                        text,
                        _("Two different units, “%(one)s” and “%(other)s”, above the header.")
                        % {"one": stated[kind][0], "other": unit},
                    )
                stated.setdefault(kind, (unit, UNIT_TABLES[kind][unit]))
    return stated


def _missing_unit(column: Column, header: str) -> str:
    unit = column.default_unit or next(iter(column.units))
    return _(
        "No unit is stated for this column. Write the header as “%(example)s”, or put a line "
        "“单位：%(unit)s” above the header."
    ) % {"example": f"{header}（{unit}）", "unit": unit}


def _match_columns(spec: ImportSpec, table: Table, plan: Plan):
    """Map each header to (column, unit factor); the factor is PER_ROW where a unit column
    gives it row by row. Reports unknown, conflicting and missing units and missing columns."""
    headers = table.headers
    by_name = {name: col for col in spec.columns for name in col.names()}
    stated = _stated_units(table, plan)
    unit_column = next((i for i, h in enumerate(headers) if h in UNIT_COLUMN_HEADERS), None)
    if unit_column is not None and "money" in stated:
        plan.add_error(
            1,
            headers[unit_column],
            stated["money"][0],
            _("The money unit is stated both above the header and in this column; state it once."),
        )
    mapping = {}
    for index, header in enumerate(headers):
        if not header or index == unit_column:
            continue
        column = by_name.get(header)
        unit = None
        if column is None:
            base, unit = split_header(header)
            column = by_name.get(base)
        if column is None:
            plan.warnings.append(_("Column “%(header)s” is not used.") % {"header": header})
            continue
        if column in (c for c, _f in mapping.values()):
            plan.add_error(1, header, "", _("This column appears twice."))
            continue
        factor = Decimal(1)
        if column.units is not None:
            if unit is None and column.kind == "money" and unit_column is not None:
                mapping[index] = (column, PER_ROW)
                continue
            if unit is None and column.kind in stated:
                unit = stated[column.kind][0]
            if unit is None and column.kind not in STATED_KINDS:
                unit = column.default_unit  # m² of floor, 人: nothing to guess
            if unit is None:
                plan.add_error(1, header, "", _missing_unit(column, header))
                continue
            if unit not in column.units:
                allowed = "、".join(column.units)
                plan.add_error(
                    1,
                    header,
                    unit,
                    _("Unknown unit “%(unit)s”; use one of %(allowed)s.")
                    % {"unit": unit, "allowed": allowed},
                )
                continue
            factor = column.units[unit]
        elif unit is not None and column.header != header:
            plan.add_error(1, header, unit, _("This column takes no unit."))
            continue
        mapping[index] = (column, factor)
    present = {c.field for c, _f in mapping.values()}
    for column in spec.columns:
        if column.required and column.field not in present:
            plan.add_error(1, column.template_header(), "", _("Required column is missing."))
    return mapping, unit_column


def _row_unit(cells, unit_column, header, row_number, plan) -> Decimal | None:
    """The money factor a unit column gives this row, or None (reported) when it gives none."""
    raw = cells[unit_column] if unit_column < len(cells) else None
    unit = "" if raw is None else str(raw).strip()
    if unit in MONEY_UNITS:
        return MONEY_UNITS[unit]
    plan.add_error(
        row_number,
        header,
        raw,
        _("Write the money unit of this row: one of %(allowed)s.")
        % {"allowed": "、".join(MONEY_UNITS)},
    )
    return None


FORMULA_PROBLEMS = {
    MISSING: gettext_lazy(
        "A formula without a stored result: open the file in Excel or WPS and save it, or paste "
        "the values as values."
    ),
    NOT_RECALCULATED: gettext_lazy(
        "A formula in a workbook that was never recalculated (written by a program): its stored "
        "result may be stale. Open the file in Excel or WPS and save it, or paste the values as "
        "values."
    ),
}


def validate(
    spec: ImportSpec, table: Table, ctx: ImportContext, progress: Callable | None = None
) -> Plan:
    """A full dry run: every row is checked, nothing is written. Every problem of every row is
    reported in one pass: a bad column does not hide bad cells, a bad cell does not hide what
    the row's lookups find wrong."""
    plan = Plan(rows_total=len(table.rows))
    mapping, unit_column = _match_columns(spec, table, plan)
    required = {column.field for column in spec.columns if column.required}
    limits = {column.field: column.limits(spec.model) for column in spec.columns}
    readers = _readers(mapping, limits)
    cleaned = _read_by_column(table, readers, required)
    if cleaned is None:
        cleaned = _read_by_row(table, readers, required, unit_column, limits, plan)
    spec.prepare(ctx, [values for _row, values, _bad in cleaned])
    built: list[tuple[tuple, dict]] = []
    first_seen: dict[tuple, int] = {}
    build, key_of = spec.build, spec.key_of
    ctx.problems = []
    for done, (row_number, values, bad) in enumerate(cleaned, 1):
        try:
            fields = build(ctx, values)
        except RowProblem as problem:
            ctx.problems.append(problem)
        if ctx.problems:
            for problem in ctx.problems:
                plan.add_error(row_number, problem.column, problem.value, problem.message)
            ctx.problems = []
            continue
        if bad:
            continue
        key = key_of(fields)
        first = first_seen.setdefault(key, row_number)
        if first != row_number:
            plan.add_error(
                row_number, "", "", _("Same record as row %(row)d of this file.") % {"row": first}
            )
            continue
        built.append((key, fields))
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
    if not plan.ok:
        return plan
    existing = spec.existing(ctx, list(first_seen))
    make = _instance_maker(spec.model)
    direct = _plain_attributes(spec.model)
    private_in: dict[tuple, bool] = {}  # a row's field names → has it private "_name" values?
    for key, fields in built:
        names = tuple(fields)
        private = private_in.get(names)
        if private is None:
            private = private_in[names] = any(name[0] == "_" for name in names)
        plain = {k: v for k, v in fields.items() if k[0] != "_"} if private else fields
        obj = existing.get(key)
        if obj is None:
            obj = make(plain)
            plan.creates.append(obj)
        else:
            changed = _changed(obj, plain, direct)
            for name in changed:
                setattr(obj, name, plain[name])
            if changed:
                plan.updates.append(obj)
                plan.update_fields.update(changed)
            else:
                plan.unchanged += 1
        if private:  # the private values are for after_write
            plan.extra.setdefault("rows", []).append((obj, fields))
    if progress:
        progress(plan.rows_total)
    return plan


def _readers(mapping, limits):
    """(index, column, cell reader, column reader) of each column the file maps and the import
    reads, the readers None where a unit column gives the factor row by row: worked out once,
    not per row or cell (100,000 rows of 13 cells are 1.3 M cells)."""
    readers = []
    for index, (column, factor) in mapping.items():
        if not column.read:
            continue
        if factor is PER_ROW:
            readers.append((index, column, None, None))
            continue
        read = cell_reader(column, factor, limits[column.field])
        read_all = column_reader(column, factor, limits[column.field], read)
        readers.append((index, column, read, read_all))
    return readers


def _read_by_column(table: Table, readers, required) -> list[tuple[int, dict, bool]] | None:
    """Every row's cleaned values, read a column at a time (`column_reader`: no per-cell loop
    of our own, which was 0.8 s of a 100,000-row check), when the file is plain: no per-row
    unit, no formula to refuse, every row as wide as the columns read, every required column
    present (a formula in a column not read does not count). None where that does not hold or
    a cell is refused: `_read_by_row` then reads the file again and reports every problem of
    every row."""
    fields = [column.field for _index, column, _read, _all in readers]
    read_indexes = {index for index, *_readers in readers}
    plain = (
        readers
        and required <= set(fields)
        and not any(index in read_indexes for _row, index in table.formulas)
        and all(read_all is not None for _index, _column, _read, read_all in readers)
    )
    if not plain:
        return None
    rows = [cells for _row, cells in table.rows]
    if rows and min(map(len, rows)) <= max(index for index, *_readers in readers):
        return None
    try:
        columns = [
            read_all(list(map(itemgetter(index), rows))) for index, _c, _r, read_all in readers
        ]
    except CellError:
        return None
    rows_values = map(dict, map(zip, repeat(fields), zip(*columns, strict=True)))  # C loops
    return list(zip(map(itemgetter(0), table.rows), rows_values, repeat(False)))


def _read_by_row(table: Table, readers, required, unit_column, limits, plan: Plan):
    """Every row's cleaned values, each refused cell reported (row, column, value, why); a
    row keeps its good values so that its lookups are still checked when its required values
    are all good."""
    cleaned: list[tuple[int, dict, bool]] = []
    per_row = any(read is None for _index, _column, read, _all in readers)
    with_formulas = {row for row, _index in table.formulas}
    for row_number, cells in table.rows:
        values, bad = {}, False
        row_factor = None
        if per_row:
            row_factor = _row_unit(cells, unit_column, table.headers[unit_column], row_number, plan)
            bad = row_factor is None
        formulas = row_number in with_formulas
        width = len(cells)
        for index, column, read, _all in readers:
            raw = cells[index] if index < width else None
            if formulas and (row_number, index) in table.formulas:
                reason = table.formulas[(row_number, index)]
                plan.add_error(row_number, table.headers[index], raw, str(FORMULA_PROBLEMS[reason]))
                bad = True
                continue
            try:
                if read is not None:
                    values[column.field] = read(raw)
                elif row_factor is not None:
                    values[column.field] = clean_cell(column, raw, row_factor, limits[column.field])
            except CellError as exc:
                plan.add_error(row_number, table.headers[index], raw, str(exc))
                bad = True
        if required <= values.keys():  # the row's lookups can still be checked
            cleaned.append((row_number, values, bad))
    return cleaned


def _plain_attributes(model) -> frozenset[str]:
    """The fields' attribute names whose class attribute only reads and stores the value in
    the instance's dict."""
    return frozenset(
        f.attname
        for f in model._meta.concrete_fields
        if type(inspect.getattr_static(model, f.attname)) in PLAIN_ATTRIBUTES
    )


def _init_only_stores(model) -> bool:
    """`Model.__init__` would do no more than store each field's value in the instance's dict:
    no `__init__` of the model's own, no pre_init/post_init receivers, no generated field, every
    field's attribute a plain one (setting a key's attribute on a fresh instance only stores
    it)."""
    return (
        model.__init__ is models.Model.__init__
        and not any(f.generated for f in model._meta.concrete_fields)
        and not signals.pre_init.has_listeners(model)
        and not signals.post_init.has_listeners(model)
        and len(_plain_attributes(model)) == len(model._meta.concrete_fields)
    )


def stored(queryset) -> list[models.Model]:
    """The rows of `queryset`, as iterating it builds them (`Model.from_db`), for an import's
    `existing`: built the short way where `__init__` only stores values and the queryset asks
    for whole rows and nothing beside them (172,000 yearly figures: 1.5 → 0.9 s on PostgreSQL,
    3.7 → 3.0 s on SQLite), their values converted a column at a time (`_values`; 100,000
    stored rows on SQLite, profiled: 2.1 → 1.0 s); any other queryset is simply iterated."""
    model, query = queryset.model, queryset.query
    fetch_mode = queryset._fetch_mode
    short = (fetch_mode is None or not fetch_mode.track_peers) and (
        _init_only_stores(model)
        and model.from_db.__func__ is models.Model.from_db.__func__
        and queryset._iterable_class is ModelIterable
        and not (query.select_related or query.annotations or query.extra_select)
        and query.deferred_loading == (frozenset(), True)
        and not queryset._prefetch_related_lookups
        and not queryset._known_related_objects
    )
    if not short:
        return list(queryset)
    names = [f.attname for f in model._meta.concrete_fields]
    db, new, rows = queryset.db, model.__new__, []
    for values in _values(queryset, names):
        state = ModelState()
        state.adding, state.db = False, db
        if fetch_mode is not None:
            state.fetch_mode = fetch_mode
        obj = new(model)
        obj.__dict__ = dict(zip(names, values, strict=True))
        obj._state = state
        rows.append(obj)
    return rows


def _values(queryset, names):
    """`queryset.values_list(*names)`, its converters applied a column at a time: SQLite's
    decimal columns by maps of C functions (`_sqlite_decimals`), every other by its own
    converters. Django's SQLite decimal converter took 1.4 s for 900,000 stored figures."""
    query = queryset.values_list(*names).query
    connection = connections[queryset.db]
    compiler = query.get_compiler(using=queryset.db)
    raw = [row for chunk in compiler.execute_sql(MULTI) for row in chunk]
    if not raw:
        return []
    fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
    if compiler.has_composite_fields(fields):
        return list(compiler.results_iter(iter([raw]), tuple_expected=True))
    converters = compiler.get_converters(fields)
    if not converters and len(raw[0]) == len(fields):
        return raw  # nothing to convert (PostgreSQL's figures): the rows as read
    columns = [list(column) for column in zip(*raw, strict=True)][: len(fields)]
    del raw  # the rows as read, no longer needed beside their columns
    for index, (convert, expression) in converters.items():
        column = columns[index]
        if _is_sqlite_decimal(convert, expression, connection):
            columns[index] = _sqlite_decimals(column, convert[0], expression, connection)
            continue
        for one in convert:
            column = [one(value, expression, connection) for value in column]
        columns[index] = column
    return zip(*columns, strict=True)


def _is_sqlite_decimal(convert, expression, connection) -> bool:
    """The converters are Django's SQLite decimal converter of a column, alone."""
    if connection.vendor != "sqlite":
        return False
    from django.db.backends.sqlite3.operations import DatabaseOperations as SQLiteOperations

    field = expression.output_field
    return (
        len(convert) == 1
        and isinstance(expression, Col)
        and isinstance(field, models.DecimalField)
        and field.decimal_places is not None
        and not expression.get_db_converters(connection)
        and type(connection.ops).get_decimalfield_converter
        is SQLiteOperations.get_decimalfield_converter
    )


def _sqlite_decimals(column, convert, expression, connection) -> list:
    """What Django's SQLite decimal converter `convert` makes of a column's stored values (a
    float read to 15 significant digits, an int as it is, then quantized to the field's
    places), by maps of C functions where the values are numbers that 15 digits hold: SQLite
    stores a whole number as an int, any other as a float."""
    field = expression.output_field
    kinds = set(map(type, column))
    present = [value for value in column if value is not None] if NoneType in kinds else column
    if not kinds <= {int, float, NoneType} or (present and max(map(abs, present)) >= SQLITE_EXACT):
        return [convert(value, expression, connection) for value in column]
    read = Context(prec=15).create_decimal_from_float  # exact for an int below 10¹⁵
    quantize = methodcaller(
        "quantize", Decimal(1).scaleb(-field.decimal_places), context=field.context
    )
    converted = list(map(quantize, map(read, present)))
    if present is column:
        return converted
    it = iter(converted)
    return [None if value is None else next(it) for value in column]


def _instance_maker(model) -> Callable[[dict], models.Model]:
    """values → `model(**values)`, built as `Model.__init__` would leave it: a fresh state and
    each field's attribute in the instance's dict, the absent fields' defaults included
    (100,000 instances by keyword took 1.2 s of a 3 s check, by position 0.6 s, this way
    0.2 s), where `__init__` would do nothing more (`_init_only_stores`). Values that name a
    field other than by its attribute (a related object) go by keyword."""
    concrete = model._meta.concrete_fields
    attnames = frozenset(f.attname for f in concrete)
    if not _init_only_stores(model):
        return lambda values: model(**values)
    # A default that is neither a callable nor a database default is one value for every
    # instance (`get_default` hands out the same object each call): set from one dict.
    fixed = {
        f
        for f in concrete
        if not (f.has_default() and callable(f.default)) and f.db_default is NOT_PROVIDED
    }
    constant = {f.attname: f.get_default() for f in fixed}
    computed = [(f.attname, f.get_default) for f in concrete if f not in fixed]
    new = model.__new__

    def make(values):
        if not values.keys() <= attnames:
            return model(**values)
        obj = new(model)
        state = constant | values
        for name, default in computed:
            if name not in values:
                state[name] = default()
        state["_state"] = ModelState()
        obj.__dict__ = state
        return obj

    return make


def _changed(obj, values, direct) -> list[str]:
    """The names in `values` whose value differs from the stored row's, read from the
    instance's dict where the name is a plain field attribute (`direct`) that it holds: 1.2 M
    attribute reads were 0.3 s."""
    held = obj.__dict__
    return [
        name
        for name, new in values.items()
        if (old := held[name] if name in direct and name in held else getattr(obj, name)) != new
        and (type(old) is type(new) or _differs(old, new))  # of one type, != is the answer
    ]


def _differs(old, new):
    if old == new:  # the common case, and Decimal("1.50") == Decimal("1.5") as below
        return False
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        if old is None or new is None:
            return old is not new
        return Decimal(old) != Decimal(new)
    return old != new


def commit(spec: ImportSpec, plan: Plan, ctx: ImportContext, batch):
    """Write a valid plan in one transaction; every row points at `batch` and has its history
    record (`writing.py`: the rows simple_history's bulk helpers write, by COPY/executemany).
    All the rows go at once: counting them out in chunks told nobody anything (the count is
    written inside this transaction, which no other connection sees until it ends) and cost
    PostgreSQL a temporary table and a planned join per chunk."""
    assert plan.ok, "commit needs a plan without errors"
    model = spec.model
    searched = hasattr(model, "set_search_keys")
    direct = "batch_id" in _plain_attributes(model)
    with transaction.atomic():
        for obj in (*plan.creates, *plan.updates):
            # The key alone (a related object in its cache would have each row checked), into
            # the instance's dict where no related object is cached for the key's descriptor
            # to drop (100,000 rows: 0.13 s through it).
            if direct and not obj._state.fields_cache:
                obj.__dict__["batch_id"] = batch.pk
            else:
                obj.batch_id = batch.pk
            if searched:
                obj.set_search_keys()
        create_with_history(plan.creates, model, user=ctx.user)
        fields = sorted(plan.update_fields | {"batch"} | _derived_fields(model, plan.update_fields))
        update_with_history(plan.updates, model, fields, user=ctx.user)
        spec.after_write(ctx, plan, batch)
    batch.created_count = len(plan.creates)
    batch.updated_count = len(plan.updates)


def _derived_fields(model, changed):
    return (
        {"name_initials", "name_pinyin"}
        if "name" in changed and hasattr(model, "set_search_keys")
        else set()
    )


def _changed_fields(model, restored, fields):
    """The fields in which the rows to restore differ from the rows as they are: a bulk update
    writes one CASE per field and row, so restoring every field of 2,500 rows took 7–20 s in the
    request (the load test), against 1.5 s for the few fields an import changes."""
    current = model.objects.in_bulk([obj.pk for obj in restored])
    attnames = {name: model._meta.get_field(name).attname for name in fields}
    return [
        name
        for name, attname in attnames.items()
        if any(
            getattr(obj, attname) != getattr(current[obj.pk], attname)
            for obj in restored
            if obj.pk in current
        )
    ]


def rollback(spec: ImportSpec, batch, user) -> None:
    """Undo a committed batch: delete the rows it created, restore the rows it updated."""
    model = spec.model
    history = model.history.model
    written = history.objects.filter(batch_id=batch.pk)
    later = history.objects.filter(id=OuterRef("id"), history_id__gt=OuterRef("history_id"))
    changed_since = written.filter(Exists(later)).count()
    if changed_since:
        raise RollbackRefused(
            _("%(n)d rows of this import were changed after it; roll back those changes first.")
            % {"n": changed_since}
        )
    created_ids = list(written.filter(history_type="+").values_list("id", flat=True))
    for relation in spec.protect_related:
        if model.objects.filter(id__in=created_ids, **{f"{relation}__isnull": False}).exists():
            raise RollbackRefused(
                _("Records created by this import now have %(what)s; they cannot be removed.")
                % {"what": model._meta.get_field(relation).related_model._meta.verbose_name_plural}
            )
    previous = history.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
    previous_ids = (
        written.filter(history_type="~")
        .annotate(prev=Subquery(previous.order_by("-history_id").values("history_id")[:1]))
        .values_list("prev", flat=True)
    )
    with transaction.atomic():
        restored = [
            record.instance for record in history.objects.filter(history_id__in=list(previous_ids))
        ]
        fields = _changed_fields(model, restored, spec.writable_fields())
        for start in range(0, len(restored) if fields else 0, WRITE_CHUNK):
            bulk_update_with_history(
                restored[start : start + WRITE_CHUNK],
                model,
                fields,
                default_user=user,
                batch_size=UPDATE_CHUNK,
            )
        spec.undo_extra(batch)
        for obj in model.objects.filter(id__in=created_ids).iterator():
            obj._history_user = user
            obj.delete()
        batch.status = BatchStatus.ROLLED_BACK
        batch.rolled_back_at = timezone.now()
        batch.save(update_fields=["status", "rolled_back_at"])

"""Write an import's rows and their history records by the database's bulk path.

django-simple-history's `bulk_create_with_history` and `bulk_update_with_history` go through
the ORM's SQL compilers: each value of each row passes four or five calls to become a
placeholder, and every history record is first built as a model instance. Writing 100,000
yearly indicator rows took 12.4 s of an 18.5 s import on SQLite (8.8 of 15.7 s on PostgreSQL),
three quarters of it compiling SQL by the profile; updating them took 110 s (116 s),
`bulk_update` writing a CASE of 1,000 branches per column that the database walks per row.

These functions write the same rows and the same history records — every value prepared as
its field's own `pre_save` (on insert) and `get_db_prep_save` prepare it (`_preparer` takes a
short way to the same value for the types an import holds) — through PostgreSQL's COPY
(updates: COPY into a temporary table, then one UPDATE … FROM) or SQLite's executemany. The
history records are copied by the database from the rows just written (`INSERT … SELECT`),
with the user, change reason and type simple_history sets and its date read once per call
where simple_history reads the clock per record: sending them row by row cost as much as the
rows themselves. A model outside what they cover (a database default, a generated column, a
parent model, a key without a sequence, history records with fields of their own) goes
through simple_history unchanged.
"""

from decimal import Decimal
from itertools import repeat
from operator import attrgetter, contains

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, router
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import NOT_PROVIDED, CharField, DecimalField, Field, ForeignKey, IntegerField
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone
from simple_history.utils import (
    bulk_create_with_history,
    bulk_update_with_history,
    get_change_reason_from_object,
)

from parkos.core.bulk import insert_rows

UNSET = object()
HISTORY_OWN = ("history_date", "history_change_reason", "history_type", "history_user")
# Rows per statement where simple_history writes: bulk_update's CASE grows with its rows.
FALLBACK_BATCH = 100
DECIMALS_OR_NONE = frozenset({Decimal, type(None)})
INTS_OR_NONE = frozenset({int, type(None)})
PER_OBJECT = ("_history_date", "_history_user", "_change_reason")  # read by simple_history


def create_with_history(objs, model, user=None) -> None:
    """`bulk_create_with_history(objs, model, default_user=user)`: insert `objs` (their primary
    keys taken from the table's own sequence and set on them) and one "+" history record each."""
    if not objs:
        return
    if not _covered(model):
        bulk_create_with_history(objs, model, default_user=user, batch_size=FALLBACK_BATCH)
        return
    connection = connections[router.db_for_write(model)]
    opts = model._meta
    fields = list(opts.concrete_fields)
    for obj in objs:  # what bulk_create checks and sets up, for objects holding related ones
        if obj._state.fields_cache:
            obj._prepare_related_fields_for_save(operation_name="bulk_create")
    key = opts.pk.attname  # the model has no parent (`_covered`): setting `pk` sets it alone
    new = [obj for obj in objs if getattr(obj, key) is None]
    for obj, pk in zip(new, _next_ids(connection, model, len(new)), strict=True):
        setattr(obj, key, pk)
    insert_rows(
        connection, opts.db_table, [f.column for f in fields], _rows(objs, fields, connection)
    )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
    _write_history(connection, model, objs, "+", user)


def update_with_history(objs, model, field_names, user=None) -> None:
    """`bulk_update_with_history(objs, model, field_names, default_user=user)`: write the named
    fields of `objs` and one "~" history record each (of the whole row, as simple_history)."""
    if not objs:
        return
    if not _covered(model):
        bulk_update_with_history(
            objs, model, field_names, default_user=user, batch_size=FALLBACK_BATCH
        )
        return
    connection = connections[router.db_for_write(model)]
    opts = model._meta
    changed = [opts.get_field(name) for name in field_names]
    if any(not f.concrete or f.many_to_many or f.primary_key for f in changed):
        raise ValueError("update_with_history() can only update concrete, non-key fields.")
    if any(obj.pk is None for obj in objs):
        raise ValueError("All update_with_history() objects must have a primary key set.")
    looked_at = set(changed)  # what bulk_update passes as a list: the same fields, found faster
    for obj in objs:
        if obj._state.fields_cache:
            obj._prepare_related_fields_for_save(operation_name="bulk_update", fields=looked_at)
    # bulk_update neither calls pre_save nor touches the other columns.
    rows = _rows(objs, (*changed, opts.pk), connection, on_insert=False)
    _update(connection, opts.db_table, opts.pk.column, [f.column for f in changed], rows)
    _write_history(connection, model, objs, "~", user)


def _rows(objs, fields, connection, on_insert=True) -> list[tuple]:
    """The objects' values of `fields` as the database takes them, a field at a time (one
    `map` per field rather than a loop per value)."""

    def column(field):
        read = _reader(field) if on_insert else attrgetter(field.attname)
        return _column_preparer(field, connection)(list(map(read, objs)))

    return list(zip(*map(column, fields), strict=True))


def _column_preparer(field, connection):
    """values → `[_preparer(field, connection)(value) for value in values]`, as the rows written
    here take them (SQLite's executemany, PostgreSQL's text COPY). A column of values
    the backend takes as they are (`_as_they_are`: its adapter hands a finite Decimal or an int
    back unchanged, `get_db_prep_save` a None) is passed whole, judged by maps of C functions
    (900,000 decimals, one Python call each, took 0.3 s; 500,000 keys and counts 0.15 s)."""
    prepare = _preparer(field, connection)

    def each(values):
        return list(map(prepare, values))

    taken = _as_they_are(field, connection)
    if taken is None:
        return each

    def whole(values):
        if not set(map(type, values)) <= taken:
            return each(values)
        if Decimal in taken and not all(map(Decimal.is_finite, filter(None, values))):
            return each(values)  # NaN and ∞ are true
        return values

    return whole


def _as_they_are(field, connection) -> frozenset | None:
    """The types of the values that `field.get_db_prep_save` gives back unchanged on this
    backend, as `_preparer` reads the field, or alike for the rows written here: a
    DecimalField's finite Decimals, an integer field's or a key's ints (not bools), and None;
    None where its class or the backend's adapter changes them."""
    base, ops = BaseDatabaseOperations, type(connection.ops)
    if isinstance(field, ForeignKey):
        if type(field).get_db_prep_save is not ForeignKey.get_db_prep_save:
            return None
        field = field.target_field
    saving = type(field).get_db_prep_save
    if _untouched(field, DecimalField) and saving is Field.get_db_prep_save:
        same = ops.adapt_decimalfield_value is base.adapt_decimalfield_value
        return DECIMALS_OR_NONE if same else None
    if _untouched(field, IntegerField) and saving is Field.get_db_prep_save:
        same = ops.adapt_integerfield_value in _int_adapters(connection)
        return INTS_OR_NONE if same else None
    key = AutoFieldMixin.get_db_prep_save
    if _untouched(field, IntegerField, AutoFieldMixin) and saving is key:
        same = ops.validate_autopk_value is base.validate_autopk_value
        return INTS_OR_NONE if same else None
    return None


def _int_adapters(connection) -> tuple:
    """The backend adapters that leave an int as it is written here. PostgreSQL's wraps it
    (Int4…) to name the type a bound parameter is sent as; these rows go by COPY, which writes
    an int's digits either way (200,000 wrapped one by one took 0.18 s)."""
    if connection.vendor != "postgresql":
        return (BaseDatabaseOperations.adapt_integerfield_value,)
    from django.db.backends.postgresql.operations import DatabaseOperations

    return (
        BaseDatabaseOperations.adapt_integerfield_value,
        DatabaseOperations.adapt_integerfield_value,
    )


def _reader(field):
    """obj → the value an insert stores, `field.pre_save(obj, add=True)`: the attribute itself
    unless the field's class computes it (auto_now…)."""
    if type(field).pre_save is Field.pre_save:
        return attrgetter(field.attname)
    return lambda obj: field.pre_save(obj, True)


def _preparer(field, connection):
    """value → `field.get_db_prep_save(value, connection)`, computed without the field's four
    or five calls for the values an import holds: a finite Decimal of a DecimalField, an int of
    an integer field or a key, a str of a CharField come out of `to_python` as they went in and
    go straight to the backend's adapter. Any other value, and any field class that changes one
    of those steps, takes the field's own way. (Writing 100,000 rows of 14 columns spent 2.2 s
    in those calls, the insert itself 1.5 s.)"""

    def slow(value):
        return field.get_db_prep_save(value, connection)

    if isinstance(field, ForeignKey):
        if type(field).get_db_prep_save is not ForeignKey.get_db_prep_save:
            return slow
        target = field.target_field
    else:
        target = field
    ops = connection.ops
    saving = type(target).get_db_prep_save
    if _untouched(target, DecimalField) and saving is Field.get_db_prep_save:
        adapt = ops.adapt_decimalfield_value
        digits, places = target.max_digits, target.decimal_places

        def prepare(value):
            if type(value) is Decimal and value.is_finite():
                return adapt(value, digits, places)
            return slow(value)

        return prepare
    if _untouched(target, IntegerField) and saving is Field.get_db_prep_save:
        adapt, internal = ops.adapt_integerfield_value, target.get_internal_type()
        return lambda value: adapt(value, internal) if type(value) is int else slow(value)
    key = AutoFieldMixin.get_db_prep_save
    if _untouched(target, IntegerField, AutoFieldMixin) and saving is key:
        check = ops.validate_autopk_value  # a key: the backend's check alone (0 refused on MySQL)
        return lambda value: check(value) if type(value) is int else slow(value)
    if _untouched(target, CharField) and saving is Field.get_db_prep_save:
        return lambda value: value if type(value) is str else slow(value)
    return slow


def _untouched(field, base, key=None) -> bool:
    """The field is a `base` (an automatic `key` of it) whose value preparation its class does
    not change."""
    if not isinstance(field, base) or (key and not isinstance(field, key)):
        return False
    return all(
        getattr(type(field), name) is getattr(key if key and name in vars(key) else base, name)
        for name in ("get_db_prep_value", "get_prep_value", "to_python")
    )


def _covered(model) -> bool:
    opts = model._meta
    history = model.history.model
    tracked = {f.attname for f in history.tracked_fields}
    try:
        own = {history._meta.get_field(name).attname for name in HISTORY_OWN}
        user_is_a_key = isinstance(history._meta.get_field("history_user"), ForeignKey)
    except FieldDoesNotExist:  # simple_history's user_id_field and the like
        return False
    return (
        user_is_a_key
        and not opts.parents
        and isinstance(opts.pk, AutoFieldMixin)
        and all(f.db_default is NOT_PROVIDED and not f.generated for f in opts.concrete_fields)
        and tracked <= {f.attname for f in opts.concrete_fields}
        and isinstance(history._meta.pk, AutoFieldMixin)
        and {f.attname for f in history._meta.concrete_fields}
        == {history._meta.pk.attname} | tracked | own
    )


def _next_ids(connection, model, count) -> list[int]:
    """`count` primary keys no row has had: the sequence's next values on PostgreSQL; on SQLite
    past both the largest key and the AUTOINCREMENT counter (a deleted row's key is not
    reused), under the write lock the import's transaction holds (taken at BEGIN IMMEDIATE or,
    failing that, the INSERT is refused as busy: no two writers can hold the same keys)."""
    if not count:
        return []
    opts = model._meta
    table, column = opts.db_table, opts.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The sequence's name looked up once: as nextval's argument it was looked up per
            # key (100,000 keys: 0.24 s against 0.04 s).
            cursor.execute(
                "SELECT pg_get_serial_sequence(%s, %s)", [connection.ops.quote_name(table), column]
            )
            (sequence,) = cursor.fetchone()
            cursor.execute(
                "SELECT array_agg(nextval(%s::regclass)) FROM generate_series(1, %s)",
                [sequence, count],
            )
            return cursor.fetchone()[0]
        if connection.vendor != "sqlite":  # pragma: no cover — ParkOS runs on these two
            raise NotImplementedError(connection.vendor)
        cursor.execute(f"SELECT MAX({connection.ops.quote_name(column)}) FROM {table}")
        largest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        counter = cursor.fetchone()
        start = max(largest, counter[0] if counter else 0) + 1
    return list(range(start, start + count))


def _write_history(connection, model, objs, history_type, user) -> None:
    """One history record per object, as `HistoryManager.bulk_history_create` builds it, copied
    by the database from the rows just written (`INSERT … SELECT`: the tracked columns as
    stored, in key order) instead of being sent row by row: the date (read once per call), the
    user (`_history_user`, else `user`, else simple_history's default) and the change reason
    are the same for all the objects but those that name their own, one statement per such
    group. The group's rows are picked by key: a range where its keys are every key in it (as
    the keys of rows just created are), else a list."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = model.history.model
    hopts = history._meta
    own = {name: hopts.get_field(name) for name in HISTORY_OWN}
    date_field, user_field = own["history_date"], own["history_user"]
    now = timezone.now()
    pk_of = attrgetter(model._meta.pk.attname)
    # Where the model defines none of simple_history's per-object attributes, an object that
    # was given none of them has the call's own date, user and no reason.
    shared = user is not None and not any(hasattr(model, name) for name in PER_OBJECT)
    if shared and not any(any(map(contains, map(vars, objs), repeat(name))) for name in PER_OBJECT):
        groups = {(now, None, user.pk): list(map(pk_of, objs))}  # an import's: no loop
    else:
        groups = _history_groups(history, objs, now, user, shared, pk_of)
    opts = model._meta
    tracked = {f.attname for f in history.tracked_fields}
    kept = [f for f in opts.concrete_fields if f.attname in tracked]
    quote = connection.ops.quote_name
    into = [hopts.get_field(f.name).column for f in kept]
    into += [own[name].column for name in HISTORY_OWN]
    picked = ", ".join(f"{quote(opts.db_table)}.{quote(f.column)}" for f in kept)
    head = (
        f"INSERT INTO {quote(hopts.db_table)} ({', '.join(quote(c) for c in into)}) "
        f"SELECT {picked}, %s, %s, %s, %s FROM {quote(opts.db_table)} WHERE {quote(opts.pk.column)}"
    )
    order = f" ORDER BY {quote(opts.pk.column)}"
    with connection.cursor() as cursor:
        for (when, reason, who), ids in groups.items():
            params = [
                date_field.get_db_prep_save(when, connection),
                reason,
                history_type,
                user_field.get_db_prep_save(who, connection),
            ]
            low, high = min(ids), max(ids)
            if high - low + 1 == len(set(ids)):  # every key between is one of the group's
                cursor.execute(f"{head} BETWEEN %s AND %s{order}", [*params, low, high])
            elif connection.vendor == "postgresql":
                cursor.execute(f"{head} = ANY(%s){order}", [*params, ids])
            else:  # integer keys written into the statement: no limit on bound parameters
                keys = ", ".join(str(int(pk)) for pk in ids)
                cursor.execute(f"{head} IN ({keys}){order}", params)


def _update(connection, table, pk, columns, rows) -> None:
    """Rows of (values of `columns`…, primary key)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(quote(c) for c in [*columns, pk])
            cursor.execute(
                f"CREATE TEMPORARY TABLE import_update ON COMMIT DROP AS "
                f"SELECT {names} FROM {quote(table)} WITH NO DATA"
            )
            with cursor.cursor.copy(f"COPY import_update ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            # Without statistics the planner misjudges the new table's size: 1,000 rows were
            # joined by hashing the whole target table (80 ms against 16 ms once analysed).
            cursor.execute("ANALYZE import_update")
            sets = ", ".join(f"{quote(c)} = import_update.{quote(c)}" for c in columns)
            cursor.execute(
                f"UPDATE {quote(table)} SET {sets} FROM import_update "
                f"WHERE {quote(table)}.{quote(pk)} = import_update.{quote(pk)}"
            )
            cursor.execute("DROP TABLE import_update")
            return
        sets = ", ".join(f"{quote(c)} = %s" for c in columns)
        cursor.executemany(f"UPDATE {quote(table)} SET {sets} WHERE {quote(pk)} = %s", rows)


def _history_groups(history, objs, now, user, shared, pk_of) -> dict[tuple, list]:
    """The objects' keys by (date, reason, user) of their history records."""
    groups: dict[tuple, list] = {}
    for obj in objs:
        if shared and obj.__dict__.keys().isdisjoint(PER_OBJECT):
            key = (now, None, user.pk)
        else:
            when = getattr(obj, "_history_date", now)
            who = getattr(obj, "_history_user", UNSET)
            if who is UNSET:
                who = user if user is not None else history.get_default_history_user(obj)
            reason = get_change_reason_from_object(obj) or None
            key = (when, reason, None if who is None else who.pk)
        groups.setdefault(key, []).append(pk_of(obj))
    return groups

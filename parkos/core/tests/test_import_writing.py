"""The import's bulk writer leaves exactly the rows and history records django-simple-history's
`bulk_create_with_history` and `bulk_update_with_history` leave: the same objects are written
once by each, in a savepoint rolled back between the two, and every stored value compared."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from parkos.core.importing import registry
from parkos.core.importing.writing import (
    _column_preparer,
    _covered,
    _preparer,
    create_with_history,
    update_with_history,
)
from parkos.enterprises.models import Contact, Enterprise, IndicatorYear
from parkos.investment.models import Project
from parkos.space.models import Building
from parkos.testing.factories import valid_uscc


def _stored(model, objs):
    """Every stored value of the objects' rows and history records but the keys no two writes
    share (the row's id, the record's own id) and the times of the write, checked apart."""
    ids = [obj.pk for obj in objs]
    assert ids == sorted(ids) and None not in ids  # keys in the objects' order, set on them
    written = [model._meta.get_field(f).attname for f in ("id",)]
    times = [f.attname for f in model._meta.concrete_fields if getattr(f, "auto_now", False)] + [
        f.attname for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)
    ]
    rows = list(model.objects.filter(pk__in=ids).order_by("pk").values())
    records = list(model.history.filter(id__in=ids).order_by("history_id").values())
    for row in rows:
        for name in written + times:
            assert row.pop(name) is not None
    for record in records:
        assert record.pop("history_id") and record.pop("id") in ids
        assert timezone.now() - record.pop("history_date") < dt.timedelta(minutes=1)
        for name in times:
            assert record.pop(name, "not kept") is not None
    return rows, records


def _both(model, build, write_ours, write_library):
    """The rows and records each writer leaves for objects `build()` makes."""
    outcomes = []
    for write in (write_library, write_ours):
        with transaction.atomic():
            objs = build()
            write(objs)
            outcomes.append(_stored(model, objs))
            transaction.set_rollback(True)
    return outcomes


def _cases(world):
    park, zone = world.park_a, world.zone_a1
    user = world.users["park_admin"]
    return {
        Enterprise: lambda: [
            Enterprise(
                name=f"上海写入测试{i}有限公司",
                uscc=valid_uscc(7000 + i),
                park=park,
                zone=zone if i % 2 else None,
                industry_id="C3841",
                registered_capital=Decimal("5000000.50") if i else None,
                own_land_mu=Decimal("12.5"),
                is_above_scale=bool(i % 2),
                founded_on=dt.date(2019, 5, 20) if i else None,
            )
            for i in range(5)
        ],
        IndicatorYear: lambda: [
            IndicatorYear(
                enterprise=firm,
                year=year,
                output_value=Decimal("15000000.00"),
                tax_paid=Decimal("600000.25"),
                energy_tce=Decimal("300.5"),
                electricity_kwh=Decimal("123456"),
                pollutant_emissions=Decimal("1.125"),
                employees=120,
            )
            for firm in (world.firm_a1, world.firm_a2, world.firm_b)
            for year in (2019, 2020)
        ],
        Contact: lambda: [
            Contact(enterprise=world.firm_a1, name=f"联系人{i}", email=f"c{i}@example.cn")
            for i in range(3)
        ],
        Building: lambda: [
            Building(
                park=park,
                zone=zone,
                code=f"W-{i}",
                name=f"写入楼{i}",
                form="standard",
                floors=5,
                structure="concrete",
                total_floor_m2=Decimal(30000),
                available_floor_m2=Decimal("10000.5"),
                latitude=28.6412 + i / 1000,
                longitude=121.2734,
                suitability=["gmp", "food"][: i % 3],
            )
            for i in range(3)
        ],
        Project: lambda: [
            Project(
                park=park,
                name=f"写入项目{i}",
                investor_name=f"写入投资{i}有限公司",
                planned_investment=Decimal(100_000_000),
                stage_since=dt.date(2024, 1, 10),
                owner=user,
            )
            for i in range(3)
        ],
    }


@pytest.mark.parametrize("model", [Enterprise, IndicatorYear, Contact, Building, Project])
def test_created_rows_and_their_history_are_simple_historys(world, model):
    user = world.users["park_admin"]
    build = _cases(world)[model]
    library, ours = _both(
        model,
        build,
        lambda objs: create_with_history(objs, model, user=user),
        lambda objs: bulk_create_with_history(objs, model, default_user=user),
    )
    assert ours == library
    rows, records = ours
    assert len(rows) == len(records) == len(build())
    assert {r["history_type"] for r in records} == {"+"}
    assert {r["history_user_id"] for r in records} == {user.pk}


@pytest.mark.parametrize("model", [Enterprise, IndicatorYear, Building])
def test_updated_rows_and_their_history_are_simple_historys(world, model):
    user = world.users["park_admin"]
    with transaction.atomic():
        objs = _cases(world)[model]()
        bulk_create_with_history(objs, model)
    ids = [obj.pk for obj in objs]
    changes = {
        Enterprise: {"name": "上海改名有限公司", "registered_capital": Decimal("7.25")},
        IndicatorYear: {"tax_paid": Decimal("1.5"), "employees": None},
        Building: {"suitability": ["heavy"], "latitude": 29.0},
    }[model]

    def build():
        found = list(model.objects.filter(pk__in=ids).order_by("pk"))
        for i, obj in enumerate(found):
            for name, value in changes.items():
                setattr(obj, name, value if i % 2 else getattr(obj, name))
        return found

    library, ours = _both(
        model,
        build,
        lambda objs: update_with_history(objs, model, list(changes), user=user),
        lambda objs: bulk_update_with_history(objs, model, list(changes), default_user=user),
    )
    assert ours == library
    rows, records = ours
    assert len(rows) == len(ids)
    assert [r["history_type"] for r in records] == ["+"] * len(ids) + ["~"] * len(ids)


@pytest.mark.parametrize("user", [None, "park_admin"])
def test_what_an_object_says_of_its_own_history_is_kept(world, user):
    """simple_history takes `_history_user`, `_history_date` and `_change_reason` from the
    object before the defaults; so does the bulk writer, beside an object that names none."""
    user = world.users.get(user)
    other = world.users["steward"]
    when = dt.datetime(2024, 3, 31, 8, 0, tzinfo=dt.UTC)

    def build():
        objs = [
            IndicatorYear(enterprise=world.firm_a1, year=year) for year in (2016, 2017, 2018, 2019)
        ]
        objs[0]._history_user = other
        objs[1]._history_date = when
        objs[2]._change_reason = "统计局修订"
        return objs

    outcomes = []
    for write in (
        lambda objs: bulk_create_with_history(objs, IndicatorYear, default_user=user),
        lambda objs: create_with_history(objs, IndicatorYear, user=user),
    ):
        with transaction.atomic():
            objs = build()
            write(objs)
            records = IndicatorYear.history.filter(id__in=[o.pk for o in objs])
            outcomes.append(
                list(
                    records.order_by("history_id").values_list(
                        "history_user_id", "history_change_reason", "year"
                    )
                )
            )
            assert records.get(year=2017).history_date == when
            transaction.set_rollback(True)
    assert outcomes[0] == outcomes[1]
    assert outcomes[1][0][0] == other.pk and outcomes[1][2][1] == "统计局修订"
    assert outcomes[1][3] == (user.pk if user else None, None, 2019)


def test_a_key_is_never_given_twice(world):
    """A deleted row's key is not reused (SQLite's AUTOINCREMENT, PostgreSQL's sequence): the
    history of a row that was removed must not read as the history of a new one."""
    first = IndicatorYear(enterprise=world.firm_a1, year=2010)
    create_with_history([first], IndicatorYear)
    taken = first.pk
    first.delete()
    second = IndicatorYear(enterprise=world.firm_a1, year=2010)
    create_with_history([second], IndicatorYear)
    assert second.pk > taken
    later = IndicatorYear.objects.create(enterprise=world.firm_a1, year=2011)
    assert later.pk > second.pk  # the ORM's own inserts go on after the keys taken


def test_every_import_is_written_by_the_bulk_path():
    """A model the bulk writer does not cover falls back to simple_history, correct but ten
    times slower: a change that makes an import's model such is noticed here."""
    assert [spec.slug for spec in registry.values() if not _covered(spec.model)] == []


PREPARED_SAMPLES = [None, 0, 7, 2**40, "", "滨湾", "12", Decimal("0"), Decimal("-3.5")]
PREPARED_SAMPLES += [Decimal("123456.789"), Decimal("1E+3"), 1.25, True, dt.date(2024, 3, 31)]


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime")
@pytest.mark.parametrize("spec", registry.values(), ids=lambda spec: spec.slug)
def test_each_value_is_prepared_as_its_field_prepares_it(spec):
    """The writer's shortcut for the values an import holds gives what the field's own
    `get_db_prep_save` gives, for every column of every importable model and its history."""
    for model in (spec.model, spec.model.history.model):
        for field in model._meta.concrete_fields:
            prepare = _preparer(field, connection)
            for value in PREPARED_SAMPLES:
                try:
                    expected = field.get_db_prep_save(value, connection)
                except (TypeError, ValueError, ArithmeticError, ValidationError) as exc:
                    with pytest.raises(type(exc)):
                        prepare(value)
                    continue
                got = prepare(value)
                assert (type(got), repr(got)) == (type(expected), repr(expected)), (field, value)


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime")
@pytest.mark.parametrize("spec", registry.values(), ids=lambda spec: spec.slug)
def test_a_column_of_values_is_prepared_as_each_value_is(spec):
    """A column prepared at once (a decimal column of finite Decimals and Nones, an integer or
    key column of ints and Nones, is passed whole) holds what the field's `get_db_prep_save`
    gives each value: of the same type for SQLite's executemany, the same text for
    PostgreSQL's COPY (which writes a plain int as psycopg's Int4 of it)."""
    decimals = [Decimal("0"), None, Decimal("-3.5"), Decimal("123456.789"), Decimal("1E+3")]
    ints = [0, None, 7, -3, 2**40]
    columns = [[v, v] for v in PREPARED_SAMPLES]
    columns += [decimals, [*decimals, Decimal("NaN")], [*decimals, 7], [None, None]]
    columns += [ints, [*ints, True], [*ints, 1.5], [*ints, "7"], [*ints, Decimal("2")]]
    for model in (spec.model, spec.model.history.model):
        for field in model._meta.concrete_fields:
            prepare = _column_preparer(field, connection)
            for values in columns:
                try:
                    expected = [field.get_db_prep_save(value, connection) for value in values]
                except (TypeError, ValueError, ArithmeticError, ValidationError) as exc:
                    with pytest.raises(type(exc)):
                        prepare(list(values))
                    continue
                got = prepare(list(values))
                assert _as_written(got) == _as_written(expected), (field, values)


def _as_written(values):
    """Each value as the writer's database gets it: its type and digits, psycopg's Int2/Int4/
    Int8 as the int they wrap (COPY, the writer's way on PostgreSQL, sends the same text)."""
    from psycopg.adapt import PyFormat, Transformer
    from psycopg.types.numeric import Int2, Int4, Int8

    wrappers = (Int2, Int4, Int8)
    text = Transformer().get_dumper(Int4(7), PyFormat.TEXT).dump
    assert text(Int4(7)) == Transformer().get_dumper(7, PyFormat.TEXT).dump(7) == b"7"
    return [(int, repr(int(v))) if type(v) in wrappers else (type(v), repr(v)) for v in values]


def test_an_unsaved_related_object_is_refused_as_bulk_create_refuses(world):
    """Rows that hold their related objects are checked as the ORM checks them: an unsaved
    enterprise would write a row without its firm."""
    unsaved = Enterprise(name="未保存企业", uscc=valid_uscc(99), park=world.park_a)
    with pytest.raises(ValueError, match="unsaved related object 'enterprise'"):
        create_with_history([IndicatorYear(enterprise=unsaved, year=2010)], IndicatorYear)
    saved = IndicatorYear(enterprise=world.firm_a1, year=2010)
    create_with_history([saved], IndicatorYear)
    assert IndicatorYear.objects.get(pk=saved.pk).enterprise_id == world.firm_a1.pk

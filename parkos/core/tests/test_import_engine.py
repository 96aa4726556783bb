"""The import engine through its entities: dry run lists every bad row and writes nothing;
commit writes all rows at once; rollback undoes a batch."""

import re
from decimal import Decimal
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from parkos.core.choices import BatchStatus
from parkos.core.importing import FileError, ImportContext, read_table, registry, validate
from parkos.core.models import AuditAction, AuditEvent, ImportBatch
from parkos.core.services import request_commit, request_rollback, run_batch, start_import
from parkos.enterprises.models import Enterprise, HonourAward, IndicatorMonth, IndicatorYear
from parkos.testing.factories import valid_uscc
from parkos.testing.files import csv_bytes, upload, xlsx_bytes

ENTERPRISE_HEADERS = [
    "企业名称",
    "统一社会信用代码",
    "园区",
    "片区",
    "行业代码",
    "注册资本（万元）",
    "自有土地（亩）",
    "租赁面积（平方米）",
    "规上企业",
    "成立日期",
    "产业集群",
]


def _start(user, entity, name, content):
    return start_import(actor=user, entity=entity, upload=upload(name, content))


def _commit(batch):
    batch.status = BatchStatus.IMPORTING
    batch.save()
    run_batch(batch.pk, "commit")
    batch.refresh_from_db()
    return batch


def test_an_import_runs_without_cyclic_collections_and_turns_the_collector_back_on(world):
    """The collector's repeated walks over the import's live objects cost ~2 s per 100,000
    rows (docs/benchmarks.md): it is off while the batch runs (seen each time the batch is
    saved), makes no full collection at the end, and is on again afterwards."""
    import gc

    from django.db.models.signals import post_save

    rows = [["上海收集器测试有限公司", valid_uscc(1901), "甲园区", "", "C3841"] + [None] * 6]
    headers = ENTERPRISE_HEADERS
    starts, collector_on = [], []

    def seen(phase, info):
        if phase == "start":
            starts.append(info["generation"])

    def saved(sender, instance, **kwargs):
        collector_on.append(gc.isenabled())

    batch = _start(world.users["park_admin"], "enterprises", "f.xlsx", xlsx_bytes(headers, rows))
    assert batch.status == BatchStatus.READY, batch.errors
    batch.status = BatchStatus.IMPORTING
    batch.save()
    gc.callbacks.append(seen)
    post_save.connect(saved, sender=ImportBatch)
    try:
        run_batch(batch.pk, "commit")
    finally:
        gc.callbacks.remove(seen)
        post_save.disconnect(saved, sender=ImportBatch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED
    assert collector_on and not any(collector_on)
    assert 2 not in starts and gc.isenabled()


def test_a_good_enterprise_file_is_checked_then_written(world):
    admin = world.users["park_admin"]
    count = Enterprise.objects.count()
    rows = [
        [
            "上海新锐电池科技有限公司",
            valid_uscc(1001),
            "甲园区",
            "甲一片区",
            "3841",
            500,
            12.5,
            None,
            "是",
            "2019-05-20",
            "生物医药",
        ],
        [
            "上海新锐二号有限公司",
            valid_uscc(1002),
            "甲园区",
            "",
            "C2761",
            None,
            None,
            3333.5,
            "否",
            None,
            "",
        ],
    ]
    batch = _start(
        admin,
        "enterprises",
        "firms.xlsx",
        xlsx_bytes(ENTERPRISE_HEADERS, rows, title_row="2024年企业名录"),
    )
    assert batch.status == BatchStatus.READY, batch.errors
    assert (batch.rows_total, batch.created_count, batch.updated_count) == (2, 2, 0)
    assert Enterprise.objects.count() == count  # a dry run writes nothing
    batch = _commit(batch)
    assert batch.status == BatchStatus.COMMITTED
    firm = Enterprise.objects.get(uscc=valid_uscc(1001))
    assert firm.industry_id == "C3841"
    assert firm.registered_capital == Decimal("5000000")  # 500 万元 in yuan
    assert firm.own_land_mu == Decimal("12.5") and firm.is_above_scale
    assert firm.zone == world.zone_a1 and [c.name for c in firm.clusters.all()] == ["生物医药"]
    assert firm.batch == batch and firm.history.get().history_user == admin
    other = Enterprise.objects.get(uscc=valid_uscc(1002))
    assert other.rented_floor_m2 == Decimal("3333.5") and other.zone is None


def test_every_bad_cell_is_listed_and_nothing_is_written(world):
    admin = world.users["park_admin"]
    good = valid_uscc(2001)
    wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    rows = [
        [
            "上海好企业有限公司",
            valid_uscc(2002),
            "甲园区",
            "",
            "C3841",
            100,
            1,
            0,
            "是",
            "",
            "",
        ],  # row 2 fine
        ["上海校验位错有限公司", wrong_check, "甲园区", "", "C3841", 100, 1, 0, "是", "", ""],
        ["上海行业错有限公司", valid_uscc(2003), "甲园区", "", "C9999", 100, 1, 0, "是", "", ""],
        [
            "上海片区错有限公司",
            valid_uscc(2004),
            "甲园区",
            "不存在片区",
            "C3841",
            100,
            1,
            0,
            "是",
            "",
            "",
        ],
        ["上海数字错有限公司", valid_uscc(2005), "甲园区", "", "C3841", "一百", 1, 0, "是", "", ""],
        ["上海负数有限公司", valid_uscc(2006), "甲园区", "", "C3841", 100, -3, 0, "是", "", ""],
        ["上海重复有限公司", valid_uscc(2002), "甲园区", "", "C3841", 100, 1, 0, "是", "", ""],
        ["上海越权有限公司", valid_uscc(2007), "乙园区", "", "C3841", 100, 1, 0, "是", "", ""],
        ["", valid_uscc(2008), "甲园区", "", "C3841", 100, 1, 0, "是", "", ""],
        [
            "上海日期错有限公司",
            valid_uscc(2009),
            "甲园区",
            "",
            "C3841",
            100,
            1,
            0,
            "也许",
            "2019-13-45",
            "",
        ],
    ]
    before = Enterprise.objects.count()
    batch = _start(admin, "enterprises", "bad.xlsx", xlsx_bytes(ENTERPRISE_HEADERS, rows))
    assert batch.status == BatchStatus.INVALID
    found = {(e["row"], e["column"]) for e in batch.errors}
    assert found == {
        (3, "统一社会信用代码"),
        (4, "行业代码"),
        (5, "片区"),
        (6, "注册资本（万元）"),
        (7, "自有土地（亩）"),
        (8, ""),
        (9, "园区"),
        (10, "企业名称"),
        (11, "规上企业"),
        (11, "成立日期"),
    }
    check_message = next(e["message"] for e in batch.errors if e["row"] == 3)
    assert good[-1] in check_message
    duplicate = next(e["message"] for e in batch.errors if e["row"] == 8)
    assert "2" in duplicate  # names the first row
    assert Enterprise.objects.count() == before
    with pytest.raises(ValidationError, match="没有错误的文件才能导入"):
        request_commit(actor=admin, batch=batch)
    assert Enterprise.objects.count() == before


def test_missing_required_columns_and_unknown_units_are_file_errors(world):
    content = csv_bytes(["企业名称", "注册资本（美元）", "备注"], [["上海某某有限公司", 1, "x"]])
    batch = _start(world.users["park_admin"], "enterprises", "firms.csv", content)
    messages = {(e["column"], e["message"]) for e in batch.errors}
    assert any(col == "注册资本（美元）" and "美元" in msg for col, msg in messages)
    assert any(col == "统一社会信用代码" for col, _ in messages)
    assert any(col == "园区" for col, _ in messages)
    assert "备注" in batch.message  # an unused column is a warning, not an error


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_csv_in_utf8_and_gbk(world, encoding):
    rows = [
        [
            "上海编码测试有限公司",
            valid_uscc(3001),
            "甲园区",
            "",
            "C3841",
            "1,200",
            "8",
            "",
            "是",
            "2020/1/5",
            "",
        ]
    ]
    batch = _start(
        world.users["park_admin"],
        "enterprises",
        "firms.csv",
        csv_bytes(ENTERPRISE_HEADERS, rows, encoding),
    )
    assert batch.status == BatchStatus.READY, batch.errors
    _commit(batch)
    firm = Enterprise.objects.get(uscc=valid_uscc(3001))
    assert firm.name == "上海编码测试有限公司" and firm.registered_capital == Decimal("12000000")


def test_an_enterprise_of_another_park_cannot_be_touched(world):
    rows = [[world.firm_b.name, world.firm_b.uscc, "甲园区", "", "C3841", 1, 1, 0, "是", "", ""]]
    batch = _start(
        world.users["park_admin"], "enterprises", "x.xlsx", xlsx_bytes(ENTERPRISE_HEADERS, rows)
    )
    assert batch.status == BatchStatus.INVALID
    assert batch.errors[0]["column"] == "统一社会信用代码"
    world.firm_b.refresh_from_db()
    assert world.firm_b.park == world.park_b


YEAR_HEADERS = [
    "统一社会信用代码",
    "企业名称",
    "年份",
    "产值（万元）",
    "税收（亿元）",
    "综合能耗（吨标准煤）",
    "从业人员（人）",
]


def test_yearly_figures_update_and_roll_back(world):
    admin = world.users["park_admin"]
    old_tax = IndicatorYear.objects.get(enterprise=world.firm_a1, year=2024).tax_paid
    rows = [
        [world.firm_a1.uscc, world.firm_a1.name, 2024, 1500, 0.5, 300, 120],  # update
        [world.firm_a2.uscc, world.firm_a2.name, 2022, 800, 0.1, "", 60],  # new
    ]
    batch = _commit(_start(admin, "indicator-years", "y.xlsx", xlsx_bytes(YEAR_HEADERS, rows)))
    assert (batch.created_count, batch.updated_count) == (1, 1)
    updated = IndicatorYear.objects.get(enterprise=world.firm_a1, year=2024)
    assert updated.tax_paid == Decimal("50000000") and updated.output_value == Decimal("15000000")
    assert updated.employees == 120 and updated.energy_tce == Decimal("300")
    request_rollback(actor=admin, batch=batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.ROLLED_BACK
    assert IndicatorYear.objects.get(enterprise=world.firm_a1, year=2024).tax_paid == old_tax
    assert not IndicatorYear.objects.filter(enterprise=world.firm_a2, year=2022).exists()


def test_rollback_restores_only_the_fields_the_import_changed(world):
    """Load test (security issue, part 7): restoring every field of 2,500 monthly rows wrote one
    CASE per field and row and held the request 7–20 s; only what the batch changed is written
    back now, and the rows come back whole."""
    admin = world.users["park_admin"]
    before = IndicatorYear.objects.get(enterprise=world.firm_a1, year=2024)
    versions = before.history.count()
    rows = [[world.firm_a1.uscc, "", 2024, 12.5]]
    headers = ["统一社会信用代码", "企业名称", "年份", "税收（万元）"]
    batch = _commit(_start(admin, "indicator-years", "y.xlsx", xlsx_bytes(headers, rows)))
    with CaptureQueriesContext(connection) as queries:
        request_rollback(actor=admin, batch=batch)
    table = IndicatorYear._meta.db_table
    updates = [q["sql"] for q in queries if q["sql"].startswith(f'UPDATE "{table}"')]
    assert len(updates) == 1
    assert set(re.findall(r'(?:SET |, )"(\w+)" = ', updates[0])) == {"tax_paid", "batch_id"}
    after = IndicatorYear.objects.get(pk=before.pk)
    fields = [f.attname for f in IndicatorYear._meta.concrete_fields]
    assert [getattr(after, f) for f in fields] == [getattr(before, f) for f in fields]
    assert after.history.count() == versions + 2  # the import's version, the rollback's


def test_rollback_is_refused_when_rows_changed_since(world):
    admin = world.users["park_admin"]
    rows = [[world.firm_a1.uscc, "", 2024, 1500, 0.5, 300, 120]]
    batch = _commit(_start(admin, "indicator-years", "y.xlsx", xlsx_bytes(YEAR_HEADERS, rows)))
    record = IndicatorYear.objects.get(enterprise=world.firm_a1, year=2024)
    record.employees = 130
    record.save()
    with pytest.raises(ValidationError, match="1"):
        request_rollback(actor=admin, batch=batch)
    record.refresh_from_db()
    assert record.employees == 130


def test_rollback_of_enterprises_keeps_firms_that_since_got_figures(world):
    admin = world.users["park_admin"]
    rows = [
        ["上海回滚测试有限公司", valid_uscc(4001), "甲园区", "", "C3841", 1, 1, 0, "是", "", ""]
    ]
    batch = _commit(_start(admin, "enterprises", "e.xlsx", xlsx_bytes(ENTERPRISE_HEADERS, rows)))
    firm = Enterprise.objects.get(uscc=valid_uscc(4001))
    IndicatorYear.objects.create(enterprise=firm, year=2024, tax_paid=1)
    with pytest.raises(ValidationError):
        request_rollback(actor=admin, batch=batch)
    assert Enterprise.objects.filter(pk=firm.pk).exists()


def test_monthly_figures_check_the_month(world):
    headers = ["统一社会信用代码", "年份", "月份", "税收（万元）"]
    rows = [
        [world.firm_a1.uscc, 2024, 13, 5],
        [world.firm_a1.uscc, 2024, 7, 5],
        [valid_uscc(9), 2024, 7, 5],
    ]
    batch = _start(world.users["park_admin"], "indicator-months", "m.csv", csv_bytes(headers, rows))
    assert {(e["row"], e["column"]) for e in batch.errors} == {(2, "月份"), (4, "统一社会信用代码")}
    assert not IndicatorMonth.objects.filter(year=2024, month=7).exists()


def test_honour_awards_need_the_level_when_a_name_has_several(world):
    headers = ["统一社会信用代码", "荣誉名称", "级别", "年度", "状态"]
    rows = [
        [world.firm_a1.uscc, "科技小巨人企业", "", 2024, "已认定"],
        [world.firm_a1.uscc, "科技小巨人企业", "区级", 2024, "推荐申报"],
        [world.firm_a1.uscc, "诺贝尔奖", "", 2024, ""],
    ]
    batch = _start(world.users["park_admin"], "honour-awards", "h.xlsx", xlsx_bytes(headers, rows))
    assert {(e["row"], e["column"]) for e in batch.errors} == {(2, "级别"), (4, "荣誉名称")}
    ok = _start(
        world.users["park_admin"], "honour-awards", "h.xlsx", xlsx_bytes(headers, rows[1:2])
    )
    _commit(ok)
    award = HonourAward.objects.get(enterprise=world.firm_a1, honour_type__name="科技小巨人企业")
    assert award.honour_type.level == "district" and award.status == "recommended"


def test_large_files_go_to_the_background_worker(
    world, settings, django_capture_on_commit_callbacks
):
    settings.PARKOS_IMPORT_BACKGROUND_ROWS = 2
    rows = [[world.firm_a1.uscc, "", year, 1, 0.01, 1, 1] for year in (2019, 2020, 2021)]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        batch = _start(
            world.users["park_admin"], "indicator-years", "y.xlsx", xlsx_bytes(YEAR_HEADERS, rows)
        )
    assert len(callbacks) == 1  # enqueued, not run in the request
    batch.refresh_from_db()
    assert batch.status == BatchStatus.READY and batch.rows_done == 3


def _large_committed_batch(world, settings):
    """A committed yearly-figures batch that counts as large (more rows than the threshold)."""
    rows = [[world.firm_a1.uscc, "", year, 1500, 0.5, 300, 120] for year in (2022, 2023, 2024)]
    batch = _commit(
        _start(
            world.users["park_admin"], "indicator-years", "y.xlsx", xlsx_bytes(YEAR_HEADERS, rows)
        )
    )
    settings.PARKOS_IMPORT_BACKGROUND_ROWS = 2
    return batch


def test_large_rollbacks_go_to_the_background_worker(
    world, settings, django_capture_on_commit_callbacks
):
    """Load test (security issue, part 7): a rollback ran in the request whatever its size; a
    district's file outlasts gunicorn's 30 s timeout there. Like the check and the commit, a
    large one now runs on the worker, the batch showing it meanwhile."""
    admin = world.users["park_admin"]
    old_tax = IndicatorYear.objects.get(enterprise=world.firm_a1, year=2024).tax_paid
    batch = _large_committed_batch(world, settings)
    with django_capture_on_commit_callbacks() as callbacks:
        assert request_rollback(actor=admin, batch=batch) is False
    batch.refresh_from_db()
    assert batch.status == BatchStatus.ROLLING_BACK and batch.is_running
    assert IndicatorYear.objects.get(enterprise=world.firm_a1, year=2024).tax_paid != old_tax
    assert len(callbacks) == 1
    callbacks[0]()  # the worker takes the task (run at once by the tests' task backend)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.ROLLED_BACK and batch.rolled_back_at
    assert IndicatorYear.objects.get(enterprise=world.firm_a1, year=2024).tax_paid == old_tax
    event = AuditEvent.objects.get(action=AuditAction.ROLLBACK)
    assert event.user == admin and event.object_id == str(batch.pk)


def test_a_refused_background_rollback_leaves_the_batch_imported_and_says_why(
    world, settings, django_capture_on_commit_callbacks
):
    batch = _large_committed_batch(world, settings)
    record = IndicatorYear.objects.get(enterprise=world.firm_a1, year=2024)
    record.employees = 130
    record.save()
    with django_capture_on_commit_callbacks(execute=True):
        request_rollback(actor=world.users["park_admin"], batch=batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED and "1" in batch.message
    record.refresh_from_db()
    assert record.employees == 130


def test_the_size_limit_is_enforced(world, settings):
    settings.PARKOS_IMPORT_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="MB"):
        _start(world.users["park_admin"], "enterprises", "big.csv", b"x" * 200)
    assert not ImportBatch.objects.exists()


def test_every_entity_reads_its_own_template(world):
    from parkos.core.exports import write_xlsx
    from parkos.core.importing.template import template_sheets

    for slug, spec in registry.items():
        sheets = template_sheets(spec)
        table = read_table("t.xlsx", write_xlsx(sheets[:1]))
        plan = validate(spec, table, ImportContext(world.users["district_admin"]))
        assert plan.ok and plan.rows_total == 0, (slug, plan.errors)


CELL_SAMPLES = [None, "", "  ", 0, 7, -3, 2.5, -2.5, 1e15, 2010.0, float("inf"), True, "12", " 12 "]
CELL_SAMPLES += [
    "1,234.5",
    "１２",
    "1e3",
    "nan",
    "-0",
    "abc",
    "2024-03-31",
    "是",
    "91310000MA1K",
    "长" * 300,
    "3.0",
    "+5",
    "1_000",
    -0.0,
    "-1",
    2**60,
    float("nan"),
    "٣",
    " 12\u3000",
    1e300,
    1e12,
    99999999999.99,
    "40000",
    2**31,
    "12.0000000000000000000000000049",
    999999.996,
    "99999999.995",
    "0.001",
]


@pytest.mark.parametrize("spec", registry.values(), ids=lambda spec: spec.slug)
def test_a_column_reads_each_cell_as_the_cell_rules_read_it(spec):
    """A column's reader, which looks at its kind once, keeps or refuses every cell as
    `clean_cell` does, with the same message; the second reading of a text (a USCC in each
    row of its firm) too."""
    from parkos.core.importing.columns import CellError, cell_reader, clean_cell

    def outcome(read, value):
        try:
            result = read(value)
        except CellError as exc:
            return "refused", str(exc)
        return type(result), repr(result)

    for column in spec.columns:
        for factor in (Decimal(1), Decimal(10000)):
            limits = column.limits(spec.model)  # as the engine reads it
            read = cell_reader(column, factor, limits)
            by_rule = partial(clean_cell, column, factor=factor, limits=limits)
            for value in CELL_SAMPLES * 2:
                expected = outcome(by_rule, value)
                assert outcome(read, value) == expected, (column.header, factor, value)


PLAIN_FLOATS = [2.5, 2010.0, 1e12, 999999.996, 0.001, 7.0]
PLAIN_TEXTS = ["12", " 12 ", "1e3", "3.0", "+5", "1_000", "٣", " 12\u3000", "40000", "0.001"]
PLAIN_TEXTS += ["12.0000000000000000000000000049", "99999999.995"]


@pytest.mark.parametrize("spec", registry.values(), ids=lambda spec: spec.slug)
def test_a_whole_column_is_read_as_its_cells_are(spec):
    """A column read at once (a plain file's way) gives each cell's value as `clean_cell`
    does, with the same type and digits, or refuses the column with the message of its first
    refused cell: columns of one sample, of all the floats, of all the texts, of plain floats
    and texts (the short way), and of repeated cells."""
    from parkos.core.importing.columns import CellError, clean_cell, column_reader

    def outcome(read, cells):
        try:
            return [(type(value), repr(value)) for value in read(list(cells))]
        except CellError as exc:
            return "refused", str(exc)

    floats = [v for v in CELL_SAMPLES if type(v) is float]
    texts = [v for v in CELL_SAMPLES if type(v) is str]
    columns = [[v, v, v] for v in CELL_SAMPLES] + [floats, texts, PLAIN_FLOATS, PLAIN_TEXTS]
    # Repeated cells (read once each): equal floats of two signs, texts in both orders.
    columns += [[0.0, -0.0, 2010.0, 2010.0, -0.0], texts + texts[::-1], [7, 7, -3, 2**60, -3]]
    columns += [[" -0 ", "2.5"], ["-2.5", "7"], ["-0.0", "-1e20"]]  # signs, sizes
    for column in spec.columns:
        for factor in (Decimal(1), Decimal(10000)):
            limits = column.limits(spec.model)
            read_all = column_reader(column, factor, limits)

            def by_rule(cells, column=column, factor=factor, limits=limits):
                return [clean_cell(column, value, factor, limits) for value in cells]

            for cells in columns:
                expected = outcome(by_rule, cells)
                assert outcome(read_all, cells) == expected, (column.header, factor, cells)


@pytest.mark.parametrize("spec", registry.values(), ids=lambda spec: spec.slug)
def test_an_instance_built_by_position_is_the_one_built_by_keyword(spec):
    """The engine builds a row's instance by position (the ORM's short way): the same attributes
    as `model(**values)`, the absent fields' defaults included."""
    from parkos.core.importing.engine import _instance_maker

    model = spec.model
    make = _instance_maker(model)
    samples = {
        "DecimalField": Decimal("1.5"),
        "CharField": "x",
        "TextField": "x",
        "DateField": None,
    }
    given = {}
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        kind = field.get_internal_type()
        given[field.attname] = 3 if "Integer" in kind else samples.get(kind)
    half = dict(list(given.items())[::2])
    for values in ({}, given, half):
        built, expected = make(dict(values)), model(**values)
        assert type(built) is model
        assert {k: v for k, v in vars(built).items() if k != "_state"} == {
            k: v for k, v in vars(expected).items() if k != "_state"
        }, values
        assert (built._state.adding, built._state.db, built._state.fields_cache) == (True, None, {})


def test_an_instance_is_built_by_its_init_where_a_receiver_listens(world):
    """A post_init receiver (an image field's dimensions, a library's bookkeeping) runs for the
    import's instances as for any other: the short way is not taken."""
    from django.db.models.signals import post_init

    from parkos.core.importing.engine import _instance_maker

    def mark(sender, instance, **kwargs):
        instance.seen_by_receiver = True

    post_init.connect(mark, sender=IndicatorYear)
    try:
        built = _instance_maker(IndicatorYear)({"year": 2020, "enterprise_id": world.firm_a1.pk})
    finally:
        post_init.disconnect(mark, sender=IndicatorYear)
    assert built.seen_by_receiver and built.year == 2020


def test_a_figure_past_what_its_column_holds_is_refused_not_written(world):
    """产值 of 10¹³ 万元 is 10¹⁷ yuan, past the 16 digits before the point a money column holds:
    PostgreSQL refused the write (a crashed import) and SQLite stored it. Refused in its cell
    now, with the limit in the sheet's unit; an employee count past an integer column's range
    too, on both databases alike."""
    rows = [
        [world.firm_a1.uscc, "", 2019, 10**13, 1, 300, 120],
        [world.firm_a2.uscc, "", 2019, 999_999_999_999.99, 1, 300, 2**31],
    ]
    with translation.override("zh-hans"):
        batch = _start(
            world.users["park_admin"], "indicator-years", "y.xlsx", xlsx_bytes(YEAR_HEADERS, rows)
        )
    assert batch.status == BatchStatus.INVALID
    assert [(e["row"], e["column"], e["message"]) for e in batch.errors] == [
        (2, "产值（万元）", "数值过大：按此列的单位，只收小于 1,000,000,000,000 的数。"),
        (3, "从业人员（人）", "超出范围：此列只收 0 到 2,147,483,647 的数。"),
    ]
    assert not IndicatorYear.objects.filter(year=2019).exists()


def test_a_parse_that_gives_an_object_is_called_for_each_cell():
    """A column read once per distinct cell shares the value between its rows: where a parse
    gives something rows cannot share (a list), each cell gets its own."""
    from parkos.core.importing.columns import Column, column_reader

    read_all = column_reader(Column("范围", "outline", parse=lambda text: [text]), Decimal(1))
    first, second = read_all(["甲", "甲"])
    assert first == second == ["甲"] and first is not second


def test_a_column_not_read_cannot_be_required():
    """Its rows would all be dropped without a word: refused where it is declared."""
    from parkos.core.importing.columns import Column

    with pytest.raises(ValueError, match="must be read"):
        Column("企业名称", "enterprise_name", required=True, read=False)


def test_a_formula_in_a_column_not_read_is_no_problem(world):
    """A name looked up by a formula that was never recalculated sits in a column the import
    does not read: the row is imported, the file read a column at a time."""
    from parkos.core.importing.engine import Plan, _match_columns, _read_by_column, _readers

    spec = registry["indicator-years"]
    table = read_table(
        "y.csv", csv_bytes(YEAR_HEADERS, [[world.firm_a1.uscc, "", 2019, 1, 1, 1, 1]])
    )
    table.formulas = {(2, 1): "stale"}  # 企业名称, as an .xlsx's scan reports it
    mapping, _unit = _match_columns(spec, table, Plan())
    limits = {column.field: column.limits(spec.model) for column in spec.columns}
    required = {column.field for column in spec.columns if column.required}
    cleaned = _read_by_column(table, _readers(mapping, limits), required)
    assert cleaned is not None and cleaned[0][1]["year"] == 2019
    table.formulas = {(2, 2): "stale"}  # 年份: read, so the file goes row by row
    assert _read_by_column(table, _readers(mapping, limits), required) is None


def test_the_name_beside_the_code_is_for_readers_and_not_read(world):
    """企业名称 in a figures file is there for the file's readers, "not checked" as its help
    says: a name of 300 characters or a number does not refuse the row (it did, past 100)."""
    rows = [
        [world.firm_a1.uscc, "长" * 300, 2019, 1, 1, 300, 120],
        [world.firm_a2.uscc, 12345, 2019, 1, 1, 300, 120],
    ]
    batch = _start(
        world.users["park_admin"], "indicator-years", "y.xlsx", xlsx_bytes(YEAR_HEADERS, rows)
    )
    assert batch.status == BatchStatus.READY, batch.errors
    assert batch.created_count == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_file_read_column_by_column_is_read_as_row_by_row(world, fmt):
    """A file without a refused cell is read a column at a time: the same values as the row by
    row reading that reports problems; one refused cell sends the file to that reading."""
    from parkos.core.importing.engine import (
        Plan,
        _match_columns,
        _read_by_column,
        _read_by_row,
        _readers,
    )

    spec = registry["indicator-years"]
    rows = [
        [world.firm_a1.uscc, "甲", 2019, 1234.5, "0.25", None, "120"],
        [world.firm_a2.uscc, "", "2020", "1,234.50", 0, 3.25, 7],
        [world.firm_b.uscc, None, 2021.0, None, "", "1e2", 0],
    ]
    write = csv_bytes if fmt == "csv" else xlsx_bytes

    def read(rows):
        table = read_table(f"y.{fmt}", write(YEAR_HEADERS, rows))
        plan = Plan()
        mapping, unit_column = _match_columns(spec, table, plan)
        limits = {column.field: column.limits(spec.model) for column in spec.columns}
        readers = _readers(mapping, limits)
        required = {column.field for column in spec.columns if column.required}
        by_row = _read_by_row(table, readers, required, unit_column, limits, plan)
        return _read_by_column(table, readers, required), by_row, plan

    def shown(cleaned):  # each value's type and digits, not only its worth
        return [
            (row, {k: (type(v), repr(v)) for k, v in values.items()}) for row, values, _b in cleaned
        ]

    by_column, by_row, plan = read(rows)
    assert plan.ok and len(by_column) == 3
    assert shown(by_column) == shown(by_row)
    assert by_column[1][1]["output_value"] == Decimal("12345000")  # 1,234.50 万元
    plain = [  # every number column of one type: the columns converted whole
        [world.firm_a1.uscc, "甲", 2019, 1234.5, 0.25, 3.25, 120],
        [world.firm_a2.uscc, "乙", 2020, 0.01, 7, 1e3, 7],
    ]
    by_column, by_row, plan = read(plain)
    assert plan.ok and shown(by_column) == shown(by_row)
    by_column, by_row, plan = read([*rows, [world.firm_a1.uscc, "", 2022, "很多", 1, 1, 1]])
    assert by_column is None
    assert [(e["row"], e["column"]) for e in plan.errors] == [(5, "产值（万元）")]


@pytest.mark.parametrize("model", [Enterprise, IndicatorYear, IndicatorMonth, HonourAward])
def test_stored_rows_are_the_rows_the_queryset_gives(world, model):
    """`stored` (an import's `existing` reads the file's stored rows through it) builds the
    instances iterating the queryset builds: the same attributes, a stored state."""
    from parkos.core.importing import stored
    from parkos.core.importing.engine import _init_only_stores

    assert _init_only_stores(model)  # the short way is the one compared
    queryset = model.objects.order_by("pk")
    expected = list(queryset)
    assert expected, f"the world has no {model.__name__}"
    built = stored(queryset)
    assert [type(obj) for obj in built] == [model] * len(expected)
    for obj, same in zip(built, expected, strict=True):
        assert _attributes(obj) == _attributes(same)
        assert (obj._state.adding, obj._state.db) == (False, same._state.db)
    related = stored(queryset.select_related())  # beyond whole rows: iterated as it is
    assert related == expected and all(obj._state.fields_cache for obj in related)


def _attributes(obj):
    """An instance's field values, each with its type and digits (Decimal 1.50 is not 1.5)."""
    return {k: (type(v), repr(v)) for k, v in vars(obj).items() if k != "_state"}


def test_stored_figures_read_a_column_at_a_time_are_the_querysets(world):
    """Stored figures read back by `stored` (SQLite's decimal columns converted a column at a
    time) have the values, types and digits iterating the queryset gives: whole numbers
    (which SQLite keeps as integers), fractions, blanks, and sizes past its 15 digits."""
    from parkos.core.importing import stored

    figures = [  # 产值 (18 digits, 2 places), 综合能耗 (14, 2)
        (Decimal("12345000.00"), Decimal("12")),
        (Decimal("0.10"), None),
        (None, Decimal("0.5")),
        (Decimal("1234567890123.45"), Decimal("123456789012.34")),
        (Decimal("12345678901234.56"), Decimal("999999999999.99")),
        (Decimal("0"), Decimal("0.00")),
        (Decimal("2.675"), Decimal("7")),
        (Decimal("1234567890123456"), Decimal("100000000000")),  # integers past 15 digits
    ]
    for year, (output, energy) in enumerate(figures, 2001):
        IndicatorYear.objects.create(
            enterprise=world.firm_a1, year=year, output_value=output, energy_tce=energy
        )
    for lookup in ({"year__gt": 2000}, {"year__gt": 2000, "output_value__isnull": False}):
        queryset = IndicatorYear.objects.filter(**lookup).order_by("pk")
        expected = list(queryset)
        assert len(expected) >= 6
        assert [_attributes(obj) for obj in stored(queryset)] == list(map(_attributes, expected))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(world, settings):
    """An .xlsx whose parts unpack to far more than any sheet of data is refused as a whole,
    nothing read: neither calamine nor the formula scan inflates it."""
    import io
    import zipfile

    settings.PARKOS_IMPORT_MAX_BYTES = 40_000  # the refusal starts at 50 times that: 2 MB
    content = io.BytesIO()
    with zipfile.ZipFile(content, "a", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/media/padding.bin", b"\0" * 3_000_000)  # 3 MB in about 3 KB
    bomb = xlsx_bytes(YEAR_HEADERS, [[world.firm_a1.uscc, "", 2019, 1, 1, 1, 1]])
    with zipfile.ZipFile(io.BytesIO(bomb)) as sheet, zipfile.ZipFile(content, "a") as book:
        for info in sheet.infolist():
            book.writestr(info, sheet.read(info.filename))
    raw = content.getvalue()
    assert len(raw) < settings.PARKOS_IMPORT_MAX_BYTES
    with translation.override("zh-hans"), pytest.raises(FileError, match="解压后超过 1 MB"):
        read_table("y.xlsx", raw)
    settings.PARKOS_IMPORT_MAX_BYTES = 20 * 2**20
    assert read_table("y.xlsx", raw).rows  # an ordinary limit: read as any workbook


@pytest.mark.parametrize("others", [0, 12], ids=["much of the scope", "a few of many"])
def test_a_firm_outside_the_importers_parks_is_refused_however_it_is_looked_up(world, others):
    """The file's USCCs are looked up in the importer's scope, read whole when the file names
    a good part of it and by USCC when it names a few of many: park A's admin finds A's firm
    and not park B's either way."""
    from parkos.testing.factories import EnterpriseFactory

    EnterpriseFactory.create_batch(others, park=world.park_a, zone=world.zone_a1)
    rows = [
        [world.firm_a1.uscc, "", 2019, 100, 1, 300, 12],
        [world.firm_b.uscc, "", 2019, 100, 1, 300, 12],
    ]
    with translation.override("zh-hans"):
        batch = _start(
            world.users["park_admin"], "indicator-years", "y.xlsx", xlsx_bytes(YEAR_HEADERS, rows)
        )
    assert batch.status == BatchStatus.INVALID
    assert [(e["row"], e["column"], e["value"]) for e in batch.errors] == [
        (3, "统一社会信用代码", world.firm_b.uscc)
    ]

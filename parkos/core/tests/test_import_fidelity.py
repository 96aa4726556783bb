"""Nothing silently wrong: a unit stated anywhere on the sheet is applied or refused, never
ignored; a formula without a trustworthy result is an error, not a 0; every problem of every row
comes out in one pass, in Chinese."""

import io
import re
import zipfile
from decimal import Decimal

import pytest

from parkos.core.importing import ImportContext, read_table, registry, validate
from parkos.enterprises.models import IndicatorYear
from parkos.testing.factories import valid_uscc
from parkos.testing.files import csv_bytes, xlsx_bytes

TITLE = "2024年规模以上工业企业主要指标"


def _plan(world, entity, content, name="sheet.xlsx"):
    return validate(
        registry[entity],
        read_table(name, content),
        ImportContext(world.users["park_admin"]),
    )


def _messages(plan):
    return [(e["row"], e["column"], e["message"]) for e in plan.errors]


def _written(plan):
    return plan.creates + plan.updates


def _revenue_of(world, plan):
    (row,) = _written(plan)
    assert isinstance(row, IndicatorYear) and row.enterprise_id == world.firm_a1.pk
    return row.revenue


@pytest.mark.parametrize(
    ("notes", "header", "stored"),
    [
        (["单位：千元", ["", "", "填报日期：2025-02-10"]], "营业收入", Decimal("125000000")),
        (["金额单位:万元"], "营业收入", Decimal("1250000000")),
        (["计量单位：千元；面积单位：亩"], "营业收入", Decimal("125000000")),
        ([], "营业收入（千元）", Decimal("125000000")),
        ([], "营业收入(单位：千元)", Decimal("125000000")),
        (["单位：万元"], "营业收入（千元）", Decimal("125000000")),  # the header's own wins
    ],
)
def test_a_unit_stated_above_or_in_the_header_is_applied(world, notes, header, stored):
    content = xlsx_bytes(
        ["统一社会信用代码", "企业名称", "年份", header],
        [[world.firm_a1.uscc, world.firm_a1.name, 2024, 125000]],
        title_row=TITLE,
        notes=notes,
    )
    plan = _plan(world, "indicator-years", content)
    assert plan.ok, plan.errors
    assert _revenue_of(world, plan) == stored


def test_a_money_column_with_no_unit_anywhere_is_refused_with_how_to_state_it(world):
    content = csv_bytes(["统一社会信用代码", "年份", "营业收入"], [[world.firm_a1.uscc, 2024, 5]])
    plan = _plan(world, "indicator-years", content, "sheet.csv")
    assert not plan.ok and not _written(plan)
    ((row, column, message),) = _messages(plan)
    assert (row, column) == (1, "营业收入")
    assert "营业收入（万元）" in message and "单位：万元" in message


def test_floor_area_and_headcount_need_no_stated_unit(world):
    content = csv_bytes(["统一社会信用代码", "年份", "从业人员"], [[world.firm_a1.uscc, 2024, 120]])
    plan = _plan(world, "indicator-years", content, "sheet.csv")
    assert plan.ok and _written(plan)[0].employees == 120


@pytest.mark.parametrize(
    ("notes", "says"),
    [
        (["单位：美元"], "美元"),
        (["单位：千元", "金额单位：万元"], "千元"),
    ],
)
def test_an_unknown_or_contradicting_unit_above_the_header_is_refused(world, notes, says):
    content = xlsx_bytes(
        ["统一社会信用代码", "年份", "营业收入"],
        [[world.firm_a1.uscc, 2024, 5]],
        title_row=TITLE,
        notes=notes,
    )
    plan = _plan(world, "indicator-years", content)
    assert not plan.ok and not _written(plan)
    assert any(says in message for _r, _c, message in _messages(plan))


def test_a_unit_column_gives_each_rows_money_unit(world):
    firm_b = world.firm_b
    world.users["park_admin"] = world.users["district_admin"]  # both firms in scope
    content = xlsx_bytes(
        ["统一社会信用代码", "年份", "计量单位", "营业收入", "税收（元）"],
        [
            [world.firm_a1.uscc, 2024, "千元", 7, 9],
            [firm_b.uscc, 2024, "万元", 7, 9],
        ],
    )
    plan = _plan(world, "indicator-years", content)
    assert plan.ok, plan.errors
    stored = {row.enterprise_id: (row.revenue, row.tax_paid) for row in _written(plan)}
    assert stored == {
        world.firm_a1.pk: (Decimal(7000), Decimal(9)),  # the header's own unit is kept
        firm_b.pk: (Decimal(70000), Decimal(9)),
    }


def test_a_blank_or_unknown_unit_in_the_unit_column_names_the_row(world):
    content = xlsx_bytes(
        ["统一社会信用代码", "年份", "单位", "营业收入"],
        [[world.firm_a1.uscc, 2024, "", 7], [world.firm_a1.uscc, 2023, "美元", 7]],
    )
    plan = _plan(world, "indicator-years", content)
    assert [(row, column) for row, column, _m in _messages(plan)] == [(2, "单位"), (3, "单位")]


def test_a_unit_stated_both_above_the_header_and_in_a_column_is_refused(world):
    content = xlsx_bytes(
        ["统一社会信用代码", "年份", "单位", "营业收入"],
        [[world.firm_a1.uscc, 2024, "千元", 7]],
        notes=["单位：千元"],
    )
    plan = _plan(world, "indicator-years", content)
    assert not plan.ok
    assert any("state it once" in m or "只写一处" in m for _r, _c, m in _messages(plan))


def _drop_stored_results(content: bytes) -> bytes:
    """The workbook as a program writes it that stores no result at all for its formulas."""
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"(</f>)<v>[^<]*</v>", rb"\1", data)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b' fullCalcOnLoad="1"', b"")
            target.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize("stored_result", [True, False])
def test_a_formula_without_a_trustworthy_result_is_an_error_not_a_zero(world, stored_result):
    content = xlsx_bytes(
        ["统一社会信用代码", "年份", "营业收入（万元）", "税收（万元）"],
        [[world.firm_a1.uscc, 2024, 100, "=C2*0.1"]],
    )
    if not stored_result:
        content = _drop_stored_results(content)
    plan = _plan(world, "indicator-years", content)
    assert not plan.ok and not _written(plan)
    ((row, column, message),) = _messages(plan)
    assert (row, column) == (2, "税收（万元）")
    assert "Excel" in message and "WPS" in message


def test_a_formula_excel_has_calculated_is_read_as_its_result(world):
    content = xlsx_bytes(
        ["统一社会信用代码", "年份", "营业收入（万元）"], [[world.firm_a1.uscc, 2024, 100]]
    )
    # As Excel saves it: the formula and its result, no request to recalculate.
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data, formulas = re.subn(
                    rb'(<c r="C2"[^>]*>)<v>100</v>', rb"\1<f>50*2</f><v>100</v>", data
                )
                assert formulas == 1
            if item.filename == "xl/workbook.xml":
                data = data.replace(b' fullCalcOnLoad="1"', b"")
            target.writestr(item, data)
    plan = _plan(world, "indicator-years", out.getvalue())
    assert plan.ok, plan.errors
    assert _revenue_of(world, plan) == Decimal(1_000_000)


ONE_ROW_MANY_PROBLEMS = ["企业名称", "统一社会信用代码", "园区", "片区", "行业代码"]
ONE_ROW_MANY_PROBLEMS += ["成立日期", "状态", "产业集群"]


def test_every_problem_of_every_row_comes_out_in_one_pass_in_chinese(world):
    content = xlsx_bytes(
        ONE_ROW_MANY_PROBLEMS,
        [
            [
                "上海一行多错有限公司",
                valid_uscc(4242),
                "甲园区",
                "没有的片区",
                "X9999",
                "去年",
                "operating-ish",
                "没有的集群",
            ],
        ],
    )
    plan = _plan(world, "enterprises", content)
    assert sorted(column for _r, column, _m in _messages(plan)) == sorted(
        ["片区", "行业代码", "成立日期", "状态", "产业集群"]
    )
    (status,) = [m for _r, column, m in _messages(plan) if column == "状态"]
    assert "在营" in status and "operating" not in status.replace("operating-ish", "")


def test_a_missing_column_does_not_hide_the_bad_cells(world):
    content = csv_bytes(["统一社会信用代码", "营业收入（万元）"], [["not-a-code", "abc"]])
    plan = _plan(world, "indicator-years", content, "sheet.csv")
    columns = {column for _r, column, _m in _messages(plan)}
    assert {"年份", "统一社会信用代码", "营业收入（万元）"} <= columns

"""Financing: the declared entities' suites, the demand's steps through actions only, the
partner banks suggested by amount and term, the figures per round summed to the cent, scoping,
the import that writes nothing when a row is bad, and the enterprise filing its own demand."""

import datetime as dt
import io
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from python_calamine import CalamineWorkbook

from parkos.core.models import ImportBatch
from parkos.programmes.financing import actions
from parkos.programmes.financing.entities import (
    financing_demands,
    loan_programmes,
    loan_rounds,
    partner_banks,
)
from parkos.programmes.financing.figures import scoped_round_figures, suggested_banks
from parkos.programmes.financing.models import (
    Bank,
    FinancingDemand,
    LoanProgramme,
    LoanRound,
    PartnerBank,
)
from parkos.programmes.tests import test_events
from parkos.testing.files import xlsx_bytes
from parkos.testing.mixins import EntityTests

_n = itertools.count(1)
TODAY = timezone.localdate()
WAN = Decimal(10_000)

# Programmes, partner banks and rounds: everyone working in the park reads them, as events.
PARK_SEES = test_events.TestEvents.sees


def bank(name=None):
    return Bank.objects.get_or_create(name=name or f"测试银行{next(_n)}")[0]


def programme(park, name=None):
    return LoanProgramme.objects.create(park=park, name=name or f"湾区贷{next(_n)}")


def loan_round(park, number=None, programme_=None, **extra):
    return LoanRound.objects.create(
        programme=programme_ or programme(park),
        number=number or next(_n),
        opens_on=extra.pop("opens_on", TODAY - dt.timedelta(days=10)),
        **extra,
    )


def demand(firm, round_=None, amount=Decimal(5_000_000), term=12, **extra):
    return FinancingDemand.objects.create(
        round=round_ or loan_round(firm.park),
        enterprise=firm,
        amount=amount,
        purpose="购置设备",
        term_months=term,
        **extra,
    )


class TestLoanProgrammes(EntityTests):
    entity = loan_programmes
    sees = PARK_SEES
    import_keys = ("b", "a")

    def owners(self, world):
        return {"a": world.park_a, "b": world.park_b}

    def make(self, world, park):
        return programme(park)

    def form_data(self, world, park):
        return {"park": park.pk, "name": f"科创贷{next(_n)}", "description": ""}


class TestPartnerBanks(TestLoanProgrammes):
    entity = partner_banks

    def make(self, world, park):
        return PartnerBank.objects.create(programme=programme(park), bank=bank())

    def export_marker(self, row):
        return row.bank.name

    def form_data(self, world, park):
        return {
            "programme": programme(park).pk,
            "bank": bank().pk,
            "min_amount": "100",
            "max_amount": "5000",
            "max_term_months": 36,
        }


class TestLoanRounds(TestLoanProgrammes):
    entity = loan_rounds

    def make(self, world, park):
        return loan_round(park)

    def export_marker(self, row):
        return str(row.number)

    def form_data(self, world, park):
        return {
            "programme": programme(park).pk,
            "number": 7,
            "opens_on": f"{TODAY:%Y-%m-%d}",
            "closes_on": "",
        }


class TestFinancingDemands(EntityTests):
    entity = financing_demands

    def make(self, world, firm):
        return demand(firm)

    def form_data(self, world, firm):
        return {
            "round": loan_round(firm.park).pk,
            "enterprise": firm.uscc,
            "amount": "500",
            "purpose": "流动资金",
            "term_months": 12,
            "collateral": "credit",
            "preferred_bank": "",
        }

    def import_file(self, world, firm):
        round_ = loan_round(firm.park)
        return (
            ["统一社会信用代码", "融资项目", "轮次", "融资金额（万元）", "用途", "期限（月）"],
            [[firm.uscc, round_.programme.name, f"第{round_.number}轮", 800, "扩产", 24]],
        )


# The steps of a demand: only through the actions ----------------------------------------


@pytest.fixture
def round7(world):
    r = loan_round(world.park_a, number=7, programme_=programme(world.park_a, "湾区贷"))
    for name, low, high, term in (
        ("工商银行", None, 10_000_000, 36),
        ("建设银行", 5_000_000, None, 60),
    ):
        PartnerBank.objects.create(
            programme=r.programme,
            bank=bank(name),
            min_amount=low and Decimal(low),
            max_amount=high and Decimal(high),
            max_term_months=term,
        )
    return r


def test_a_demand_moves_only_along_its_steps(world, round7):
    admin = world.users["park_admin"]
    d = demand(world.firm_a1, round7)
    with pytest.raises(ValidationError, match="不能变为"):
        actions.grant(d, Decimal(1_000_000), TODAY, actor=admin)
    d = actions.match(d, Bank.objects.get(name="工商银行"), actor=admin)
    assert d.status == "matched" and d.bank.name == "工商银行"
    d = actions.grant(d, Decimal("3000000.05"), TODAY, actor=admin)
    assert (d.status, d.granted_amount, d.granted_on) == ("granted", Decimal("3000000.05"), TODAY)
    with pytest.raises(ValidationError):
        actions.decline(d, "资料不全", actor=admin)
    history = d.history.order_by("history_id")
    assert [h.status for h in history] == ["filed", "matched", "granted"]
    assert history.last().history_user == admin


def test_match_takes_only_a_partner_bank_and_staff_only(world, round7):
    d = demand(world.firm_a1, round7)
    with pytest.raises(ValidationError, match="不是"):
        actions.match(d, bank("外地银行"), actor=world.users["park_admin"])
    with pytest.raises(PermissionDenied):
        actions.match(d, Bank.objects.get(name="工商银行"), actor=world.users["enterprise"])
    assert FinancingDemand.objects.get(pk=d.pk).status == "filed"


def test_the_form_and_the_api_never_change_the_status(world, client, round7):
    d = demand(world.firm_a1, round7)
    client.force_login(world.users["park_admin"])
    response = client.patch(
        f"/api/v1/programmes/financing/demands/{d.pk}",
        {"status": "granted", "granted_amount": "99999999", "purpose": "研发"},
        content_type="application/json",
    )
    assert response.status_code == 200
    d.refresh_from_db()
    assert (d.status, d.granted_amount, d.purpose) == ("filed", None, "研发")
    actions.match(d, Bank.objects.get(name="工商银行"), actor=None)
    # Once matched, the demand is the bank's: no edit, no withdrawal, on any path.
    response = client.patch(
        f"/api/v1/programmes/financing/demands/{d.pk}",
        {"purpose": "改了"},
        content_type="application/json",
    )
    assert response.status_code == 422 and "不再" in response.json()["detail"]
    page = client.post(f"/programmes/financing/demands/{d.pk}/delete/")
    assert FinancingDemand.objects.filter(pk=d.pk).exists(), page.status_code


def test_the_steps_on_the_page_and_in_the_api(world, client, round7):
    d = demand(world.firm_a1, round7)
    client.force_login(world.users["steward"])
    page = client.get(d.get_absolute_url()).content.decode()
    assert 'id="match-form"' in page and 'id="grant-form"' not in page
    bank_id = Bank.objects.get(name="工商银行").pk
    client.post(f"/programmes/financing/demands/{d.pk}/match/", {"bank": bank_id})
    client.post(
        f"/programmes/financing/demands/{d.pk}/grant/",
        {"granted_amount": "300.5", "granted_on": f"{TODAY:%Y-%m-%d}"},
    )
    d.refresh_from_db()
    assert (d.status, d.granted_amount) == ("granted", Decimal("3005000.00"))
    other = demand(world.firm_a2, round7)
    client.force_login(world.users["park_admin"])
    api = client.post(
        f"/api/v1/programmes/financing/demands/{other.pk}/decline",
        {"declined_reason": "  "},
        content_type="application/json",
    )
    assert api.status_code == 422 and "原因" in api.json()["detail"]
    api = client.post(
        f"/api/v1/programmes/financing/demands/{other.pk}/decline",
        {"declined_reason": "抵押不足"},
        content_type="application/json",
    )
    assert api.status_code == 200 and api.json()["status"] == "declined"
    # The steward of zone A1 does not reach firm A2's demand.
    client.force_login(world.users["steward"])
    assert client.post(f"/programmes/financing/demands/{other.pk}/match/").status_code == 404


def test_banks_are_suggested_by_amount_and_term(world, round7):
    icbc, ccb = Bank.objects.get(name="工商银行"), Bank.objects.get(name="建设银行")
    assert suggested_banks(demand(world.firm_a1, round7, amount=Decimal(2_000_000))) == [icbc]
    big = demand(world.firm_a2, round7, amount=Decimal(20_000_000), term=48)
    assert suggested_banks(big) == [ccb]
    round8 = loan_round(world.park_a, programme_=round7.programme)
    both = demand(world.firm_a1, round8, amount=Decimal(8_000_000), preferred_bank=ccb)
    assert suggested_banks(both) == [ccb, icbc]  # the preferred bank first
    too_long = demand(world.firm_a2, round8, amount=Decimal(8_000_000), term=120)
    assert suggested_banks(too_long) == []


def test_figures_per_round_are_summed_to_the_cent(world, client, round7):
    amounts = [Decimal("0.01"), Decimal("0.02"), Decimal("333333333.33")]
    firms = [world.firm_a1, world.firm_a2]
    for firm, amount in zip(firms, amounts, strict=False):
        demand(firm, round7, amount=amount)
    other = loan_round(world.park_a, programme_=round7.programme)
    demand(world.firm_a1, other, amount=amounts[2])
    d = FinancingDemand.objects.get(round=round7, enterprise=world.firm_a2)
    actions.match(d, Bank.objects.get(name="工商银行"), actor=None)
    actions.grant(d, Decimal("0.01"), TODAY, actor=None)
    rows = {r["round"].pk: r for r in scoped_round_figures(world.users["park_admin"])}
    assert (rows[round7.pk]["firms"], rows[round7.pk]["demanded"]) == (2, Decimal("0.03"))
    assert (rows[round7.pk]["granted_firms"], rows[round7.pk]["granted"]) == (1, Decimal("0.01"))
    assert rows[other.pk]["demanded"] == Decimal("333333333.33")
    # A steward counts its zones' enterprises only (firm A1 in zone A1).
    mine = {r["round"].pk: r for r in scoped_round_figures(world.users["steward"])}
    assert (mine[round7.pk]["firms"], mine[round7.pk]["demanded"]) == (1, Decimal("0.01"))
    client.force_login(world.users["park_admin"])
    page = client.get("/programmes/financing/figures/").content.decode()
    assert "3.33" in page and "33,333.33" in page  # 亿元, and 万元
    book = client.get("/programmes/financing/figures/?export=xlsx")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(book.content)).get_sheet_by_index(0)
    lines = sheet.to_python()
    assert [7, 2, 0.0, 1, 0.0] in [line[1:] for line in lines]


def test_an_enterprise_files_its_own_demand_and_follows_it(world, client, round7):
    client.force_login(world.users["enterprise"])
    form = client.get("/programmes/financing/demands/new/").content.decode()
    assert world.firm_a1.uscc in form
    response = client.post(
        "/programmes/financing/demands/new/",
        {
            "round": round7.pk,
            "enterprise": world.firm_a1.uscc,
            "amount": "1200",
            "purpose": "新建产线",
            "term_months": 36,
            "collateral": "mortgage",
            "preferred_bank": Bank.objects.get(name="建设银行").pk,
        },
    )
    assert response.status_code == 302
    d = FinancingDemand.objects.get(enterprise=world.firm_a1)
    assert (d.amount, d.filed_by, d.status) == (
        Decimal(12_000_000),
        world.users["enterprise"],
        "filed",
    )
    again = client.post(
        "/programmes/financing/demands/new/",
        {
            "round": round7.pk,
            "enterprise": world.firm_a1.uscc,
            "amount": "1",
            "purpose": "x",
            "term_months": 1,
            "collateral": "credit",
        },
    )
    assert "已有" in again.content.decode()
    page = client.get(d.get_absolute_url()).content.decode()
    assert "已提交" in page and "1,200.00 万元" in page and 'id="match-form"' not in page
    assert client.post(f"/programmes/financing/demands/{d.pk}/match/").status_code == 403


def test_a_round_takes_demands_between_its_dates(world, round7):
    closed = loan_round(
        world.park_a, opens_on=TODAY - dt.timedelta(days=60), closes_on=TODAY - dt.timedelta(days=1)
    )
    values = {
        "round": closed,
        "enterprise": world.firm_a1,
        "amount": Decimal(1),
        "purpose": "x",
        "term_months": 6,
    }
    with pytest.raises(ValidationError, match="不受理"):
        actions.save_demand(actor=None, instance=FinancingDemand(), values=values)
    with pytest.raises(ValidationError, match="另一园区"):
        actions.save_demand(
            actor=None,
            instance=FinancingDemand(),
            values={**values, "round": round7, "enterprise": world.firm_b},
        )
    # Filed before the round closed, a demand is still corrected while it is only filed.
    filed = demand(world.firm_a1, closed)
    actions.save_demand(actor=None, instance=filed, values={**values, "purpose": "补充说明"})
    assert FinancingDemand.objects.get(pk=filed.pk).purpose == "补充说明"


def test_an_import_with_a_bad_row_writes_nothing_and_names_each_problem(world, client, round7):
    client.force_login(world.users["park_admin"])
    headers = [
        "统一社会信用代码",
        "融资项目",
        "轮次",
        "融资金额（万元）",
        "用途",
        "期限（月）",
        "意向银行",
    ]
    rows = [
        [world.firm_a1.uscc, "湾区贷", "第七轮", 1500, "扩产", 24, "工商银行"],
        [world.firm_a2.uscc, "湾区贷", "第七轮", -3, "扩产", 400, ""],
        [world.firm_a2.uscc, "湾区贷", "第八轮", 100, "扩产", 12, "外地银行"],
    ]
    upload = SimpleUploadedFile("rows.xlsx", xlsx_bytes(headers, rows))
    client.post("/imports/upload/", {"entity": "financing-demands", "file": upload})
    batch = ImportBatch.objects.latest("pk")
    problems = {(e["row"], e["column"]) for e in batch.errors}
    assert problems == {(3, "融资金额（万元）"), (3, "期限（月）"), (4, "轮次"), (4, "意向银行")}
    client.post(f"/imports/{batch.pk}/commit/")
    assert not FinancingDemand.objects.exists()
    rows[1:] = [[world.firm_a2.uscc, "湾区贷", 7, 2500.5, "研发", 12, "外地银行"]]
    upload = SimpleUploadedFile("rows.xlsx", xlsx_bytes(headers, rows))
    client.post("/imports/upload/", {"entity": "financing-demands", "file": upload})
    batch = ImportBatch.objects.latest("pk")
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "意向银行")]
    rows[1][-1] = "建设银行"
    upload = SimpleUploadedFile("rows.xlsx", xlsx_bytes(headers, rows))
    client.post("/imports/upload/", {"entity": "financing-demands", "file": upload})
    batch = ImportBatch.objects.latest("pk")
    assert batch.error_count == 0, batch.errors
    client.post(f"/imports/{batch.pk}/commit/")
    assert sorted(FinancingDemand.objects.values_list("amount", flat=True)) == [
        Decimal("15000000.00"),
        Decimal("25005000.00"),
    ]

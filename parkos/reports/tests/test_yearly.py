"""The yearly work report: its figures are the dashboard's for the same scope and year, in the
reader's scope; the .docx and .xlsx it writes open and hold them; the command's arguments and
errors; the dashboard's download button and who may use it."""

import datetime as dt
import io
from decimal import Decimal

import docx
import pytest
from django.core.management import CommandError, call_command
from python_calamine import CalamineWorkbook

from parkos.enterprises.choices import AwardStatus
from parkos.enterprises.models import HonourAward, HonourType
from parkos.investment.choices import Stage
from parkos.programmes.financing.models import FinancingDemand, LoanProgramme, LoanRound
from parkos.programmes.models import Attendance, Event, PolicyCall, PolicyProject
from parkos.reports.dashboard import Place, dashboard
from parkos.reports.docx_template import build
from parkos.reports.yearly import as_docx, as_xlsx, sections, system_actor, yearly_report
from parkos.testing.factories import AnnualTargetFactory, ProjectFactory, service_request

YI = Decimal(100_000_000)
WAN = Decimal(10_000)


def _signed(park, amount_yi, event=""):
    project = ProjectFactory(
        park=park, planned_investment=Decimal(amount_yi) * YI, source_event=event
    )
    # Signing is the pipeline's business; the report only reads the signed rows.
    type(project).objects.filter(pk=project.pk).update(
        stage=Stage.SIGNED, signed_on=dt.date(2024, 5, 6)
    )
    return project


def _year_rows(world):
    """2024 rows of every domain the report reads, in park A and in park B."""
    for park, firm, scale in ((world.park_a, world.firm_a1, 1), (world.park_b, world.firm_b, 2)):
        AnnualTargetFactory(park=park, year=2024, signed_investment=10 * scale * YI)
        _signed(park, 3 * scale, "第七届中国国际进口博览会")
        _signed(park, 4 * scale, "赴德国招商")
        _signed(park, 2 * scale)
        for n, kind in enumerate(("salon", "finance_matching")):
            event = Event.objects.create(
                park=park,
                kind=kind,
                title=f"活动{park.pk}-{n}",
                organiser="园区",
                on=dt.date(2024, 3, 1 + n),
            )
            Attendance.objects.create(event=event, enterprise=firm)
        programme = LoanProgramme.objects.create(park=park, name=f"园区贷{park.pk}")
        loan_round = LoanRound.objects.create(
            programme=programme, number=7, opens_on=dt.date(2024, 4, 1)
        )
        FinancingDemand.objects.create(
            round=loan_round,
            enterprise=firm,
            amount=Decimal("7.69") * YI * scale,
            purpose="流动资金",
            term_months=12,
        )
        for n, (status, approved, disbursed) in enumerate(
            (
                ("recommended", None, None),
                ("approved", dt.date(2024, 8, 1), None),
                ("funded", dt.date(2024, 8, 1), dt.date(2024, 10, 1)),
            )
        ):
            call = PolicyCall.objects.create(
                park=park,
                title=f"2024年度技术改造项目{park.pk}-{n}",
                kind="tech_renovation",
                level="district",
                year=2024,
                department="区经委",
                deadline=dt.date(2024, 6, 30),
            )
            PolicyProject.objects.create(
                call=call,
                enterprise=firm,
                status=status,
                approved_on=approved,
                disbursed_on=disbursed,
                approved_amount=Decimal(50) * WAN if approved else None,
            )
        HonourAward.objects.create(
            enterprise=firm,
            honour_type=HonourType.objects.get(name="专精特新中小企业", level="municipal"),
            year=2024,
            status=AwardStatus.RECERTIFIED,
        )
        service_request(firm, received_at=dt.datetime(2024, 3, 4, 10, tzinfo=dt.UTC))


def _sheet(report, key):
    return next(s for s in sections(report) if s["key"] == key)


@pytest.mark.parametrize("role", ["district_admin", "park_admin", "leader_district", "steward"])
def test_the_reports_figures_are_the_dashboards_for_the_same_scope_and_year(world, role):
    _year_rows(world)
    user = world.users[role]
    for park in (None, world.park_a):
        report = yearly_report(user, 2024, park)
        board = dashboard(user, 2024, Place(park=park))
        assert report.board.economy == board.economy
        assert report.board.service == board.service
        assert report.board.programmes == board.programmes
        assert report.board.honours == board.honours
        assert report.board.grades == board.grades
        assert report.board.investment == board.investment
        figures = {f.key: f.value for f in board.programmes}
        # Each breakdown adds up to the dashboard's figure.
        if board.investment is not None:
            assert sum(r["count"] for r in report.signings_by_event) == board.investment.count
            assert (
                sum(r["investment"] for r in report.signings_by_event)
                == board.investment.investment
            )
        if "events" in figures:
            assert sum(r["events"] for r in report.events_by_kind) == figures["events"]
            assert sum(r["attendances"] for r in report.events_by_kind) == figures["attendances"]
        if "financing_demanded" in figures:
            assert sum(r["demanded"] for r in report.rounds) == (figures["financing_demanded"] or 0)
        if "policy_projects" in figures:
            assert sum(r["count"] for r in report.policy_kinds) == figures["policy_projects"]
        for level in board.honours:
            mine = [
                r
                for r in report.honour_types
                if r["honour_type__level"] == level["honour_type__level"]
            ]
            assert sum(r["new"] for r in mine) == level["new"]
            assert sum(r["recertified"] for r in mine) == level["recertified"]
        if board.service:
            received = next(f.value for f in board.service if f.key == "requests")
            assert report.service_total.count == received


def test_a_park_admins_report_has_only_its_park(world):
    _year_rows(world)
    admin = world.users["park_admin"]
    report = yearly_report(admin, 2024)  # "the district" of a park admin is its park
    assert report.board.investment.count == 3
    assert report.board.investment.investment == 9 * YI
    assert [r["round"].programme.park for r in report.rounds] == [world.park_a]
    assert sum(r["demanded"] for r in report.rounds) == Decimal("7.69") * YI
    text = _docx_text(as_docx(report))
    assert world.firm_b.name not in text
    assert "15.38" not in text  # park B's demand
    # The district admin's district report counts both parks.
    district = yearly_report(world.users["district_admin"], 2024)
    assert district.board.investment.count == 6
    assert sum(r["demanded"] for r in district.rounds) == Decimal("7.69") * YI * 3


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_the_docx_opens_and_holds_the_figures(world):
    _year_rows(world)
    report = yearly_report(world.users["district_admin"], 2024, world.park_a)
    text = _docx_text(as_docx(report))
    assert "甲园区" in text
    assert "全年签约项目3个，计划总投资9.00亿元，完成年度目标10.00亿元的90.0%。" in text
    assert "第七届中国国际进口博览会 | 1 | 3.00" in text
    assert "全年举办各类活动2场，服务企业家2人次。" in text
    assert "园区贷" in text and "| 7 | 2024-04-01 | 1 | 7.69 | 0 | 0.00" in text
    assert "专精特新中小企业 | 市级 | 0 | 1" in text
    assert "{{" not in text and "{%" not in text


def test_the_xlsx_has_a_sheet_per_section_with_the_figures(world):
    _year_rows(world)
    report = yearly_report(world.users["district_admin"], 2024, world.park_a)
    book = CalamineWorkbook.from_filelike(io.BytesIO(as_xlsx(report)))
    titles = [s["title"] for s in sections(report)]
    assert book.sheet_names == titles
    investment = book.get_sheet_by_name(_sheet(report, "investment")["title"]).to_python()
    assert investment[2][1:] == [9.0, 10.0, 90.0]
    policy = book.get_sheet_by_name(_sheet(report, "policy")["title"]).to_python()
    # Technical renovation: 3 projects, 1 recommended, 1 approved (立项), 1 funded (拨款).
    assert policy[1][:6] == ["技术改造", 3.0, 1.0, 0.0, 1.0, 1.0]


def test_the_shipped_template_is_what_the_script_writes(tmp_path, world):
    """The template script runs, and a report renders from what it writes."""
    path = tmp_path / "yearly.docx"
    build(path)
    report = yearly_report(world.users["district_admin"], 2024)
    text = _docx_text(as_docx(report, template=path))
    assert "{{" not in text and "一、总体情况" in text


def test_a_restyled_template_in_the_configured_folder_is_used(tmp_path, world, settings):
    document = docx.Document()
    document.add_paragraph("本园区{{ year }}年报告：签约{{ f.projects }}个")
    document.save(tmp_path / "yearly.docx")
    settings.PARKOS_REPORT_TEMPLATE_DIR = str(tmp_path)
    _year_rows(world)
    report = yearly_report(world.users["district_admin"], 2024, world.park_a)
    assert _docx_text(as_docx(report)) == "本园区2024年报告：签约3个"


def test_the_command_writes_a_parks_report(world, tmp_path):
    _year_rows(world)
    out = tmp_path / "report.docx"
    call_command("report", "yearly", "--park", "甲园区", "--year", "2024", "--output", str(out))
    text = _docx_text(out.read_bytes())
    assert "全年签约项目3个" in text
    xlsx = tmp_path / "report.xlsx"
    call_command(
        "report", "yearly", "--park", str(world.park_a.pk), "--year", "2024",
        "--format", "xlsx", "--output", str(xlsx),
    )  # fmt: skip
    assert CalamineWorkbook.from_path(str(xlsx)).sheet_names


def test_the_command_without_a_park_reads_the_district_as_the_system(world, tmp_path):
    _year_rows(world)
    out = tmp_path / "district.docx"
    call_command("report", "yearly", "--year", "2024", "--output", str(out))
    assert "全年签约项目6个" in _docx_text(out.read_bytes())
    assert yearly_report(system_actor(), 2024).board.investment.count == 6


def test_the_command_reads_in_a_users_scope(world, tmp_path):
    _year_rows(world)
    out = tmp_path / "mine.docx"
    call_command(
        "report", "yearly", "--year", "2024", "--user", "parkadmin_a", "--output", str(out)
    )
    assert "全年签约项目3个" in _docx_text(out.read_bytes())
    with pytest.raises(CommandError, match="no park '乙园区'"):
        call_command(
            "report", "yearly", "--park", "乙园区", "--user", "parkadmin_a",
            "--output", str(out),
        )  # fmt: skip


@pytest.mark.parametrize(
    "args,message",
    [
        (["--park", "没有这个园区"], "no park '没有这个园区'"),
        (["--user", "nobody"], "no active user 'nobody'"),
        (["--user", "investment_a"], "may not read the dashboard"),
        (["--year", "1990"], "out of range"),
        (["--output", "/tmp/report.pdf"], "unknown format 'pdf'"),
    ],
)
def test_the_commands_errors_are_clear(world, tmp_path, args, message):
    argv = ["yearly", "--output", str(tmp_path / "r.docx"), *args]
    with pytest.raises(CommandError, match=message):
        call_command("report", *argv)


def test_an_unknown_park_exits_non_zero(world, tmp_path, capsys):
    from django.core.management import ManagementUtility

    utility = ManagementUtility(
        ["manage.py", "report", "yearly", "--park", "nope", "--output", str(tmp_path / "r.docx")]
    )
    with pytest.raises(SystemExit) as stop:
        utility.execute()
    assert stop.value.code != 0
    assert "no park 'nope'" in capsys.readouterr().err
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.parametrize("role", ["district_admin", "park_admin", "leader_park", "steward"])
def test_the_dashboard_offers_the_report_in_the_viewers_scope(world, login, role):
    _year_rows(world)
    client = login(world.users[role])
    page = client.get("/dashboard/", {"year": 2024, "park": world.park_a.pk})
    html = page.content.decode()
    assert 'id="dashboard-report"' in html
    assert f"/dashboard/yearly-report/?year=2024&amp;park={world.park_a.pk}&amp;format=docx" in html
    response = client.get(
        "/dashboard/yearly-report/", {"year": 2024, "park": world.park_a.pk, "format": "docx"}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = _docx_text(response.content)
    assert world.firm_b.name not in text
    xlsx = client.get("/dashboard/yearly-report/", {"year": 2024, "format": "xlsx"})
    assert xlsx.status_code == 200
    assert CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content)).sheet_names


@pytest.mark.parametrize("role", ["investment", "enterprise"])
def test_roles_without_the_dashboard_get_no_report(world, login, role):
    response = login(world.users[role]).get("/dashboard/yearly-report/", {"year": 2024})
    assert response.status_code == 403


def test_a_park_the_viewer_does_not_see_falls_back_to_its_own(world, login):
    _year_rows(world)
    client = login(world.users["park_admin"])
    response = client.get(
        "/dashboard/yearly-report/", {"year": 2024, "park": world.park_b.pk, "format": "docx"}
    )
    text = _docx_text(response.content)
    assert "乙园区" not in text
    assert "全年签约项目3个" in text

"""The pipeline's pages, API and import, as each role meets them."""

import datetime as dt
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from python_calamine import CalamineWorkbook

from parkos.core.services import start_import
from parkos.evaluation.models import AdmissionBar
from parkos.investment.choices import Stage
from parkos.investment.models import Attachment, Project, StageChange
from parkos.testing.factories import AnnualTargetFactory, ProjectFactory
from parkos.testing.files import upload, xlsx_bytes

WAN = Decimal(10_000)
SEES_PROJECTS = {
    "district_admin": {"a", "b"},
    "park_admin": {"a"},
    "investment": {"a"},
    "leader_park": {"a"},
    "leader_district": {"a", "b"},
    "steward": None,  # no access to the pipeline at all
    "enterprise": None,
}
WRITES = {"district_admin", "park_admin", "investment"}


@pytest.fixture
def projects(world):
    return {
        "a": ProjectFactory(park=world.park_a, name="甲园新能源项目", stage=Stage.NEGOTIATING),
        "b": ProjectFactory(park=world.park_b, name="乙园生物医药项目", stage=Stage.NEGOTIATING),
    }


def rows_of(response):
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    return book.get_sheet_by_index(0).to_python()


@pytest.mark.parametrize("role", sorted(SEES_PROJECTS))
@pytest.mark.parametrize(
    "path", ["/investment/", "/investment/projects/", "/api/v1/investment/projects"]
)
def test_lists_and_board_are_scoped(world, projects, client, role, path):
    client.force_login(world.users[role])
    response = client.get(path)
    sees = SEES_PROJECTS[role]
    if sees is None:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    body = response.content.decode()
    for key, project in projects.items():
        assert (project.name in body) == (key in sees), (role, path, key)


@pytest.mark.parametrize("role", sorted(SEES_PROJECTS))
def test_project_pages_answer_404_out_of_scope(world, projects, client, role):
    client.force_login(world.users[role])
    for key, project in projects.items():
        for path in (
            f"/investment/projects/{project.pk}/",
            f"/api/v1/investment/projects/{project.pk}",
        ):
            response = client.get(path)
            sees = SEES_PROJECTS[role]
            expected = 200 if sees and key in sees else (403 if sees is None else 404)
            assert response.status_code == expected, (role, path)


@pytest.mark.parametrize("role", sorted(SEES_PROJECTS))
def test_only_investment_staff_and_admins_move_projects(world, projects, client, role):
    client.force_login(world.users[role])
    project = projects["a"]
    response = client.post(
        f"/api/v1/investment/projects/{project.pk}/stage",
        {"stage": "signed", "on": "2024-03-01"},
        content_type="application/json",
    )
    project.refresh_from_db()
    if role in WRITES:
        assert response.status_code == 200 and project.stage == Stage.SIGNED
    else:
        assert response.status_code == 403 and project.stage == Stage.NEGOTIATING


def test_the_api_says_which_rule_refused_a_move(world, projects, login):
    client = login(world.users["investment"])
    response = client.post(
        f"/api/v1/investment/projects/{projects['a'].pk}/stage",
        {"stage": "lost", "on": "2024-03-01"},
        content_type="application/json",
    )
    assert response.status_code == 422 and "请说明项目流失的原因" in response.json()["detail"]
    response = client.post(
        f"/api/v1/investment/projects/{projects['b'].pk}/stage",
        {"stage": "signed", "on": "2024-03-01"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_creating_a_project_through_the_api_in_yuan(world, login):
    client = login(world.users["investment"])
    response = client.post(
        "/api/v1/investment/projects",
        {
            "name": "接口新建项目",
            "park_id": world.park_a.pk,
            "investor_name": "某某投资有限公司",
            "planned_investment": "250000000",
            "stage": "signed",
            "stage_since": "2024-04-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    project = Project.objects.get(name="接口新建项目")
    assert project.planned_investment == Decimal(250_000_000)
    assert project.signed_on == dt.date(2024, 4, 1) and project.stage_changes.count() == 1
    response = client.post(
        "/api/v1/investment/projects",
        {"name": "越权项目", "park_id": world.park_b.pk, "investor_name": "x"},
        content_type="application/json",
    )
    assert response.status_code == 422 and not Project.objects.filter(name="越权项目").exists()


def test_a_new_project_starts_as_a_lead_in_that_stage_since_today(world, login):
    page = login(world.users["investment"]).get("/investment/projects/new/").content.decode()
    stage_since = re.search(r'<input[^>]*name="stage_since"[^>]*>', page).group(0)
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in stage_since
    assert re.search(r'<option value="lead"[^>]*selected', page)


def test_creating_and_moving_on_the_pages(world, login):
    client = login(world.users["investment"])
    response = client.post(
        "/investment/projects/new/",
        {
            "name": "页面新建项目",
            "park": world.park_a.pk,
            "investor_name": "某某精密有限公司",
            "investor_country": "中国",
            "channel": "expo",
            "planned_investment": "12000",  # 万元
            "stage": "lead",
            "stage_since": "2024-01-05",
            "land_need_mu": "30",
        },
    )
    project = Project.objects.get(name="页面新建项目")
    assert response.status_code == 302
    twin = client.post(
        "/investment/projects/new/",
        {
            "name": "页面新建项目",
            "park": world.park_a.pk,
            "investor_name": "x",
            "stage": "lead",
            "investor_country": "中国",
            "channel": "other",
            "stage_since": "2024-01-05",
        },
    )
    assert (
        "该园区已有同名项目。" in twin.content.decode()
        and project.planned_investment == Decimal(120_000_000)
    )
    page = client.get(project.get_absolute_url()).content.decode().replace(",", "")
    assert "120000000" not in page and "12000.00" in page
    assert "园区尚未设定准入标准。" in page
    response = client.post(
        f"/investment/projects/{project.pk}/move/",
        {"stage": "lost", "on": "2024-02-01", "note": ""},
        follow=True,
    )
    assert "请说明项目流失的原因。" in response.content.decode()
    client.post(
        f"/investment/projects/{project.pk}/move/", {"stage": "negotiating", "on": "2024-02-01"}
    )
    project.refresh_from_db()
    assert project.stage == Stage.NEGOTIATING


def test_a_card_shows_the_project_escaped_with_its_overdue_next_action(world, client):
    owner = world.users["investment"]
    owner.last_name, owner.first_name = "王", "招商"
    owner.save()
    late = ProjectFactory(
        park=world.park_a,
        name='<img src=x onerror="alert(1)">园',
        investor_name="Investor & Sons",
        planned_investment=Decimal("123456789"),
        is_foreign=True,
        land_need_mu=Decimal("30.5"),
        stage=Stage.NEGOTIATING,
        owner=owner,
        next_action_on=dt.date(2000, 1, 3),
    )
    lost = ProjectFactory(park=world.park_a, stage=Stage.LOST, next_action_on=dt.date(2000, 1, 4))
    client.force_login(world.users["district_admin"])
    body = client.get("/investment/").content.decode()
    card = re.search(rf'<article[^>]*data-project="{late.pk}".*?</article>', body, re.S).group()
    assert "<img" not in card and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;园" in card
    assert "Investor &amp; Sons" in card and "12,345.68" in card and 'data-land="30.50"' in card
    assert f'href="/investment/projects/{late.pk}/"' in card and "王招商" in card
    assert '<span class="text-danger fw-semibold">2000-01-03</span>' in card
    # A lost project's old next action is not overdue: nothing is due on it any more.
    lost_card = re.search(rf'data-project="{lost.pk}".*?</article>', body, re.S).group()
    assert '<span class="">2000-01-04</span>' in lost_card and "—" in lost_card


def test_the_project_list_filters_overdue_and_foreign_projects_both_ways(world, client):
    """是 lists the projects that meet the condition, 否 every other one."""
    late = ProjectFactory(
        park=world.park_a, name="逾期外资项目", is_foreign=True, next_action_on=dt.date(2000, 1, 3)
    )
    lost = ProjectFactory(
        park=world.park_a, name="已流失项目", stage=Stage.LOST, next_action_on=dt.date(2000, 1, 3)
    )
    fresh = ProjectFactory(park=world.park_a, name="按期内资项目", next_action_on=None)
    client.force_login(world.users["district_admin"])

    def listed(query):
        body = client.get(f"/investment/projects/?{query}").content.decode()
        return {p.name for p in (late, lost, fresh) if p.name in body}

    assert listed("overdue=true") == {late.name}
    assert listed("overdue=false") == {lost.name, fresh.name}
    assert listed("is_foreign=true") == {late.name}
    assert listed("is_foreign=false") == {lost.name, fresh.name}


def test_the_board_move_redraws_the_board_or_shows_why_not(world, login):
    AdmissionBar.objects.create(
        park=world.park_a,
        investment_per_mu=600 * WAN,
        output_per_mu=800 * WAN,
        tax_per_mu=100 * WAN,
    )
    AnnualTargetFactory(park=world.park_a, year=2024, signed_investment=Decimal(10**9))
    project = ProjectFactory(
        park=world.park_a,
        name="拖动项目",
        stage=Stage.SIGNED,
        signed_on=dt.date(2024, 1, 10),
        land_need_mu=Decimal(10),
        planned_investment=Decimal(5 * 10**8),
        promised_output=Decimal(10 * 500 * WAN),
        promised_tax=Decimal(10 * 120 * WAN),
    )
    client = login(world.users["investment"])
    board = client.get("/investment/?year=2024").content.decode()
    assert "50%" in board and "拖动项目" in board
    response = client.post(
        "/investment/move/?year=2024",
        {"project": project.pk, "stage": "land_acquired", "on": "2024-05-01"},
        HTTP_HX_REQUEST="true",
    )
    assert response["HX-Retarget"] == "#move-errors"
    assert "500.00 &lt; 800.00" in response.content.decode()
    response = client.post(
        "/investment/move/?year=2024",
        {"project": project.pk, "stage": "lost", "on": "2024-05-01", "note": "搬去外省"},
        HTTP_HX_REQUEST="true",
    )
    assert json.loads(response["HX-Trigger"]) == {"projectMoved": project.pk}
    assert 'id="board"' in response.content.decode() and "0%" in response.content.decode()


def test_export_figures_and_drill_down(world, login):
    for month, channel in ((3, "expo"), (3, "referral"), (11, "expo")):
        ProjectFactory(
            park=world.park_a,
            stage=Stage.SIGNED,
            signed_on=dt.date(2024, month, 6),
            stage_since=dt.date(2024, month, 6),
            channel=channel,
            planned_investment=Decimal(2 * 10**8),
        )
    ProjectFactory(park=world.park_b, stage=Stage.SIGNED, signed_on=dt.date(2024, 3, 1))
    client = login(world.users["investment"])
    page = client.get("/investment/figures/?year=2024").content.decode()
    assert "signed_month=3" in page and "channel=expo" in page
    listing = client.get("/investment/projects/?signed_year=2024&signed_month=3&export=xlsx")
    assert len(rows_of(listing)) == 1 + 2
    # The page shows the main columns; the export carries every field.
    assert "来源活动" in rows_of(listing)[0] and "外资（万元）" in rows_of(listing)[0]
    assert "来源活动" not in client.get("/investment/projects/").content.decode()
    expo = client.get("/investment/projects/?signed_year=2024&channel=expo").content.decode()
    assert "共 2 条" in expo
    sheets = CalamineWorkbook.from_filelike(
        io.BytesIO(client.get("/investment/figures/?year=2024&export=xlsx").content)
    )
    months = sheets.get_sheet_by_index(0).to_python()
    assert months[3][1:] == [2.0, 40000.0]  # March: 2 projects, 4 亿 = 40,000 万元
    api = client.get("/api/v1/investment/figures?year=2024").json()
    assert api["months"][2]["count"] == 2 and len(api["channels"]) == 2


def test_the_gauge_follows_the_cluster_filter(world, login):
    from parkos.testing.factories import ClusterFactory

    cluster = ClusterFactory(name="生物医药集群")
    AnnualTargetFactory(park=world.park_a, year=2024, signed_investment=Decimal(10**9))
    AnnualTargetFactory(
        park=world.park_a, year=2024, cluster=cluster, signed_investment=Decimal(4 * 10**8)
    )
    for cluster_of in (cluster, None):
        ProjectFactory(
            park=world.park_a,
            cluster=cluster_of,
            stage=Stage.SIGNED,
            signed_on=dt.date(2024, 5, 1),
            planned_investment=Decimal(3 * 10**8),
        )
    client = login(world.users["park_admin"])
    assert "= 60%" in client.get("/investment/?year=2024").content.decode()
    page = client.get(f"/investment/?year=2024&cluster={cluster.pk}").content.decode()
    assert "= 75%" in page


def test_targets_page_and_permissions(world, login):
    AnnualTargetFactory(park=world.park_a, year=2024, signed_investment=Decimal(153 * 10**8))
    ProjectFactory(
        park=world.park_a,
        stage=Stage.SIGNED,
        signed_on=dt.date(2024, 5, 1),
        planned_investment=Decimal("16987000000"),
    )
    page = login(world.users["investment"]).get("/investment/targets/").content.decode()
    page = page.replace(",", "")
    assert "111.0%" in page and "1530000.00" in page and "1698700.00" in page
    target = world.park_a.targets.get()
    assert f"/investment/targets/{target.pk}/edit/" not in page  # investment staff only read
    assert login(world.users["investment"]).get("/investment/targets/new/").status_code == 403
    client = login(world.users["park_admin"])
    assert (
        f"/investment/targets/{target.pk}/edit/"
        in client.get("/investment/targets/").content.decode()
    )
    response = client.post(
        "/investment/targets/new/",
        {"park": world.park_a.pk, "year": 2024, "signed_investment": "150"},
    )
    assert "该园区本年度已有目标。" in response.content.decode()
    response = client.post(
        "/investment/targets/new/",
        {"park": world.park_a.pk, "year": 2025, "signed_investment": "160"},
    )
    assert response.status_code == 302
    assert world.park_a.targets.get(year=2025).signed_investment == Decimal(160 * 10**8)


def test_attachments_reach_only_staff_in_scope(
    world, projects, login, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = login(world.users["investment"])
    client.post(
        f"/investment/projects/{projects['a'].pk}/attachments/",
        {"file": SimpleUploadedFile("投资协议.pdf", b"%PDF-1.4 test")},
    )
    found = Attachment.objects.get()
    assert found.name == "投资协议.pdf"
    response = client.get(found.get_absolute_url())
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 test"
    other = login(world.users["district_admin"])
    assert other.get(found.get_absolute_url()).status_code == 200
    outsider = ProjectFactory(park=world.park_b)
    client.force_login(world.users["investment"])
    response = client.post(
        f"/investment/projects/{outsider.pk}/attachments/",
        {"file": SimpleUploadedFile("x.pdf", b"%PDF")},
    )
    assert response.status_code == 404
    response = client.post(
        f"/investment/projects/{projects['a'].pk}/attachments/",
        {"file": SimpleUploadedFile("run.exe", b"MZ")},
        follow=True,
    )
    assert Attachment.objects.count() == 1
    # Leaders read but do not remove; investment staff do.
    leader = login(world.users["leader_park"])
    assert leader.get(found.get_absolute_url()).status_code == 200
    assert leader.post(f"/investment/attachments/{found.pk}/delete/").status_code == 403
    client = login(world.users["investment"])
    with django_capture_on_commit_callbacks(execute=True):  # the file goes after the commit
        client.post(f"/investment/attachments/{found.pk}/delete/")
    assert not Attachment.objects.exists() and not list(tmp_path.rglob("*.pdf"))


HEADERS = [
    "园区",
    "项目名称",
    "投资方",
    "来源渠道",
    "计划总投资（亿元）",
    "用地需求（亩）",
    "承诺达产产值（万元）",
    "承诺达产税收（万元）",
    "阶段",
    "阶段日期",
    "流失原因",
    "负责人",
]


def test_import_reports_every_bad_row_and_writes_nothing(world):
    AdmissionBar.objects.create(
        park=world.park_a,
        investment_per_mu=600 * WAN,
        output_per_mu=800 * WAN,
        tax_per_mu=100 * WAN,
    )
    rows = [
        [
            "甲园区",
            "好项目",
            "好投资有限公司",
            "展会",
            3,
            40,
            36000,
            4400,
            "已签约",
            "2024-03-01",
            "",
            "investment_a",
        ],
        ["乙园区", "越权项目", "x", "", 1, "", "", "", "线索", "2024-03-01", "", ""],
        ["甲园区", "流失项目", "y", "", 1, "", "", "", "已流失", "2024-03-01", "", ""],
        ["甲园区", "低效项目", "z", "", 3, 40, 20000, 4400, "已拿地", "2024-03-01", "", ""],
        ["甲园区", "无名负责人", "w", "", 1, "", "", "", "线索", "2024-03-01", "", "nobody"],
        ["甲园区", "好项目", "重复", "", 1, "", "", "", "线索", "2024-03-01", "", ""],
    ]
    batch = start_import(
        actor=world.users["investment"],
        entity="projects",
        upload=upload("p.xlsx", xlsx_bytes(HEADERS, rows)),
    )
    assert [(e["row"], e["column"]) for e in batch.errors] == [
        (3, "园区"),
        (4, "流失原因"),
        (5, "阶段"),
        (6, "负责人"),
        (7, ""),
    ]
    assert "500.00 < 800.00" in batch.errors[2]["message"]
    assert not Project.objects.exists()


def test_import_writes_projects_with_their_timeline(world):
    from parkos.core.choices import BatchStatus
    from parkos.core.services import run_batch

    rows = [
        [
            "甲园区",
            "好项目",
            "好投资有限公司",
            "展会",
            3,
            "",
            "",
            "",
            "已签约",
            "2024-03-01",
            "",
            "investment_a",
        ],
        ["甲园区", "流失项目", "y", "", 1, "", "", "", "已流失", "2024-04-01", "价格", ""],
    ]
    batch = start_import(
        actor=world.users["investment"],
        entity="projects",
        upload=upload("p.xlsx", xlsx_bytes(HEADERS, rows)),
    )
    assert batch.errors == []
    batch.status = BatchStatus.IMPORTING
    batch.save()
    run_batch(batch.pk, "commit")
    good = Project.objects.get(name="好项目")
    assert good.planned_investment == Decimal(3 * 10**8) and good.signed_on == dt.date(2024, 3, 1)
    assert good.owner == world.users["investment"] and good.channel == "expo"
    assert StageChange.objects.filter(project=good, to_stage="signed").exists()
    assert Project.objects.get(name="流失项目").lost_reason == "价格"


def test_reminders_and_promises_pages(world, login):
    today = dt.date.today()
    ProjectFactory(
        park=world.park_a,
        name="逾期项目",
        owner=world.users["investment"],
        next_action="回访投资方",
        next_action_on=today - dt.timedelta(3),
        stage_since=today - dt.timedelta(3),
    )
    page = login(world.users["investment"]).get("/investment/reminders/").content.decode()
    assert "逾期项目" in page and "回访投资方" in page
    board = login(world.users["investment"]).get("/investment/").content.decode()
    assert "你有 1 项下一步工作已逾期" in board
    assert "你有" not in login(world.users["park_admin"]).get("/investment/").content.decode()
    # Promises compare confidential figures: not for investment staff.
    assert login(world.users["investment"]).get("/investment/promises/").status_code == 403
    assert login(world.users["park_admin"]).get("/investment/promises/").status_code == 200


def test_rolling_back_a_project_import_undoes_its_timeline(world):
    from parkos.core.choices import BatchStatus
    from parkos.core.importing import registry, rollback
    from parkos.core.services import run_batch

    project = ProjectFactory(park=world.park_a, name="好项目", stage=Stage.NEGOTIATING)
    rows = [
        ["甲园区", "好项目", "好投资有限公司", "", 3, "", "", "", "已签约", "2024-03-01", "", ""]
    ]
    batch = start_import(
        actor=world.users["investment"],
        entity="projects",
        upload=upload("p.xlsx", xlsx_bytes(HEADERS, rows)),
    )
    batch.status = BatchStatus.IMPORTING
    batch.save()
    run_batch(batch.pk, "commit")
    project.refresh_from_db()
    assert project.stage == Stage.SIGNED
    assert project.stage_changes.last().from_stage == Stage.NEGOTIATING
    batch.refresh_from_db()
    rollback(registry["projects"], batch, world.users["investment"])
    project.refresh_from_db()
    assert project.stage == Stage.NEGOTIATING and project.signed_on is None
    assert [c.to_stage for c in project.stage_changes.all()] == [Stage.NEGOTIATING]


def test_linking_a_project_to_space_of_its_own_park(world, login):
    from parkos.space.tests.test_space import make_building

    project = ProjectFactory(park=world.park_a, floor_need_m2=Decimal(3000))
    ours, theirs = make_building(world.park_a, code="L1"), make_building(world.park_b, code="L2")
    client = login(world.users["investment"])
    url = f"/investment/projects/{project.pk}/link/"
    assert client.post(url, {"building": theirs.pk}).status_code == 404
    response = client.post(url, {}, follow=True)
    assert "请选择要关联的楼宇或地块。" in response.content.decode()
    client.post(url, {"building": ours.pk})
    project.refresh_from_db()
    assert project.building == ours
    assert "L1 厂房" in client.get(project.get_absolute_url()).content.decode()
    project.enterprise = world.firm_a1
    project.save()
    edit = client.get(f"/investment/projects/{project.pk}/edit/").content.decode()
    assert f'name="enterprise" value="{world.firm_a1.uscc}"' in edit


def test_the_gauge_and_its_caption_round_the_same_percent(world, login):
    """108.99 % is 109 % in the caption and on the gauge: one rounding rule (half up)."""
    import json
    import re

    AnnualTargetFactory(park=world.park_a, year=2024, signed_investment=Decimal(10**10))
    ProjectFactory(
        park=world.park_a,
        stage=Stage.SIGNED,
        signed_on=dt.date(2024, 5, 1),
        planned_investment=Decimal("10899000000"),
    )
    page = login(world.users["park_admin"]).get("/investment/?year=2024").content.decode()
    assert "= 109%" in page
    gauge = re.search(r'id="gauge-data" type="application/json">(.*?)</script>', page)
    assert json.loads(gauge[1])["percent"] == 109


def test_exported_land_and_floor_space_are_numbers_excel_can_sum(world, login):
    ProjectFactory(
        park=world.park_a, land_need_mu=Decimal("12.5"), floor_need_m2=Decimal("3333.33")
    )
    listing = login(world.users["park_admin"]).get("/investment/projects/?export=xlsx")
    rows = rows_of(listing)
    header = rows[0]
    land = next(i for i, title in enumerate(header) if title.startswith("用地"))
    floor = next(i for i, title in enumerate(header) if title.startswith("面积") or "m²" in title)
    assert (rows[1][land], rows[1][floor]) == (12.5, 3333.33)


def test_only_the_author_undoes_only_the_latest_move_and_the_trail_keeps_it(world, login):
    from parkos.core.models import AuditEvent
    from parkos.investment.actions import move_stage

    project = ProjectFactory(
        park=world.park_a, stage=Stage.NEGOTIATING, stage_since=dt.date(2024, 3, 1)
    )
    author, other = world.users["investment"], world.users["park_admin"]
    move_stage(project, Stage.SIGNED, on=dt.date(2024, 6, 3), actor=author)
    move_stage(project, Stage.CONSTRUCTION_STARTED, on=dt.date(2024, 9, 1), actor=author)
    url = f"/investment/projects/{project.pk}/undo-move/"

    page = login(other).post(url, follow=True).content.decode()
    assert "只有做出这次阶段变更的人才能撤销它" in page
    project.refresh_from_db()
    assert project.stage == Stage.CONSTRUCTION_STARTED

    client = login(author)
    assert 'id="undo-move"' in client.get(f"/investment/projects/{project.pk}/").content.decode()
    page = client.post(url, follow=True).content.decode()
    assert "已撤销" in page
    project.refresh_from_db()
    assert (project.stage, project.stage_since, project.signed_on) == (
        Stage.SIGNED,
        dt.date(2024, 6, 3),
        dt.date(2024, 6, 3),
    )
    assert AuditEvent.objects.filter(action="undo", object_id=str(project.pk)).exists()
    # The signing is now the latest: undone too, the project is back in negotiation unsigned.
    client.post(url)
    project.refresh_from_db()
    assert (project.stage, project.signed_on) == (Stage.NEGOTIATING, None)
    page = client.post(url, follow=True).content.decode()
    assert "不能撤销" in page or "没有可撤销" in page, re.findall(r"alert[^>]*>([^<]*)", page)


def test_the_project_list_names_a_cluster_with_its_scheme(world, login):
    from parkos.testing.factories import ClusterFactory, ClusterSchemeFactory

    cluster = ClusterFactory(name="新材料", scheme=ClusterSchemeFactory(name="全区四大产业"))
    ProjectFactory(park=world.park_a, cluster=cluster)
    client = login(world.users["park_admin"])
    assert "新材料（全区四大产业）" in client.get("/investment/projects/").content.decode()
    rows = rows_of(client.get("/investment/projects/?export=xlsx"))
    assert any("新材料（全区四大产业）" in row for row in rows[1:])

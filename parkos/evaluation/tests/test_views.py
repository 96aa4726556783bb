"""The evaluation pages for every role: runs, results and their explanation, the dashboard,
exports and the admission bar — with sentinel figures that must stay in scope."""

import io
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from parkos.evaluation.models import AdmissionBar, Result, Run, Scheme
from parkos.evaluation.services import publish, run_evaluation
from parkos.testing.personas import ROLES, SEES, SENTINELS, make_evaluable
from parkos.testing.personas import firms as _firms

# Investment staff have no view permission on evaluations: they see no firm's result.
SEES = {**SEES, "investment": set()}


@pytest.fixture
def evaluated(world):
    make_evaluable(world)
    admin = world.users["district_admin"]
    run = run_evaluation(
        actor=admin, scheme=Scheme.objects.get(slug="huangyan-above-scale"), year=2024
    )
    publish(actor=admin, run=run)
    return world, run


def _leaks(body, value):
    return [t for t in (str(value), str(float(value))) if t in body]


@pytest.mark.parametrize("role", ROLES)
def test_run_page_and_export_show_only_in_scope_results(evaluated, client, role):
    world, run = evaluated
    client.force_login(world.users[role])
    response = client.get(run.get_absolute_url())
    if not world.users[role].has_perm("evaluation.view_run"):
        assert response.status_code == 403  # investment staff, the three administrators
        return
    body = response.content.decode()
    for key, firm in _firms(world).items():
        assert (firm.name in body) == (key in SEES[role]), (role, key)
        assert not _leaks(body, SENTINELS[key])
    rows = (
        CalamineWorkbook.from_filelike(
            io.BytesIO(client.get(run.get_absolute_url(), {"export": "xlsx"}).content)
        )
        .get_sheet_by_index(0)
        .to_python()
    )
    assert {row[1] for row in rows[1:]} == {_firms(world)[k].name for k in SEES[role]}


@pytest.mark.parametrize("role", ROLES)
def test_result_pages_answer_404_out_of_scope(evaluated, client, role):
    world, run = evaluated
    client.force_login(world.users[role])
    for key, firm in _firms(world).items():
        result = Result.objects.get(run=run, enterprise=firm)
        response = client.get(result.get_absolute_url())
        reads = world.users[role].has_perm("evaluation.view_result")
        expected = 403 if not reads else 200 if key in SEES[role] else 404
        assert response.status_code == expected, (role, key)


def test_explanation_reads_as_the_formula(evaluated, client):
    world, run = evaluated
    client.force_login(world.users["enterprise"])
    result = Result.objects.get(run=run, enterprise=world.firm_a1)
    body = client.get(result.get_absolute_url()).content.decode()
    assert "亩均税收 4938.27 万元/亩 ÷ 基准" in body and "× 30.00 =" in body
    assert f">{result.grade}</span>" in body
    # Firm B pays the least tax per mu of the three: its tax indicator pulls it down.
    client.force_login(world.users["district_admin"])
    weakest = client.get(
        Result.objects.get(run=run, enterprise=world.firm_b).get_absolute_url()
    ).content.decode()
    assert "拉低得分的指标" in weakest and "亩均税收：满分 30.00 分" in weakest


def test_drafts_stay_with_evaluation_staff(evaluated, client):
    world, _run = evaluated
    draft = run_evaluation(
        actor=world.users["park_admin"],
        scheme=Scheme.objects.get(slug="huangyan-above-scale"),
        year=2024,
    )
    client.force_login(world.users["steward"])
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(world.users["park_admin"])
    body = client.get(draft.get_absolute_url()).content.decode()
    assert 'id="publish-run"' in body
    client.post(f"/evaluation/runs/{draft.pk}/publish/")
    draft.refresh_from_db()
    assert draft.status == "published"


def test_running_from_the_page(evaluated, client):
    world, _run = evaluated
    client.force_login(world.users["park_admin"])
    scheme = Scheme.objects.get(slug="huangyan-above-scale")
    response = client.post("/evaluation/runs/new/", {"scheme": scheme.pk, "year": 2024})
    run = Run.objects.latest("id")
    assert response["Location"] == run.get_absolute_url() and run.park == world.park_a
    client.force_login(world.users["leader_park"])
    assert (
        client.post("/evaluation/runs/new/", {"scheme": scheme.pk, "year": 2024}).status_code == 403
    )


def test_dashboard_for_leaders(evaluated, client):
    world, _run = evaluated
    client.force_login(world.users["leader_district"])
    body = client.get("/evaluation/dashboard/").content.decode()
    assert "按园区" in body and "甲园区" in body and "乙园区" in body and 'id="d-list"' in body
    client.force_login(world.users["leader_park"])
    body = client.get("/evaluation/dashboard/").content.decode()
    assert "甲园区" in body and "乙园区" not in body


def test_admission_bar_page(world, client):
    AdmissionBar.objects.create(
        park=world.park_a,
        investment_per_mu=Decimal(6_000_000),
        output_per_mu=Decimal(8_000_000),
        tax_per_mu=Decimal(1_000_000),
    )
    client.force_login(world.users["investment"])
    params = {
        "park": world.park_a.pk,
        "land_mu": "50",
        "investment": "35000",
        "output": "35000",
        "tax": "5000",
    }
    body = client.get("/evaluation/admission/", params).content.decode()
    assert body.count(">通过<") == 2 and body.count(">未通过<") == 1
    assert "未达到准入标准：1 项不达标" in body and "是否必填" not in body and "必填" not in body
    body = client.get("/evaluation/admission/", params | {"output": "40000"}).content.decode()
    assert "各项均达到准入标准" in body
    assert client.get(f"/evaluation/admission/{world.park_a.pk}/edit/").status_code == 403
    client.force_login(world.users["park_admin"])
    client.post(
        f"/evaluation/admission/{world.park_a.pk}/edit/",
        {"investment_per_mu": "650", "output_per_mu": "800", "tax_per_mu": "100", "note": ""},
    )
    assert AdmissionBar.objects.get(park=world.park_a).investment_per_mu == Decimal(6_500_000)
    assert client.get(f"/evaluation/admission/{world.park_b.pk}/edit/").status_code == 404


def test_schemes_are_copied_then_edited_with_a_new_version(world, client):
    preset = Scheme.objects.get(slug="huangyan-below-scale")
    client.force_login(world.users["park_admin"])
    assert (
        client.get(f"/evaluation/schemes/{preset.pk}/edit/").status_code == 403
    )  # presets are copied
    response = client.post(f"/evaluation/schemes/{preset.pk}/copy/")
    copy = Scheme.objects.exclude(pk=preset.pk).get(name__startswith=preset.name)
    assert response["Location"] == f"/evaluation/schemes/{copy.pk}/edit/"
    assert copy.park == world.park_a and copy.indicators.count() == 2 and not copy.is_preset
    form = client.get(response["Location"]).context["form"]
    data = {
        name: ("on" if value is True else "" if value is None or value is False else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    indicators = list(copy.indicators.order_by("order"))
    data.update(
        {
            "indicators-TOTAL_FORMS": "2",
            "indicators-INITIAL_FORMS": "2",
            "indicators-MIN_NUM_FORMS": "0",
            "indicators-MAX_NUM_FORMS": "1000",
            "grade_a": "10",
            "grade_b": "50",
            "grade_c": "30",
            "grade_d": "10",
        }
    )
    for i, indicator in enumerate(indicators):
        data.update(
            {
                f"indicators-{i}-id": indicator.pk,
                f"indicators-{i}-code": indicator.code,
                f"indicators-{i}-weight": "40" if i == 0 else "60",
                f"indicators-{i}-benchmark_rule": "mean",
                f"indicators-{i}-benchmark_value": "1",
                f"indicators-{i}-scaling": "ratio",
                f"indicators-{i}-order": i,
            }
        )
    response = client.post(f"/evaluation/schemes/{copy.pk}/edit/", data)
    assert response.status_code == 302, (
        response.context["form"].errors or response.context["formset"].errors
    )
    copy.refresh_from_db()
    assert copy.version == 2 and copy.grade_a == 10
    assert sorted(copy.indicators.values_list("weight", flat=True)) == [Decimal(40), Decimal(60)]
    data["grade_d"] = "20"  # shares now add up to 110 %
    body = client.post(f"/evaluation/schemes/{copy.pk}/edit/", data).content.decode()
    assert "各类比例之和应为 100%" in body
    client.force_login(world.users["steward"])
    assert client.get(f"/evaluation/schemes/{copy.pk}/edit/").status_code == 403


def test_adjustments_are_recorded_with_reasons_and_applied(evaluated, client):
    world, _run = evaluated
    client.force_login(world.users["park_admin"])
    client.post(
        "/evaluation/adjustments/new/",
        {
            "enterprise": world.firm_a1.uscc,
            "year": 2024,
            "kind": "veto",
            "reason": "重大安全生产事故",
        },
    )
    adjustment = world.firm_a1.evaluation_adjustments.get()
    assert adjustment.created_by == world.users["park_admin"]
    body = client.get("/evaluation/adjustments/").content.decode()
    assert "重大安全生产事故" in body and world.firm_a1.name in body
    run = run_evaluation(
        actor=world.users["park_admin"],
        scheme=Scheme.objects.get(slug="huangyan-above-scale"),
        year=2024,
    )
    result = Result.objects.get(run=run, enterprise=world.firm_a1)
    assert result.grade == "D" and result.adjustments[0]["reason"] == "重大安全生产事故"
    assert "重大安全生产事故" in client.get(result.get_absolute_url()).content.decode()
    client.post(
        "/evaluation/adjustments/new/",
        {
            "enterprise": world.firm_b.uscc,
            "year": 2024,
            "kind": "bonus",
            "points": "5",
            "reason": "越权",
        },
    )
    assert not world.firm_b.evaluation_adjustments.exists()
    client.force_login(world.users["steward"])
    assert client.post(f"/evaluation/adjustments/{adjustment.pk}/delete/").status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_api_results_follow_the_same_scope(evaluated, client, role):
    world, run = evaluated
    client.force_login(world.users[role])
    response = client.get(f"/api/v1/evaluation/runs/{run.pk}/results")
    if not world.users[role].has_perm("evaluation.view_run"):  # the role says so first
        assert response.status_code == 403
        return
    names = {item["enterprise_name"] for item in response.json()["items"]}
    assert names == {_firms(world)[k].name for k in SEES[role]}
    for key, firm in _firms(world).items():
        result = Result.objects.get(run=run, enterprise=firm)
        assert client.get(f"/api/v1/evaluation/results/{result.pk}").status_code == (
            200 if key in SEES[role] else 404
        )


def test_api_admission_check(world, client):
    AdmissionBar.objects.create(
        park=world.park_a,
        investment_per_mu=Decimal(6_000_000),
        output_per_mu=Decimal(8_000_000),
        tax_per_mu=Decimal(1_000_000),
    )
    client.force_login(world.users["investment"])
    payload = {
        "park_id": world.park_a.pk,
        "land_mu": "50",
        "investment": "350000000",
        "output": "450000000",
        "tax": "60000000",
    }
    answer = client.post(
        "/api/v1/evaluation/admission-check", payload, content_type="application/json"
    ).json()
    assert answer["passed"] is True and [c["passed"] for c in answer["criteria"]] == [
        True,
        True,
        True,
    ]
    payload["park_id"] = world.park_b.pk
    response = client.post(
        "/api/v1/evaluation/admission-check", payload, content_type="application/json"
    )
    assert response.status_code == 404


def test_dashboard_exports_its_tables(evaluated, client):
    world, run = evaluated
    client.force_login(world.users["leader_district"])
    response = client.get("/evaluation/dashboard/", {"run": run.pk, "export": "xlsx"})
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names[:2] == ["按园区分类", "按片区分类"]
    assert book.sheet_names[2].startswith("按产业集群分类")
    by_park = book.get_sheet_by_index(0).to_python()
    assert by_park[0] == ["", "A", "B", "C", "D", "合计"]
    assert {row[0] for row in by_park[1:]} == {"甲园区", "乙园区"}


def test_a_park_admin_cannot_publish_a_district_wide_run(world, client):
    """Security issue, finding 3: a district run is shared with every park for reading, and a
    park admin could publish it (302). Now 403, nothing changes, and the publisher is kept."""
    make_evaluable(world)
    district = world.users["district_admin"]
    draft = run_evaluation(
        actor=district, scheme=Scheme.objects.get(slug="huangyan-above-scale"), year=2024
    )
    assert draft.park is None
    client.force_login(world.users["park_admin"])
    assert 'id="publish-run"' not in client.get(f"/evaluation/runs/{draft.pk}/").content.decode()
    assert client.post(f"/evaluation/runs/{draft.pk}/publish/").status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.published_by is None

    client.force_login(district)
    client.post(f"/evaluation/runs/{draft.pk}/publish/")
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_by == district
    body = client.get(f"/evaluation/runs/{draft.pk}/").content.decode()
    assert f"由 {district.display_name} 于" in body


def test_a_runs_results_are_searched_by_full_pinyin_and_initials(evaluated, client):
    from parkos.enterprises.pinyin import search_keys

    world, run = evaluated
    client.force_login(world.users["park_admin"])
    initials, full = search_keys(world.firm_a1.name)
    for query in (full.split()[0][:12], initials.split()[0][:4]):
        body = client.get(run.get_absolute_url(), {"q": query}).content.decode()
        assert world.firm_a1.name in body and world.firm_a2.name not in body, query


def test_clusters_of_two_schemes_sharing_a_name_are_counted_apart(evaluated, client):
    """The district's 新材料 and park A's 新材料 are two clusters: each scheme's table adds up
    to the rated firms, and neither merges the other's members (bars totalled 444 for 300)."""
    from parkos.testing.factories import ClusterFactory, ClusterSchemeFactory

    world, run = evaluated
    district = ClusterFactory(name="新材料", scheme=ClusterSchemeFactory(name="全区四大产业"))
    own = ClusterFactory(
        name="新材料", scheme=ClusterSchemeFactory(name="甲园区3+3+X", park=world.park_a)
    )
    world.firm_a1.clusters.add(district, own)
    world.firm_a2.clusters.add(district)
    rated = Result.objects.filter(run=run, rated=True).count()
    client.force_login(world.users["leader_district"])
    response = client.get("/evaluation/dashboard/", {"run": run.pk})
    sections = {str(title): rows for _key, title, rows in response.context["sections"]}
    for scheme, members in (("全区四大产业", 2), ("甲园区3+3+X", 1)):
        rows = {group: total for group, _counts, total in sections[f"按产业集群分类：{scheme}"]}
        assert rows["新材料"] == members, scheme
        assert sum(rows.values()) == rated, scheme
    assert "按产业集群分类：甲园区3+3+X" in response.content.decode()


def test_a_scheme_name_excel_refuses_still_exports(evaluated, client):
    """Sheet names come from data now: a scheme named with / and a long twin must not 500."""
    from parkos.testing.factories import ClusterFactory, ClusterSchemeFactory

    world, run = evaluated
    for name in (
        "电子信息/集成电路[一期]产业体系规划二〇二五年版甲",
        "电子信息/集成电路[一期]产业体系规划二〇二五年版乙",
    ):
        world.firm_a1.clusters.add(ClusterFactory(scheme=ClusterSchemeFactory(name=name)))
    client.force_login(world.users["leader_district"])
    response = client.get("/evaluation/dashboard/", {"run": run.pk, "export": "xlsx"})
    assert response.status_code == 200
    names = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).sheet_names
    assert len(names) == len(set(names)) and all(len(n) <= 31 and "/" not in n for n in names)


def test_a_runs_results_open_on_the_ranked_firms(evaluated, client):
    world, run = evaluated
    from parkos.testing.factories import EnterpriseFactory

    assert Result.objects.filter(run=run, rank__isnull=False).exists()
    Result.objects.create(
        run=run, enterprise=EnterpriseFactory(park=world.park_a), rated=False, reason={}
    )
    client.force_login(world.users["park_admin"])
    for sort in ("", "rank", "-rank"):
        table = client.get(run.get_absolute_url(), {"sort": sort} if sort else {}).context["table"]
        ranks = [row.record.rank for row in table.paginated_rows]
        assert ranks[0] is not None and ranks[-1] is None, sort

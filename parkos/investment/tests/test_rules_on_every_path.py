"""Each business rule holds on every path that writes: the page's form, the API and the import
(platform issue: two rules had been enforced on some paths and not on others)."""

import datetime as dt

import pytest

from parkos.core.services import start_import
from parkos.enterprises.models import Enterprise
from parkos.investment.choices import Stage
from parkos.investment.models import AnnualTarget, Project
from parkos.testing.factories import ClusterFactory, ClusterSchemeFactory, ProjectFactory
from parkos.testing.files import upload, xlsx_bytes


@pytest.fixture
def other_parks_cluster(world):
    """A cluster of park B's own scheme: no firm or project of park A may join it."""
    return ClusterFactory(scheme=ClusterSchemeFactory(park=world.park_b), name="乙园新材料")


def _enterprise_data(world, **extra):
    firm = world.firm_a1
    return {
        "name": firm.name,
        "uscc": firm.uscc,
        "park": world.park_a.pk,
        "zone": world.zone_a1.pk,
        "status": "operating",
        "own_land_mu": "20",
        "rented_floor_m2": "0",
        **extra,
    }


def test_an_enterprise_joins_no_cluster_of_another_park_on_the_page(
    world, client, other_parks_cluster
):
    client.force_login(world.users["district_admin"])
    data = _enterprise_data(world, clusters=[other_parks_cluster.pk])
    response = client.post(f"/enterprises/{world.firm_a1.pk}/edit/", data)
    assert response.status_code == 200
    assert "乙园新材料 属于其他园区的产业体系" in response.content.decode()
    assert not world.firm_a1.clusters.filter(pk=other_parks_cluster.pk).exists()


def test_an_enterprise_joins_no_cluster_of_another_park_through_the_api(
    world, client, other_parks_cluster
):
    client.force_login(world.users["district_admin"])
    response = client.patch(
        f"/api/v1/enterprises/{world.firm_a1.pk}",
        {"cluster_ids": [other_parks_cluster.pk]},
        content_type="application/json",
    )
    assert response.status_code == 422 and "乙园新材料" in response.json()["detail"]
    assert not world.firm_a1.clusters.filter(pk=other_parks_cluster.pk).exists()


def test_an_enterprise_joins_no_cluster_of_another_park_by_import(world, other_parks_cluster):
    firm = world.firm_a1
    headers = ["企业名称", "统一社会信用代码", "园区", "产业集群"]
    batch = start_import(
        actor=world.users["district_admin"],
        entity="enterprises",
        upload=upload(
            "e.xlsx", xlsx_bytes(headers, [[firm.name, firm.uscc, "甲园区", "乙园新材料"]])
        ),
    )
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "产业集群")]
    assert not Enterprise.objects.filter(clusters=other_parks_cluster).exists()


def _project_data(world, cluster):
    return {
        "name": "新项目",
        "park": world.park_a.pk,
        "investor_name": "某投资方",
        "channel": "expo",
        "cluster": cluster.pk,
        "stage": "lead",
        "stage_since": "2024-03-01",
    }


def test_a_project_joins_no_cluster_of_another_park_on_the_page_or_the_api(
    world, client, other_parks_cluster
):
    client.force_login(world.users["district_admin"])
    page = client.post("/investment/projects/new/", _project_data(world, other_parks_cluster))
    assert page.status_code == 200 and "乙园新材料 属于其他园区的产业体系" in page.content.decode()
    api = client.post(
        "/api/v1/investment/projects",
        {
            "name": "新项目",
            "park_id": world.park_a.pk,
            "investor_name": "某投资方",
            "cluster_id": other_parks_cluster.pk,
        },
        content_type="application/json",
    )
    assert api.status_code == 422 and "乙园新材料" in api.json()["detail"]
    target = client.post(
        "/investment/targets/new/",
        {"park": world.park_a.pk, "year": 2025, "cluster": other_parks_cluster.pk},
    )
    assert target.status_code == 200 and "乙园新材料" in target.content.decode()
    assert not Project.objects.exists() and not AnnualTarget.objects.exists()


IMPORT_HEADERS = ["园区", "项目名称", "投资方", "产业集群", "阶段", "阶段日期"]


def test_a_project_joins_no_cluster_of_another_park_by_import(world, other_parks_cluster):
    row = ["甲园区", "新项目", "某投资方", "乙园新材料", "线索", "2024-03-01"]
    batch = start_import(
        actor=world.users["district_admin"],
        entity="projects",
        upload=upload("p.xlsx", xlsx_bytes(IMPORT_HEADERS, [row])),
    )
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "产业集群")]
    assert not Project.objects.exists()


def test_an_imported_stage_move_is_not_dated_before_the_last_change(world):
    """The import had not applied "not before the last stage change"."""
    project = ProjectFactory(
        park=world.park_a, name="老项目", stage=Stage.NEGOTIATING, stage_since=dt.date(2024, 6, 1)
    )
    rows = [["甲园区", "老项目", "某投资方", "", "已签约", "2024-05-01"]]
    batch = start_import(
        actor=world.users["district_admin"],
        entity="projects",
        upload=upload("p.xlsx", xlsx_bytes(IMPORT_HEADERS, rows)),
    )
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "阶段日期")]
    assert "2024-06-01" in batch.errors[0]["message"]
    project.refresh_from_db()
    assert project.stage == Stage.NEGOTIATING


def test_a_new_project_on_the_page_passes_the_same_entry_rules(world, client):
    client.force_login(world.users["investment"])
    data = {
        "name": "明天的项目",
        "park": world.park_a.pk,
        "investor_name": "某投资方",
        "channel": "expo",
        "stage": "lead",
        "stage_since": (dt.date.today() + dt.timedelta(days=3)).isoformat(),
    }
    response = client.post("/investment/projects/new/", data)
    assert response.status_code == 200
    assert "日期不能晚于今天" in response.content.decode()
    assert not Project.objects.exists()

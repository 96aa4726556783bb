"""The JSON API: tokens, filters shared with the page, pagination, validation, schema."""

from decimal import Decimal

import pytest

from parkos.accounts.models import APIToken
from parkos.enterprises.models import Enterprise, IndicatorYear
from parkos.testing.factories import valid_uscc


@pytest.fixture
def token_client(world, client):
    _token, key = APIToken.issue(world.users["park_admin"], "ci")
    return lambda method, path, **kw: getattr(client, method)(
        path, headers={"Authorization": f"Bearer {key}"}, **kw
    )


def test_a_token_acts_as_its_user(world, token_client):
    data = token_client("get", "/api/v1/enterprises").json()
    assert data["count"] == 2
    assert {item["name"] for item in data["items"]} == {world.firm_a1.name, world.firm_a2.name}
    assert APIToken.objects.get().last_used is not None


def test_a_wrong_token_is_refused(client, world):
    response = client.get("/api/v1/enterprises", headers={"Authorization": "Bearer pk_wrong"})
    assert response.status_code == 401


def test_filters_match_the_list_page(world, token_client):
    items = token_client("get", "/api/v1/enterprises", data={"q": "jyswkj"}).json()["items"]
    assert [i["name"] for i in items] == [world.firm_a1.name]  # 甲一生物科技 by initials
    items = token_client(
        "get", "/api/v1/enterprises", data={"tax_min": 90000, "ordering": "-y_tax_paid"}
    ).json()
    assert [i["name"] for i in items["items"]] == [world.firm_a1.name]
    assert token_client("get", "/api/v1/enterprises", data={"zone": "x"}).status_code == 422
    assert (
        token_client("get", "/api/v1/enterprises", data={"ordering": "password"}).status_code == 422
    )


def test_pagination(world, token_client):
    data = token_client("get", "/api/v1/indicators/years", data={"page": 1}).json()
    assert data["count"] == 4 and len(data["items"]) == 4


def test_create_validates_like_the_form(world, token_client):
    payload = {
        "name": "上海接口新建有限公司",
        "uscc": valid_uscc(55),
        "park_id": world.park_a.pk,
        "industry_code": "C3841",
        "zone_id": world.zone_a1.pk,
        "cluster_ids": [],
    }
    response = token_client(
        "post", "/api/v1/enterprises", data=payload, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["industry_code"] == "C3841"
    bad = dict(
        payload, uscc=valid_uscc(56)[:-1] + "0", industry_code="C0000", name="上海另一家有限公司"
    )
    response = token_client(
        "post", "/api/v1/enterprises", data=bad, content_type="application/json"
    )
    assert response.status_code == 422
    assert "industry" in response.json()["detail"] and "uscc" in response.json()["detail"]
    assert not Enterprise.objects.filter(name="上海另一家有限公司").exists()


def test_patch_keeps_unsent_fields(world, token_client):
    world.firm_a1.legal_representative = "张三"
    world.firm_a1.save()
    response = token_client(
        "patch",
        f"/api/v1/enterprises/{world.firm_a1.pk}",
        data={"address": "创新路 9 号"},
        content_type="application/json",
    )
    assert response.status_code == 200
    world.firm_a1.refresh_from_db()
    assert world.firm_a1.address == "创新路 9 号" and world.firm_a1.legal_representative == "张三"
    assert world.firm_a1.clusters.count() == 1


YEAR = dict.fromkeys(
    (
        "output_value",
        "revenue",
        "value_added",
        "rd_spend",
        "energy_tce",
        "electricity_kwh",
        "pollutant_emissions",
        "fixed_asset_investment",
    )
)


def test_put_yearly_figures(world, token_client):
    url = f"/api/v1/enterprises/{world.firm_a2.pk}/indicators/years/2021"
    body = {**YEAR, "tax_paid": "123.45", "employees": 9}
    response = token_client("put", url, data=body, content_type="application/json")
    assert response.status_code == 200
    record = IndicatorYear.objects.get(enterprise=world.firm_a2, year=2021)
    assert record.tax_paid == Decimal("123.45")
    assert record.history.latest("history_id").history_user.username == "parkadmin_a"
    response = token_client(
        "put",
        f"/api/v1/enterprises/{world.firm_b.pk}/indicators/years/2021",
        data=body,
        content_type="application/json",
    )
    assert response.status_code == 404


def test_put_of_a_partial_year_is_refused_and_blanks_nothing(world, token_client):
    """PUT replaces the whole year: an omitted field had silently become null."""
    url = f"/api/v1/enterprises/{world.firm_a1.pk}/indicators/years/2024"
    response = token_client("put", url, data={"employees": 3}, content_type="application/json")
    assert response.status_code == 422 and "tax_paid" in response.content.decode()
    record = IndicatorYear.objects.get(enterprise=world.firm_a1, year=2024)
    assert record.tax_paid is not None


def test_an_amount_too_large_for_the_column_is_a_422_not_a_500(world, token_client):
    url = f"/api/v1/enterprises/{world.firm_a1.pk}/indicators/years/2024"
    body = {**YEAR, "tax_paid": "1" * 30, "employees": 1}
    response = token_client("put", url, data=body, content_type="application/json")
    assert response.status_code == 422 and "tax_paid" in response.content.decode()


def test_schema_and_docs_are_served_locally(client, world):
    client.force_login(world.users["leader_district"])
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/enterprises" in schema["paths"] and schema["info"]["title"] == "ParkOS API"
    docs = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in docs.lower() and "/static/ninja/" in docs


@pytest.mark.parametrize("body", ["{}", '{"name": 5}', "not json"])
def test_a_caller_without_the_permission_gets_403_whatever_the_body(world, client, body):
    """The declared permission is checked before the body is read: a leader may not create an
    enterprise, and learns nothing about the body's shape from the answer."""
    _token, key = APIToken.issue(world.users["leader_park"], "ci")
    response = client.post(
        "/api/v1/enterprises",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "你无权执行此操作。"
    client.force_login(world.users["leader_park"])
    assert client.post("/api/v1/contacts", body, content_type="application/json").status_code == 403


def test_a_token_is_looked_up_once_per_request(world, token_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert token_client("get", "/api/v1/enterprises").status_code == 200
    lookups = [q for q in queries if 'FROM "accounts_apitoken"' in q["sql"]]
    assert len(lookups) == 1

"""Hand-edited addresses and odd form posts answer a page or a clear 4xx, never a 500 (security
issue, part 2: each of these answered 500)."""

import pytest

from parkos.testing.factories import EnterpriseFactory

PAGES = [
    "/enterprises/?per_page=abc",
    "/enterprises/?per_page=-1",
    "/enterprises/?per_page=1e3",
    "/enterprises/?page=abc",
    "/enterprises/?page=99999999999999999999",
    "/evaluation/dashboard/?run=abc",
    "/evaluation/admission/?park=abc",
    "/investment/?year=99999999999",
    "/investment/figures/?year=-5",
    "/investment/reminders/?days=99999999999999",
    "/investment/promises/?year=99999999999",
]


@pytest.mark.parametrize("url", PAGES)
def test_odd_query_strings_still_show_the_page(world, client, url):
    client.force_login(world.users["park_admin"])
    assert client.get(url).status_code == 200


def test_a_huge_per_page_is_not_obeyed(world, client):
    for n in range(30):
        EnterpriseFactory(park=world.park_a, zone=world.zone_a1, name=f"测试企业{n:02d}")
    client.force_login(world.users["park_admin"])
    table = client.get("/enterprises/?per_page=100000").context["table"]
    assert len(table.paginated_rows) == 25 and table.paginator.count == 32


@pytest.mark.parametrize(
    "url,status",
    [
        ("/api/v1/investment/figures?year=0", 422),
        ("/api/v1/enterprises?page=99999999999999999999", 422),
        ("/api/v1/contacts?page=99999999999999999999", 422),
        ("/api/v1/contacts?page=999999", 200),
    ],
)
def test_the_api_answers_odd_parameters_with_a_4xx(world, client, url, status):
    client.force_login(world.users["park_admin"])
    assert client.get(url).status_code == status


def test_odd_posts_answer_404(world, client):
    data = {"park": "abc", "name": "李", "company": "某公司", "phone": "13900000000"}
    assert client.post("/online/enquiry/", data).status_code == 404
    client.force_login(world.users["park_admin"])
    move = {"project": "abc", "stage": "signed", "on": "2024-01-01"}
    assert client.post("/investment/move/", move).status_code == 404


BIG = 17057391757213882047312953344  # beyond a 64-bit integer: SQLite overflowed in the query


@pytest.mark.parametrize(
    "method,url,body",
    [
        ("get", f"/api/v1/indicators/years?enterprise_id={BIG}", None),
        ("get", f"/api/v1/indicators/months?enterprise_id={BIG}", None),
        ("post", "/api/v1/space/match", {"zone_id": BIG}),
        ("post", "/api/v1/space/match", {"cluster_id": BIG}),
        ("patch", "/api/v1/enterprises/{firm}", {"cluster_ids": [BIG]}),
        ("post", "/api/v1/contacts", {"enterprise": "x", "name": "y", "is_primary": False}),
        ("get", f"/api/v1/enterprises/{BIG}", None),
    ],
)
def test_an_impossible_id_is_invalid_not_a_server_error(world, client, method, url, body):
    """Found by a bounded schemathesis run (security issue, part 2)."""
    client.force_login(world.users["district_admin"])
    url = url.format(firm=world.firm_a1.pk)
    send = getattr(client, method)
    response = send(url, body, content_type="application/json") if body else send(url)
    assert response.status_code in (404, 422), response.content


@pytest.mark.parametrize("body", ["[null, null]", '"abc"', "5", "true"])
def test_a_body_that_is_not_an_object_is_refused(world, client, body):
    client.force_login(world.users["district_admin"])
    zone = world.zone_a1
    response = client.patch(f"/api/v1/zones/{zone.pk}", body, content_type="application/json")
    assert response.status_code == 400  # a malformed request, not a valid empty change
    match = client.post("/api/v1/space/match", body, content_type="application/json")
    assert match.status_code == 400

"""What an API client sees when a request goes wrong, each case found by the bounded schemathesis
run (test_api_fuzz.py, security issue): the schema declares every error an operation answers,
errors are JSON, and a value the schema or the database cannot take is refused, never stored
or turned into a 500."""

import json

import pytest
from django.test import RequestFactory

from parkos.api import api
from parkos.testing.samples import build_samples

SCHEMA = json.loads(json.dumps(api.get_openapi_schema()))  # as a client reads it
OPERATIONS = [
    (method.upper(), path, operation)
    for path, methods in SCHEMA["paths"].items()
    for method, operation in methods.items()
]


def _declared(operation, status):
    """The error body schema the operation declares for `status`, or None."""
    answer = operation["responses"].get(status)
    if answer is None:
        return None
    return answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


@pytest.mark.parametrize(
    "method,path,operation", OPERATIONS, ids=[f"{m} {p}" for m, p, _o in OPERATIONS]
)
def test_every_operation_declares_the_errors_it_answers(method, path, operation):
    """Only the success was declared: a client (and schemathesis) met 401/403/404/409/422 as
    undocumented statuses."""
    expected = {"401", "403", "422"}
    if method in ("POST", "PUT", "PATCH"):
        expected.add("400")
    if "{" in path:
        expected.add("404")
    if method == "DELETE":
        expected.add("409")
    assert {status: _declared(operation, status) for status in expected} == dict.fromkeys(
        expected, "ErrorOut"
    )


def test_the_error_body_is_declared_as_detail_text_or_a_list_of_problems():
    detail = SCHEMA["components"]["schemas"]["ErrorOut"]["properties"]["detail"]
    kinds = [option.get("type") for option in detail["anyOf"]]
    assert kinds == ["string", "array"]
    assert SCHEMA["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]


@pytest.fixture
def samples(world):
    return build_samples(world)


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_a_missing_row_answers_the_declared_404(world, client):
    client.force_login(world.users["district_admin"])
    response = client.get("/api/v1/contacts/99999999")
    assert response.status_code == 404 and set(response.json()) == {"detail"}
    operation = SCHEMA["paths"]["/api/v1/contacts/{pk}"]["get"]
    assert _declared(operation, "404") == "ErrorOut"


def test_no_admission_bar_in_scope_answers_the_declared_404(world, client):
    """POST /evaluation/admission-check answered an undeclared 404 for a park without a bar."""
    client.force_login(world.users["district_admin"])
    body = {"park_id": 10**9, "land_mu": 1, "investment": 1, "output": 1, "tax": 1}
    response = _post(client, "/api/v1/evaluation/admission-check", body)
    assert response.status_code == 404 and isinstance(response.json()["detail"], str)
    operation = SCHEMA["paths"]["/api/v1/evaluation/admission-check"]["post"]
    assert _declared(operation, "404") == "ErrorOut"


def test_an_unexpected_error_answers_json_not_the_sites_html_page(caplog):
    request = RequestFactory().get("/api/v1/parks")
    response = api.on_exception(request, RuntimeError("boom"))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content) == {"detail": "系统出错"}
    assert "Internal Server Error: /api/v1/parks" in caplog.text  # still logged, with traceback
    assert "RuntimeError: boom" in caplog.text


def test_an_actions_refusal_answers_403_in_json():
    from django.core.exceptions import PermissionDenied

    response = api.on_exception(RequestFactory().get("/api/v1/parks"), PermissionDenied())
    assert response.status_code == 403
    assert json.loads(response.content) == {"detail": "你无权执行此操作。"}


@pytest.mark.parametrize(
    "body,field,kind",
    [
        ({"move_in": 0}, "move_in", "date_type"),  # was read as 1970-01-01: matched, 200
        ({"min_power_kva": "500"}, "min_power_kva", "int_type"),
        ({"zone_id": True}, "zone_id", "int_type"),
        ({"forms": [1]}, "forms", "string_type"),
    ],
)
def test_a_body_value_of_another_json_type_than_declared_is_refused(
    world, client, body, field, kind
):
    """pydantic reads JSON leniently (0 as a date, "500" or true as a number); the schema does
    not allow these, so the API refuses them as the schema's validation would (422)."""
    client.force_login(world.users["district_admin"])
    response = _post(client, "/api/v1/space/match", body)
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["type"] == kind and problem["loc"][:3] == ["body", "payload", field]


def test_a_value_of_the_declared_type_is_still_accepted(world, client):
    client.force_login(world.users["district_admin"])
    body = {"move_in": "2027-03-01", "min_power_kva": 500.0, "forms": ["standard"]}
    assert _post(client, "/api/v1/space/match", body).status_code == 200


def test_a_patch_with_a_number_for_a_yes_no_field_changes_nothing(world, client):
    client.force_login(world.users["district_admin"])
    firm = world.firm_b
    response = client.patch(
        f"/api/v1/enterprises/{firm.pk}", {"is_above_scale": 1}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "bool_type"
    firm.refresh_from_db()
    assert firm.is_above_scale is False


def test_text_with_a_nul_character_is_refused_in_the_body(world, client):
    """PostgreSQL cannot store NUL: a matching demand with one answered 500."""
    client.force_login(world.users["district_admin"])
    response = _post(client, "/api/v1/space/match", {"forms": ["standard\x00"]})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "type": "null_characters",
            "loc": ["body", "payload", "forms", 0],
            "msg": "不能包含空字符（NUL）。",
        }
    ]


def test_text_with_a_nul_character_is_refused_in_the_query(world, client, samples):
    """`?grade=%00` on a run's results answered 500 on PostgreSQL."""
    client.force_login(world.users["district_admin"])
    run = samples["evaluation.run"][0]
    response = client.get(f"/api/v1/evaluation/runs/{run.pk}/results?grade=%00")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "grade"]


def test_a_nul_character_in_a_json_fields_keys_is_refused(world, client, samples):
    client.force_login(world.users["district_admin"])
    parcel = samples["space.parcel"][0]
    response = client.patch(
        f"/api/v1/parcels/{parcel.pk}",
        '{"polygon": {"a\\u0000": 1}}',
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "null_characters"


def test_half_a_surrogate_pair_is_a_malformed_body(world, client, samples):
    """JSON's escapes can spell text that is not Unicode, which no database encodes (500)."""
    client.force_login(world.users["district_admin"])
    contact = samples["enterprises.contact"][0]
    for url, body in (
        ("/api/v1/space/match", '{"forms": ["a\\udc00"]}'),
        (f"/api/v1/contacts/{contact.pk}", '{"name": "\\ud800"}'),
    ):
        send = client.patch if "contacts" in url else client.post
        response = send(url, body, content_type="application/json")
        assert response.status_code == 400, url
    contact.refresh_from_db()
    assert contact.name == "样本联系人a"

"""What an API client sees when a request goes wrong, each case found by the bounded schemathesis
run (test_api_fuzz.py, security issue): the schema declares every error an operation answers,
and errors are JSON."""

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

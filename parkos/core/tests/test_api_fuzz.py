"""A bounded schemathesis run over every operation of the API, in-process (security issue).

Every operation of /api/v1/openapi.json is called with valid and invalid data — schemathesis'
coverage phase (boundary values and each way to break each parameter and body field) and its
fuzzing phase (`MAX_EXAMPLES` random cases) — by the district admin and park A's admin in turn
(bearer tokens), against one sample row of every model in park A and one in park B
(`testing/samples.py`). Each answer must be:

- no server error;
- a status the operation declares (its success, or an error of `core.api.error_responses`),
  with the declared content type and a body matching the declared schema;
- for invalid data (negative cases), never a success.

Bounded and repeatable: a fixed seed, no example database, no shrinking, each case rolled back.
About 1 minute on SQLite and 1.5 on PostgreSQL with `-n 2` (docs/architecture.md, Tests).
`FUZZ_LOG=file` appends one line per case (operation, persona, mode, status, path, body,
answer) to see what was tried."""

import itertools
import json
import os
import zlib
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from parkos.accounts.models import APIToken
from parkos.testing.samples import build_samples

MAX_EXAMPLES = 25  # per operation in the fuzzing phase; the coverage phase adds its own cases
SEED = 20_240_601
PERSONAS = ("district_admin", "park_admin")

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "cache": {"enabled": False},
        "generation": {
            "mode": "all",  # valid and invalid data
            "max-examples": MAX_EXAMPLES,
            "database": "none",
            "no-shrink": True,  # a failure is reported as found: the run stays bounded
        },
        # No links between operations are declared: each operation is tried on its own.
        "phases": {"stateful": {"enabled": False}},
    }
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(), config=CONFIG)


@dataclass
class Fuzz:
    samples: dict  # model key → (row in park A, row in park B)
    tokens: dict  # persona → API key
    turn: itertools.cycle = field(default_factory=lambda: itertools.cycle(PERSONAS))


@pytest.fixture
def fuzz(world):
    """The sample rows and a token per persona. Django's WSGI handler closes "old" database
    connections around each request, which would end the test's transaction: unhooked while
    the test runs, as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield Fuzz(
            samples=build_samples(world),
            tokens={p: APIToken.issue(world.users[p], "fuzz")[1] for p in PERSONAS},
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Body fields that name a row, and the sample row's value they take.
REFERENCES = {
    "park": ("parks.park", "pk"),
    "park_id": ("parks.park", "pk"),
    "zone": ("parks.zone", "pk"),
    "zone_id": ("parks.zone", "pk"),
    "enterprise": ("enterprises.enterprise", "uscc"),
    "enterprise_uscc": ("enterprises.enterprise", "uscc"),
    "landlord_uscc": ("enterprises.enterprise", "uscc"),
    "owner": ("enterprises.enterprise", "uscc"),
    "scheme": ("enterprises.clusterscheme", "pk"),
    "cluster_id": ("enterprises.cluster", "pk"),
    "cluster_ids": ("enterprises.cluster", "pk"),
    "honour_type": ("enterprises.honouraward", "honour_type_id"),
    "building": ("space.building", "pk"),
    "parcel": ("space.parcel", "pk"),
}


def _with_sample_rows(case, samples):
    """Random ids rarely name a row: one valid case in four names park A's sample rows instead
    (in the path and in the body's references), one in four park B's, so the routes also reach
    their real work and their scoping; the other half keep their random values. The route's
    declared example fills its other parameters (a year)."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    sent = json.dumps([case.path_parameters, case.query, case.body], sort_keys=True, default=str)
    side = zlib.crc32(sent.encode()) % 4
    if side > 1:
        return
    access = case.operation.definition.raw.get("x-access") or {}
    for params in (case.path_parameters, case.query):
        for name in set(params or ()) & set(access.get("example") or ()):
            params[name] = access["example"][name]
    rows = access.get("rows")
    for name, value in (case.path_parameters or {}).items():
        if rows and (name == "pk" or name.endswith("_id")) and str(value).lstrip("-").isdigit():
            case.path_parameters[name] = samples[rows][side].pk
    if isinstance(case.body, dict):
        for name, value in case.body.items():
            if name in REFERENCES:
                key, attribute = REFERENCES[name]
                known = getattr(samples[key][side], attribute)
                if isinstance(value, list):
                    case.body[name] = [known] if isinstance(known, int) else value
                elif type(value) is type(known):
                    case.body[name] = known


@pytest.mark.fuzz
@schema.parametrize()
# The fixture's rows are shared by the cases on purpose: each case runs in a savepoint that is
# rolled back, so no case sees another's writes.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_api_operation(case, fuzz):
    persona = next(fuzz.turn)
    _with_sample_rows(case, fuzz.samples)
    # The persona header is for the reader of a failure: the reproduction shows it (the
    # token itself is filtered out); the API ignores it.
    headers = {"Authorization": f"Bearer {fuzz.tokens[persona]}", "X-Fuzz-Persona": persona}
    with transaction.atomic():
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        transaction.set_rollback(True)
    if os.environ.get("FUZZ_LOG"):
        with open(os.environ["FUZZ_LOG"], "a") as log:
            mode = case.meta.generation.mode.value if case.meta else "?"
            log.write(
                f"{case.operation.label}\t{persona}\t{mode}\t{response.status_code}\t"
                f"{case.path_parameters}\t{case.body}\t{response.text[:300]}\n"
            )

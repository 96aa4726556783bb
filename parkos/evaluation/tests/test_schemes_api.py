"""Evaluation schemes in the API, read-only: a park's staff read their park's schemes and the
district's, with the indicators and weights each run will use."""

import itertools
from decimal import Decimal

from parkos.evaluation.entities import schemes
from parkos.evaluation.models import Scheme, SchemeIndicator
from parkos.testing.mixins import EntityTests
from parkos.testing.personas import ROLES

_n = itertools.count(1)
DISTRICT_WIDE = {"district_admin", "leader_district"}


class TestSchemes(EntityTests):
    entity = schemes
    sees = {role: {"a", "b", "d"} if role in DISTRICT_WIDE else {"a", "d"} for role in ROLES}

    def owners(self, world):
        return {"a": world.park_a, "b": world.park_b, "d": None}

    def make(self, world, owner):
        n = next(_n)
        return Scheme.objects.create(slug=f"scheme-{n}", name=f"评价办法{n}", park=owner)


def test_a_scheme_is_read_with_its_indicators(world, client):
    scheme = TestSchemes().make(world, None)
    SchemeIndicator.objects.create(scheme=scheme, code="tax_per_mu", weight=Decimal(40))
    client.force_login(world.users["park_admin"])
    answer = client.get(f"/api/v1/evaluation/schemes/{scheme.pk}").json()
    assert answer["park_id"] is None
    assert [(i["code"], i["weight"]) for i in answer["indicators"]] == [("tax_per_mu", "40.00")]
    assert client.delete(f"/api/v1/evaluation/schemes/{scheme.pk}").status_code == 405

"""Enquiries in the staff API: read in the park's scope, followed up (status and note) through
the same action as the enquiry page; never created or deleted there."""

import itertools

from parkos.portal.entities import enquiries
from parkos.portal.models import Enquiry
from parkos.testing.mixins import EntityTests
from parkos.testing.personas import ROLES

_n = itertools.count(1)
DISTRICT_WIDE = {"district_admin", "leader_district"}
IN_A_PARK = {"park_admin", "investment", "leader_park"}


class TestEnquiries(EntityTests):
    entity = enquiries
    sees = {
        role: {"a", "b"} if role in DISTRICT_WIDE else {"a"} if role in IN_A_PARK else set()
        for role in ROLES
    }
    import_keys = ("b", "a")

    def owners(self, world):
        return {"a": world.park_a, "b": world.park_b}

    def make(self, world, owner):
        return Enquiry.objects.create(
            park=owner,
            name="王先生",
            company=f"投资方{next(_n)}",
            phone="13800000000",
            message="需要 2000 平方米标准厂房",
        )

    def form_data(self, world, owner):
        return {"status": "contacted", "staff_note": "已电话联系"}


def test_an_api_follow_up_is_audited_and_unknown_statuses_refused(world, client):
    enquiry = TestEnquiries().make(world, world.park_a)
    client.force_login(world.users["investment"])
    url = f"/api/v1/enquiries/{enquiry.pk}"
    refused = client.patch(url, {"status": "won"}, content_type="application/json")
    assert refused.status_code == 422
    response = client.patch(url, {"status": "contacted"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "contacted"
    assert enquiry.history.latest().history_user == world.users["investment"]
    assert client.post("/api/v1/enquiries", {}, content_type="application/json").status_code == 405

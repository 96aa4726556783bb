"""Cluster schemes, clusters and tags, managed in the product: everyone reads them; a park's
admins change their park's own, district-wide users the district's as well."""

import itertools

from parkos.enterprises.entities import cluster_schemes, clusters, tags
from parkos.enterprises.models import Cluster, ClusterScheme, Tag
from parkos.testing.mixins import EntityTests
from parkos.testing.personas import ROLES

_n = itertools.count(1)

ALL = frozenset({"a", "b", "d"})
READ_BY_EVERYONE = dict.fromkeys(ROLES, ALL)
WRITTEN_BY_THEIR_PARK = {
    **dict.fromkeys(ROLES, frozenset()),
    "district_admin": ALL,
    "park_admin": {"a"},
}


class ParkOrDistrictTests(EntityTests):
    sees = READ_BY_EVERYONE
    writes = WRITTEN_BY_THEIR_PARK
    import_keys = ("b", "a")

    def owners(self, world):
        return {"a": world.park_a, "b": world.park_b, "d": None}


def _scheme(owner):
    return ClusterScheme.objects.create(name=f"管理体系{next(_n)}", park=owner)


class TestClusterSchemes(ParkOrDistrictTests):
    entity = cluster_schemes

    def make(self, world, owner):
        return _scheme(owner)

    def form_data(self, world, owner):
        return {"name": f"新体系{next(_n)}", "park": owner.pk if owner else "", "description": ""}


class TestClusters(ParkOrDistrictTests):
    entity = clusters

    def make(self, world, owner):
        return Cluster.objects.create(scheme=_scheme(owner), name=f"集群{next(_n)}", code="K")

    def form_data(self, world, owner):
        return {"scheme": _scheme(owner).pk, "name": f"新集群{next(_n)}", "code": "N", "order": 1}


class TestTags(ParkOrDistrictTests):
    """Tags are the staff's labels: read in their park (the district's everywhere), not by
    enterprise users."""

    entity = tags
    sees = {
        **dict.fromkeys(ROLES, frozenset({"a", "d"})),
        "district_admin": ALL,
        "leader_district": ALL,
        "enterprise": frozenset(),
    }

    def make(self, world, owner):
        return Tag.objects.create(name=f"标签{next(_n)}", park=owner)

    def form_data(self, world, owner):
        return {"name": f"新标签{next(_n)}", "park": owner.pk if owner else ""}


def test_a_park_admin_reads_the_district_scheme_but_cannot_change_it(world, client):
    scheme = ClusterScheme.objects.create(name="全区四大产业", park=None)
    client.force_login(world.users["park_admin"])
    page = client.get(scheme.get_absolute_url()).content.decode()
    assert "全区四大产业" in page and 'id="object-edit"' not in page
    assert client.get(f"/enterprises/cluster-schemes/{scheme.pk}/edit/").status_code == 403
    response = client.patch(
        f"/api/v1/cluster-schemes/{scheme.pk}", {"name": "改名"}, content_type="application/json"
    )
    assert response.status_code == 403
    scheme.refresh_from_db()
    assert scheme.name == "全区四大产业"


def test_the_same_tag_name_may_serve_two_parks_but_not_twice_in_one(world, client):
    Tag.objects.create(name="重点企业", park=world.park_b)
    client.force_login(world.users["park_admin"])
    first = client.post("/enterprises/tags/new/", {"name": "重点企业", "park": world.park_a.pk})
    assert first.status_code == 302
    again = client.post("/enterprises/tags/new/", {"name": "重点企业", "park": world.park_a.pk})
    assert again.status_code == 200 and Tag.objects.filter(name="重点企业").count() == 2

"""Parcels, a declared entity: the permission-aware suite, the map on the list and the page,
and the boundary sent as JSON through the API."""

import itertools
from decimal import Decimal

from parkos.space.entities import parcels
from parkos.space.models import Parcel
from parkos.testing.mixins import EntityTests

_n = itertools.count(1)
SQUARE = [[30.741, 121.341], [30.741, 121.343], [30.743, 121.343], [30.743, 121.341]]


class TestParcels(EntityTests):
    entity = parcels

    def make(self, world, owner):
        return Parcel.objects.create(
            park=owner.park, zone=owner.zone, code=f"P-{next(_n)}", area_mu=Decimal(30)
        )

    def form_data(self, world, owner):
        return {
            "code": f"新地块{next(_n)}",
            "park": owner.park_id,
            "zone": owner.zone_id,
            "area_mu": "42.5",
            "land_use": "industrial",
            "status": "available",
            "guide_price": "",
            "polygon": "",
            "overview": "",
            "published": "",
            "internal_note": "",
        }

    def import_file(self, world, owner):
        return (
            ["园区", "地块编号", "片区", "面积（亩）"],
            [[owner.park.name, f"导入地块{next(_n)}", owner.zone.name, 25]],
        )


def test_the_list_and_the_page_show_the_parcel_on_the_map(world, client):
    parcel = Parcel.objects.create(
        park=world.park_a, zone=world.zone_a1, code="MAP-1", area_mu=Decimal(30), polygon=SQUARE
    )
    client.force_login(world.users["investment"])
    assert 'id="space-map"' in client.get("/space/parcels/").content.decode()
    page = client.get(parcel.get_absolute_url()).content.decode()
    assert 'id="space-map"' in page and "MAP-1" in page and 'id="object-history"' in page


def test_the_api_takes_the_boundary_as_json(world, client):
    client.force_login(world.users["investment"])
    body = {
        "code": "API-1",
        "park": world.park_a.pk,
        "zone": world.zone_a1.pk,
        "area_mu": "12.5",
        "land_use": "industrial",
        "status": "available",
        "polygon": SQUARE,
    }
    response = client.post("/api/v1/parcels", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["polygon"] == SQUARE
    assert Parcel.objects.get(code="API-1").polygon == SQUARE

"""A park's roads, loaded from its GIS staff's GeoJSON, are the base of its maps on a closed
network: for its own staff and for visitors of its public buildings, never another park's."""

import json

import pytest
from django.core.management import CommandError, call_command

from parkos.parks.models import Park
from parkos.space.models import Parcel

GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "兴业路"},
            "geometry": {"type": "LineString", "coordinates": [[121.33, 30.74], [121.35, 30.74]]},
        },
        {
            "type": "Feature",
            "properties": {"name": "创新路"},
            "geometry": {
                "type": "MultiLineString",
                "coordinates": [
                    [[121.34, 30.73], [121.34, 30.75]],
                    [[121.36, 30.73], [121.36, 30.75]],
                ],
            },
        },
    ],
}


def _file(tmp_path, data):
    path = tmp_path / "roads.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_an_operator_loads_a_parks_roads_from_geojson(world, tmp_path):
    call_command("load_base_map", "甲园区", _file(tmp_path, GEOJSON), user="district")
    roads = Park.objects.get(name="甲园区").roads
    assert [r["name"] for r in roads] == ["兴业路", "创新路", "创新路"]
    assert roads[0]["line"] == [[30.74, 121.33], [30.74, 121.35]]  # GeoJSON is lng, lat
    assert world.park_a.history.first().history_user == world.users["district_admin"]


@pytest.mark.parametrize(
    ("geometry", "says"),
    [
        ({"type": "Point", "coordinates": [121.3, 30.7]}, "第 1 个要素是 Point"),
        ({"type": "LineString", "coordinates": [[2.35, 48.85], [2.36, 48.86]]}, "不是中国境内"),
        ({"type": "LineString", "coordinates": [[121.3, 30.7]]}, "至少需要两个点"),
    ],
)
def test_a_bad_file_says_which_feature_and_writes_nothing(world, tmp_path, geometry, says):
    data = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": geometry}]}
    with pytest.raises(CommandError) as refused:
        call_command("load_base_map", "甲园区", _file(tmp_path, data), user="district")
    assert says in str(refused.value)
    assert Park.objects.get(name="甲园区").roads == []


def test_the_maps_draw_their_own_parks_roads_only(world, client):
    world.park_a.roads = [{"name": "甲园区兴业路", "line": [[30.74, 121.33], [30.74, 121.35]]}]
    world.park_a.save()
    world.park_b.roads = [{"name": "乙园区海湾路", "line": [[30.8, 121.4], [30.8, 121.42]]}]
    world.park_b.save()
    Parcel.objects.create(park=world.park_a, zone=world.zone_a1, code="P-1", area_mu=10)
    client.force_login(world.users["park_admin"])
    roads = client.get("/space/parcels/").context["map"]["roads"]
    assert [road["name"] for road in roads] == ["甲园区兴业路"]

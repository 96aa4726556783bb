"""Creating and editing an enterprise on the page: validation that names the problem."""

from parkos.enterprises.models import Enterprise
from parkos.testing.factories import valid_uscc


def _data(world, **overrides):
    data = {
        "name": "上海新创科技有限公司",
        "uscc": valid_uscc(777),
        "park": world.park_a.pk,
        "zone": world.zone_a1.pk,
        "status": "operating",
        "own_land_mu": "12",
        "rented_floor_m2": "0",
        "industry": "C3841",
    }
    data.update(overrides)
    return data


def test_park_admin_creates_an_enterprise(world, client):
    client.force_login(world.users["park_admin"])
    response = client.post("/enterprises/new/", _data(world))
    firm = Enterprise.objects.get(name="上海新创科技有限公司")
    assert response["Location"] == firm.get_absolute_url()
    assert firm.industry_id == "C3841" and firm.name_initials.startswith("shxckj")


def test_bad_uscc_and_unknown_industry_are_explained(world, client):
    client.force_login(world.users["park_admin"])
    good = valid_uscc(778)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    body = client.post(
        "/enterprises/new/", _data(world, uscc=bad, industry="C9999")
    ).content.decode()
    assert good[-1] in body  # the expected check character
    assert "C9999" not in Enterprise.objects.values_list("industry_id", flat=True)
    assert not Enterprise.objects.filter(name="上海新创科技有限公司").exists()


def test_zone_must_belong_to_the_park(world, client):
    client.force_login(world.users["district_admin"])
    response = client.post(
        "/enterprises/new/", _data(world, park=world.park_b.pk, zone=world.zone_a1.pk)
    )
    assert response.status_code == 200
    assert not Enterprise.objects.filter(name="上海新创科技有限公司").exists()


def test_park_admin_cannot_place_an_enterprise_in_another_park(world, client):
    client.force_login(world.users["park_admin"])
    response = client.post("/enterprises/new/", _data(world, park=world.park_b.pk, zone=""))
    assert response.status_code == 200
    assert not Enterprise.objects.filter(name="上海新创科技有限公司").exists()


def test_landlord_is_named_by_uscc(world, client):
    client.force_login(world.users["park_admin"])
    client.post("/enterprises/new/", _data(world, landlord=world.firm_a2.uscc))
    tenant = Enterprise.objects.get(name="上海新创科技有限公司")
    assert tenant.landlord == world.firm_a2
    edit = client.get(f"/enterprises/{tenant.pk}/edit/").content.decode()
    assert f'name="landlord" value="{world.firm_a2.uscc}"' in edit
    body = client.post(
        "/enterprises/new/", _data(world, uscc=valid_uscc(779), landlord=world.firm_b.uscc)
    )
    assert "您管辖的园区中没有该信用代码的企业" in body.content.decode()


def test_each_cluster_and_tag_box_says_whose_it_is(world, client):
    from parkos.enterprises.models import Tag

    Tag.objects.create(name="重点企业", park=world.park_a)
    Tag.objects.create(name="重点企业", park=None)
    client.force_login(world.users["park_admin"])
    body = client.get(f"/enterprises/{world.firm_a1.pk}/edit/").content.decode()
    cluster = world.firm_a1.clusters.get()
    assert f"{cluster.name}（{cluster.scheme.name}）" in body
    assert f"重点企业（{world.park_a.short_name}）" in body

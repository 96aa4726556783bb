"""The public online park: only published fields of published spaces, enquiries validated,
bots and floods kept out, and every enquiry arriving on the staff side."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from parkos.portal.models import Enquiry
from parkos.space.models import Unit
from parkos.space.tests.test_space import make_building
from parkos.testing.personas import SENTINEL_TAX_A

SECRET_NOTE = "底价 0.66 元，业主急售 SENTINEL-NOTE"
HIDDEN_UNIT = "HIDDEN-UNIT-9"


@pytest.fixture(autouse=True)
def clear_rate_limits(db):
    cache.clear()  # the limit lives in the database cache, shared by every process


@pytest.fixture
def offer(world):
    shown = make_building(
        world.park_a,
        world.zone_a1,
        "PUB-1",
        floors=1,
        heights=("12",),
        loads=("30",),
        published=True,
        internal_note=SECRET_NOTE,
        ownership="enterprise",
        owner=world.firm_a1,
        power_kva=2000,
        latitude=30.74,
        longitude=121.33,
    )
    hidden = make_building(world.park_a, world.zone_a2, "SECRET-BLDG", published=False)
    Unit.objects.create(
        building=shown,
        code="101",
        floor=1,
        area_m2=Decimal(3000),
        published=True,
        rent_per_m2_day=Decimal("1.2"),
        internal_note=SECRET_NOTE,
    )
    Unit.objects.create(
        building=shown, code=HIDDEN_UNIT, floor=1, area_m2=Decimal(1000), published=False
    )
    Unit.objects.create(building=hidden, code="H1", floor=1, area_m2=Decimal(3000), published=True)
    return shown, hidden


def _public_pages(client, shown, hidden):
    pages = [
        client.get("/online/"),
        client.get("/online/space/"),
        client.get(f"/online/space/{shown.pk}-{shown.code}/"),
        client.get("/online/match/", {"area_min": 500, "area_max": 5000}),
        client.get("/online/space/", {"clear_height_min": 10, "power_min": 1000}),
    ]
    return [p.content.decode() for p in pages], client.get(f"/online/space/{hidden.pk}/")


def test_public_pages_show_published_space_and_leak_nothing(offer, world, client):
    shown, hidden = offer
    bodies, hidden_response = _public_pages(client, shown, hidden)
    assert hidden_response.status_code == 404
    everything = "\n".join(bodies)
    assert shown.name in everything and "3,000" in everything
    for secret in (
        SECRET_NOTE,
        "SENTINEL-NOTE",
        HIDDEN_UNIT,
        "SECRET-BLDG",
        world.firm_a1.uscc,
        str(SENTINEL_TAX_A),
        f"{SENTINEL_TAX_A / 10000:.2f}",
    ):
        assert secret not in everything, secret
    assert world.firm_a1.name not in everything  # an owner's identity is not published either


def test_a_building_address_reads_its_code_and_short_links_lead_there(offer, client):
    shown, _hidden = offer
    listing = client.get("/online/space/").content.decode()
    assert f'href="/online/space/{shown.pk}-{shown.code}/"' in listing
    short = client.get(f"/online/space/{shown.pk}/")
    assert (
        short.status_code == 301 and short["Location"] == f"/online/space/{shown.pk}-{shown.code}/"
    )
    shown.code = "3#/4号楼"  # a code that needs escaping, renamed after the link was shared
    shown.save()
    stale = client.get(f"/online/space/{shown.pk}-OLD/")
    assert stale["Location"] == f"/online/space/{shown.pk}-3%23/4%E5%8F%B7%E6%A5%BC/"
    page = client.get(stale["Location"])
    assert page.status_code == 200 and shown.name in page.content.decode()


def test_enquiry_arrives_on_the_staff_side(offer, world, client):
    shown, _hidden = offer
    response = client.post(
        f"/online/space/{shown.pk}/enquiry/",
        {
            "name": "王经理",
            "company": "某某精密机械有限公司",
            "phone": "138-0000-1234",
            "area_m2": "3000",
            "message": "需要单层厂房，行车 10 吨。",
            "consent": "on",
            "website": "",
        },
    )
    assert response.status_code == 200 and 'id="enquiry-received"' in response.content.decode()
    enquiry = Enquiry.objects.get()
    assert enquiry.park == world.park_a and enquiry.building == shown and enquiry.status == "new"
    client.force_login(world.users["investment"])
    assert "某某精密机械有限公司" in client.get("/enquiries/").content.decode()
    client.post(f"/enquiries/{enquiry.pk}/", {"status": "contacted", "staff_note": "已电话联系"})
    enquiry.refresh_from_db()
    assert enquiry.status == "contacted"
    client.force_login(world.users["park_admin"])
    assert client.get(f"/enquiries/{enquiry.pk}/").status_code == 200
    client.force_login(world.users["district_admin"])
    assert "某某精密机械有限公司" in client.get("/enquiries/").content.decode()
    other_park_admin = world.users["park_admin"]
    other_park_admin.park = world.park_b
    other_park_admin.save()
    client.force_login(other_park_admin)
    assert client.get(f"/enquiries/{enquiry.pk}/").status_code == 404


def test_enquiry_validation_says_what_is_wrong(offer, client):
    shown, _hidden = offer
    response = client.post(
        f"/online/space/{shown.pk}/enquiry/",
        {"name": "", "company": "x", "phone": "12", "message": ""},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "这个字段是必填项" in body and "至少 7 位" in body
    assert not Enquiry.objects.exists()


def test_a_bot_filling_the_honeypot_is_thanked_and_dropped(offer, client):
    shown, _hidden = offer
    response = client.post(
        f"/online/space/{shown.pk}/enquiry/",
        {
            "name": "bot",
            "company": "spam",
            "phone": "13800001234",
            "message": "cheap pills",
            "consent": "on",
            "website": "http://spam",
        },
    )
    assert response.status_code == 200 and 'id="enquiry-received"' in response.content.decode()
    assert not Enquiry.objects.exists()


def test_rate_limit_per_address(offer, client, settings):
    shown, _hidden = offer
    data = {
        "name": "张",
        "company": "某公司",
        "phone": "13800001234",
        "message": "你好",
        "consent": "on",
    }
    for _ in range(5):
        assert client.post(f"/online/space/{shown.pk}/enquiry/", data).status_code == 200
    refused = client.post(f"/online/space/{shown.pk}/enquiry/", data)
    assert refused.status_code == 429 and 'id="rate-limited"' in refused.content.decode()
    assert Enquiry.objects.count() == 5


def test_public_listing_filters(offer, client):
    shown, _hidden = offer
    assert shown.name in client.get("/online/space/", {"clear_height_min": 10}).content.decode()
    assert shown.name not in client.get("/online/space/", {"clear_height_min": 14}).content.decode()
    assert shown.name not in client.get("/online/space/", {"rent_max": "1.0"}).content.decode()
    assert shown.name in client.get("/online/space/", {"area_min": 2500}).content.decode()


def test_english_public_site(offer, client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/online/"})
    assert "Space on offer" in client.get("/online/").content.decode()


def test_the_pipeline_hook_hears_every_enquiry(offer, client, django_capture_on_commit_callbacks):
    from parkos.portal.signals import enquiry_received

    heard = []

    def receiver(sender, enquiry, **kwargs):
        heard.append(enquiry.company)

    enquiry_received.connect(receiver)
    try:
        shown, _hidden = offer
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                f"/online/space/{shown.pk}/enquiry/",
                {
                    "name": "张",
                    "company": "某某装备有限公司",
                    "phone": "13800001234",
                    "message": "你好",
                    "consent": "on",
                },
            )
    finally:
        enquiry_received.disconnect(receiver)
    assert heard == ["某某装备有限公司"]


def test_staff_find_space_for_an_enquiry_in_one_click(offer, world, client):
    shown, _hidden = offer
    enquiry = Enquiry.objects.create(
        park=world.park_a,
        building=shown,
        name="王经理",
        company="某某精密机械有限公司",
        phone="138-0000-1234",
        area_m2=Decimal(3000),
        message="需要厂房",
    )
    client.force_login(world.users["investment"])
    page = client.get(f"/enquiries/{enquiry.pk}/").content.decode()
    link = f"/space/match/?area_min=2400&amp;area_max=3600&amp;must=area&amp;zone={shown.zone_id}"
    assert f'href="{link}"' in page
    matches = client.get(link.replace("&amp;", "&")).content.decode()
    assert f"{shown.name} · 101（" in matches
    # Without an area there is nothing to match on, so no link.
    enquiry.area_m2 = None
    enquiry.save()
    assert 'id="match-enquiry"' not in client.get(f"/enquiries/{enquiry.pk}/").content.decode()


def test_the_form_says_what_it_keeps_and_why_and_keeps_nothing_without_consent(offer, client):
    shown, _hidden = offer
    page = client.get(f"/online/space/{shown.pk}/", follow=True).content.decode()
    assert 'id="privacy-notice"' in page and "仅本园区招商人员可见" in page
    data = {"name": "张", "company": "某公司", "phone": "13800001234", "message": "你好"}
    response = client.post(f"/online/space/{shown.pk}/enquiry/", data)
    assert response.status_code == 400 and "请同意" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_numbers_read_as_figures_not_raw_decimals(offer, client):
    """层高 3.9 m read 3.90000000000000 m on the listing (an aggregate over SQLite decimals)."""
    from parkos.space.models import FloorSpec

    shown, _hidden = offer
    FloorSpec.objects.filter(building=shown).update(clear_height_m=Decimal("3.9"))
    listing = client.get("/online/space/").content.decode()
    assert "3.90 m" in listing and "3.9000" not in listing
    body = client.get(f"/online/space/{shown.pk}/", follow=True).content.decode()
    assert ">3.90<" in body and ">30.0<" in body and ">1.20<" in body

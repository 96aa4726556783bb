"""The demo district: deterministic, idempotent, realistic, with its edge cases."""

from django.core.management import call_command

from parkos.enterprises.demo import MAIN_PARK, DemoSize, generate
from parkos.enterprises.models import Enterprise, HonourAward, IndicatorMonth, IndicatorYear
from parkos.enterprises.validators import uscc_error
from parkos.parks.models import Park


def _snapshot():
    return list(Enterprise.objects.order_by("id").values_list("name", "uscc", "own_land_mu"))


def test_same_seed_same_district_and_running_twice_adds_nothing(db):
    generate(DemoSize(enterprises=60), seed=3)
    first = _snapshot()
    assert len(first) == 60
    generate(DemoSize(enterprises=60), seed=3)
    assert _snapshot() == first
    Enterprise.objects.all().delete()
    generate(DemoSize(enterprises=60), seed=3)
    assert [row[:2] for row in _snapshot()] == [row[:2] for row in first]


def test_demo_is_realistic_and_has_its_edge_cases(db):
    call_command("seed_demo", "--enterprises", "200", "--seed", "5")
    main = Park.objects.get(name=MAIN_PARK)
    assert main.zones.count() == 12 and all(z.steward_id for z in main.zones.all())
    firms = Enterprise.objects.all()
    assert all(uscc_error(f.uscc) is None for f in firms)
    assert firms.filter(own_land_mu=0, rented_floor_m2=0).exists()  # no land
    assert firms.exclude(status="operating").exists()  # moved out or closed
    assert IndicatorYear.objects.filter(energy_tce__isnull=True).exists()  # missing energy data
    # 2021–2024 are the demo's own years; 2020 is seed article 003's (see demo.SEED_003_YEAR).
    years = set(IndicatorYear.objects.values_list("year", flat=True))
    assert years == {2020, 2021, 2022, 2023, 2024}
    months = IndicatorMonth.objects.order_by().values_list("year", "month").distinct()
    assert len(months) == 24 and min(months) == (2023, 1)
    assert 0.2 < firms.filter(is_above_scale=True).count() / firms.count() < 0.8
    assert HonourAward.objects.filter(year=2024).count() == 42


def test_the_firms_the_seed_articles_name_are_in_the_demo(db, client):
    """The README's own example: `tbj` finds 特百佳, whose 2024 sales are the article's 6 亿."""
    from decimal import Decimal

    from parkos.accounts.models import User
    from parkos.enterprises.demo import SEED_FIRMS

    generate(DemoSize(enterprises=60), seed=3)
    for name, *_rest in SEED_FIRMS:
        assert Enterprise.objects.get(name=name).status == "operating", name
    tbj = Enterprise.objects.get(name="特百佳动力科技股份有限公司")
    assert tbj.industry_id == "C3670" and tbj.park.name == MAIN_PARK
    assert IndicatorYear.objects.get(enterprise=tbj, year=2024).revenue == Decimal(6 * 10**8)
    leader = User.objects.create(username="leader", role="leader")  # district-wide
    client.force_login(leader)
    body = client.get("/enterprises/", {"q": "tbj"}).content.decode()
    assert "特百佳动力科技股份有限公司" in body and "共 1 条" in body

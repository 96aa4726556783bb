"""Visit frequency (走访频次) on hand-counted cases: operating enterprises by their done visits
in a year (0, 1, 2–3, 4+), in total, by zone and by steward, with the drill-down to the
enterprises; and the portrait's count of the last 12 months."""

import datetime as dt

from django.utils import timezone

from parkos.enterprises.choices import EnterpriseStatus
from parkos.service import queries
from parkos.service.choices import VisitStatus
from parkos.service.models import Visit
from parkos.testing.factories import EnterpriseFactory


def visits(firm, *days, status=VisitStatus.DONE, year=2025):
    for day in days:
        Visit.objects.create(
            enterprise=firm, steward=firm.steward, on=dt.date(year, 1, day), status=status
        )


def cases(world):
    """Zone A1: firm A1 visited 4 times in 2025 (and once in 2024, once planned: not
    counted), A1b twice, A1c never, a closed firm (not counted). Zone A2: firm A2 once."""
    a1b = EnterpriseFactory(name="甲一乙公司", park=world.park_a, zone=world.zone_a1)
    a1c = EnterpriseFactory(name="甲一丙公司", park=world.park_a, zone=world.zone_a1)
    gone = EnterpriseFactory(
        name="甲一注销公司", park=world.park_a, zone=world.zone_a1, status=EnterpriseStatus.CLOSED
    )
    visits(world.firm_a1, 3, 10, 17, 24)
    visits(world.firm_a1, 5, year=2024)
    visits(world.firm_a1, 28, status=VisitStatus.PLANNED)
    visits(a1b, 6, 7)
    visits(world.firm_a2, 8)
    visits(gone, 9)
    return a1b, a1c


def bands(frequency):
    return dict(frequency.visits)


def test_the_distribution_in_total_by_zone_and_by_steward(world):
    cases(world)
    from parkos.enterprises.models import Enterprise

    result = queries.visit_frequency(Enterprise.objects.filter(park=world.park_a), 2025)
    assert bands(result["total"][0]) == {"0": 1, "1": 1, "2-3": 1, "4+": 1}
    by_zone = {str(f.label): bands(f) for f in result["zone"]}
    assert by_zone == {
        "甲一片区": {"0": 1, "1": 0, "2-3": 1, "4+": 1},
        "甲二片区": {"0": 0, "1": 1, "2-3": 0, "4+": 0},
    }
    by_steward = {str(f.label): f.total for f in result["steward"]}
    assert by_steward == {
        world.zone_a1.steward.display_name: 3,
        world.zone_a2.steward.display_name: 1,
    }


def test_leaders_read_it_on_the_figures_page_and_drill_down(world, client):
    a1b, a1c = cases(world)
    client.force_login(world.users["leader_park"])
    page = client.get("/service/figures/?year=2025").content.decode()
    total = page[page.index('id="visit-frequency-total"') :].split("</table>")[0]
    drill = "/service/figures/visits/?year=2025&amp;band=4+"
    assert f'<td class="text-end" data-band="4+"><a href="{drill}">1</a>' in total
    zones = page[page.index('id="visit-frequency-zone"') :].split("</table>")[0]
    assert "甲一片区" in zones and "甲二片区" in zones

    # The zone's "never visited" figure opens the list of those enterprises.
    zone = world.zone_a1.pk
    listing = client.get(f"/service/figures/visits/?year=2025&zone_id={zone}&band=0")
    body = listing.content.decode()
    assert a1c.name in body and a1b.name not in body and world.firm_a1.name not in body
    body = client.get(f"/service/figures/visits/?year=2025&zone_id={zone}").content.decode()
    rows = body[body.index('id="visit-frequency"') :]
    assert rows.index(a1c.name) < rows.index(a1b.name) < rows.index(world.firm_a1.name)
    assert "甲一注销公司" not in rows


def test_a_steward_reads_only_their_zones_and_enterprises_do_not_read_it(world, client):
    cases(world)
    client.force_login(world.users["steward"])
    page = client.get("/service/figures/?year=2025").content.decode()
    zones = page[page.index('id="visit-frequency-zone"') :].split("</table>")[0]
    assert "甲一片区" in zones and "甲二片区" not in zones
    body = client.get("/service/figures/visits/?year=2025").content.decode()
    assert world.firm_a2.name not in body and world.firm_a1.name in body
    client.force_login(world.users["enterprise"])
    assert client.get("/service/figures/visits/").status_code == 403


def test_the_portrait_counts_the_visits_of_the_last_12_months(world, client):
    today = timezone.localdate()
    for days_ago in (1, 100, 364, 366, 800):
        Visit.objects.create(
            enterprise=world.firm_a1,
            steward=world.users["steward"],
            on=today - dt.timedelta(days=days_ago),
            status=VisitStatus.DONE,
        )
    Visit.objects.create(
        enterprise=world.firm_a1, steward=world.users["steward"], on=today, status="planned"
    )
    client.force_login(world.users["leader_park"])
    body = client.get(world.firm_a1.get_absolute_url()).content.decode()
    section = body[body.index('id="portrait-visits"') :].split("</div></div>")[0]
    assert "近 12 个月走访 3 次" in section
    assert (today - dt.timedelta(days=1)).isoformat() in section
    client.force_login(world.users["enterprise"])  # the staff's visits are not the firm's
    assert (
        'id="portrait-visits"' not in client.get(world.firm_a1.get_absolute_url()).content.decode()
    )

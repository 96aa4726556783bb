"""The demo park's 2024 rows give the article's figures exactly: 44 events, 868 enterprise
attendances, 3 finance events; round 7 of 湾区贷 with 12 firms, 7.69 亿元 demanded and one firm
granted a credit line. Loading twice adds nothing."""

from decimal import Decimal

from parkos.enterprises.demo import MAIN_PARK, DemoSize, generate
from parkos.parks.models import Park
from parkos.programmes.demo_events import seed_events_and_financing
from parkos.programmes.figures import event_figures
from parkos.programmes.financing.figures import round_figures
from parkos.programmes.financing.models import FinancingDemand, LoanRound
from parkos.programmes.models import Attendance, Event, Registration


def test_the_demo_park_reproduces_the_articles_2024_programmes(db):
    generate(DemoSize(enterprises=120, months=0, history=False), seed=4)
    assert seed_events_and_financing() > 0
    counts = (Event.objects.count(), Attendance.objects.count(), FinancingDemand.objects.count())
    assert seed_events_and_financing() == 0  # loaded once
    assert counts == (
        Event.objects.count(),
        Attendance.objects.count(),
        FinancingDemand.objects.count(),
    )
    park = Park.objects.get(name=MAIN_PARK)
    figures = event_figures(
        Event.objects.filter(park=park),
        Registration.objects.filter(event__park=park),
        Attendance.objects.filter(event__park=park),
        2024,
    )
    year = figures["year"][()]
    assert (year["events"], year["attendances"]) == (44, 868)
    assert figures["kinds"][("finance_matching",)]["events"] == 3
    assert year["registered"] > 0 and Attendance.objects.filter(rating__isnull=False).exists()
    round7 = LoanRound.objects.get(programme__park=park, programme__name="湾区贷", number=7)
    (row,) = round_figures(FinancingDemand.objects.all(), [round7])
    assert (row["firms"], row["demanded"]) == (12, Decimal("769000000.00"))
    assert (row["granted_firms"], row["granted"]) == (1, Decimal("50000000.00"))

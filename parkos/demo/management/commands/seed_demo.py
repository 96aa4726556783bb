"""Load the demo district: 2 parks (the main one with 12 zones), enterprises with four years of
yearly and 24 months of monthly figures, honours, stewards, the admission bar and published
per-mu evaluations of the last two years, parcels, buildings and units, enquiries and the
investment pipeline of 2022–2024, the enterprise service's year up to today (departments,
visits, requests, service packages), the 2024 events, park loan rounds, policy projects and
honour applications, the display-panel chain of seed 003. Running it again adds nothing."""

from django.core.management.base import BaseCommand

from parkos.chains import demo as chains_demo
from parkos.enterprises.demo import DemoSize, generate
from parkos.evaluation import demo as evaluation_demo
from parkos.investment import demo as investment_demo
from parkos.portal import demo as portal_demo
from parkos.programmes.demo import seed_policy
from parkos.programmes.demo_events import seed_events_and_financing
from parkos.reports import demo as reports_demo
from parkos.service import demo as service_demo
from parkos.space import demo as space_demo


class Command(BaseCommand):
    help = "Load the fictional demo district (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--enterprises", type=int, default=DemoSize.enterprises)
        parser.add_argument("--seed", type=int, default=2024, help="same seed, same district")

    def handle(self, enterprises, seed, **options):
        created = generate(DemoSize(enterprises=enterprises), seed=seed)
        evaluation_demo.seed()
        space_demo.seed()
        portal_demo.seed()
        investment_demo.seed()
        service_demo.seed()
        seed_policy()
        seed_events_and_financing(seed)
        chains_demo.seed()
        reports_demo.seed()  # last: the warnings read every domain's rows
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo district loaded: {created} enterprises."))
        else:
            self.stdout.write("Demo district already loaded; nothing added.")

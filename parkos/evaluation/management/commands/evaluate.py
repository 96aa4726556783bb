"""Run an evaluation scheme for a year from the command line.

python manage.py evaluate --scheme huangyan-above-scale --year 2024 [--park NAME] [--publish]
"""

from django.core.management.base import BaseCommand, CommandError

from parkos.evaluation.models import Scheme
from parkos.evaluation.services import publish, run_evaluation
from parkos.parks.models import Park


class Command(BaseCommand):
    help = "Score and grade every enterprise with a scheme for a year (a new draft run)."

    def add_arguments(self, parser):
        parser.add_argument("--scheme", required=True, help="the scheme's code (slug)")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--park", help="the park's name; default: the whole district")
        parser.add_argument("--publish", action="store_true")

    def handle(self, scheme, year, park, **options):
        found = Scheme.objects.filter(slug=scheme).first()
        if found is None:
            codes = ", ".join(Scheme.objects.values_list("slug", flat=True))
            raise CommandError(f"no scheme {scheme!r}; schemes: {codes}")
        park_obj = None
        if park:
            park_obj = Park.objects.filter(name=park).first()
            if park_obj is None:
                raise CommandError(f"no park {park!r}")
        run = run_evaluation(actor=None, scheme=found, year=year, park=park_obj)
        if options["publish"]:
            publish(actor=None, run=run)
        grades = {g: run.results.filter(grade=g).count() for g in "ABCD"}
        self.stdout.write(
            f"Run {run.pk}: {run.rated_count} rated, {run.not_rated_count} not rated, "
            f"A {grades['A']} B {grades['B']} C {grades['C']} D {grades['D']}, {run.seconds:.2f} s"
            + (" (published)" if options["publish"] else " (draft)")
        )

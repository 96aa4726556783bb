"""The evaluation part of the demo district: the seed district's admission bar and published
evaluations of the last two years, so the dashboard shows grade moves."""

from decimal import Decimal

from parkos.parks.models import Park

from .models import AdmissionBar, Run, Scheme
from .services import publish, run_evaluation

# 亩均投资 600 万元, 亩均产出 800 万元, 亩均税收 100 万元 (seed article 003).
BAR = {
    "investment_per_mu": Decimal(6_000_000),
    "output_per_mu": Decimal(8_000_000),
    "tax_per_mu": Decimal(1_000_000),
}


def seed(years=(2023, 2024)):
    for park in Park.objects.all():
        AdmissionBar.objects.get_or_create(park=park, defaults={**BAR, "note": "“十四五”区级标准"})
    if Run.objects.exists():
        return
    for scheme in Scheme.objects.filter(is_preset=True):
        for year in years:
            publish(actor=None, run=run_evaluation(actor=None, scheme=scheme, year=year))

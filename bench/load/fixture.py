"""The import user's file: the main demo park's monthly figures of its last year, as the
statistics bureau would send them again with every amount revised up 1 % (`python -m
bench.load.fixture OUT.csv`, DATABASE_URL set). More rows than PARKOS_IMPORT_BACKGROUND_ROWS,
so its check and its commit run on the task worker, as a real month-end import does."""

import csv
import os
import sys
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parkos.settings")
django.setup()

from django.db.models import Max  # noqa: E402

from parkos.enterprises.demo import MAIN_PARK  # noqa: E402
from parkos.enterprises.models import IndicatorMonth  # noqa: E402

COLUMNS = ["统一社会信用代码", "企业名称", "年份", "月份"]
COLUMNS += ["产值（元）", "营业收入（元）", "税收（元）"]


def revised(value):
    return "" if value is None else str((value * Decimal("1.01")).quantize(Decimal("0.01")))


def main(path):
    months = IndicatorMonth.objects.filter(enterprise__park__name=MAIN_PARK)
    year = months.aggregate(year=Max("year"))["year"]
    rows = months.filter(year=year).select_related("enterprise").order_by("enterprise_id", "month")
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for m in rows:
            writer.writerow(
                [
                    m.enterprise.uscc,
                    m.enterprise.name,
                    m.year,
                    m.month,
                    revised(m.output_value),
                    revised(m.revenue),
                    revised(m.tax_paid),
                ]
            )
    print(f"{path}: {rows.count()} rows of {year}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])

"""Ship GB/T 4754-2017 as data: all sections and divisions, and the groups and classes of
manufacturing (section C), from parkos/enterprises/data/gbt4754_2017.csv."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "gbt4754_2017.csv"


def parent_code(code, level):
    """A division's parent is its section letter; a group's or class's, its code less a digit."""
    if level == "section":
        return None
    return code[0] if level == "division" else code[:-1]


def load(apps, schema_editor):
    Industry = apps.get_model("enterprises", "Industry")
    with DATA.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    Industry.objects.bulk_create(
        [Industry(code=r["code"], name=r["name"], level=r["level"]) for r in rows], ignore_conflicts=True
    )
    children = [Industry(code=r["code"], parent_id=parent_code(r["code"], r["level"])) for r in rows]
    Industry.objects.bulk_update([c for c in children if c.parent_id], ["parent"], batch_size=500)


def unload(apps, schema_editor):
    apps.get_model("enterprises", "Industry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0002_initial")]
    operations = [migrations.RunPython(load, unload)]

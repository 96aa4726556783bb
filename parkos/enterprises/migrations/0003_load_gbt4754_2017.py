"""Ship GB/T 4754-2017 as data, from parkos/enterprises/data/gbt4754_2017.csv (the whole table;
the file first held only the groups and classes of manufacturing, and 0011 completes databases
loaded from it)."""

from django.db import migrations

from parkos.enterprises.reference import load_industries


def load(apps, schema_editor):
    load_industries(apps.get_model("enterprises", "Industry"))


def unload(apps, schema_editor):
    apps.get_model("enterprises", "Industry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0002_initial")]
    operations = [migrations.RunPython(load, unload)]

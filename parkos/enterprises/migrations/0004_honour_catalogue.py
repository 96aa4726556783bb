"""The honour catalogue of the seed article: the types and levels a park reports each year."""

from django.db import migrations

from parkos.enterprises.reference import HONOUR_CATALOGUE, load_honour_catalogue


def load(apps, schema_editor):
    load_honour_catalogue(apps.get_model("enterprises", "HonourType"))


def unload(apps, schema_editor):
    HonourType = apps.get_model("enterprises", "HonourType")
    for name, level, _description in HONOUR_CATALOGUE:
        HonourType.objects.filter(name=name, level=level, awards__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0003_load_gbt4754_2017")]
    operations = [migrations.RunPython(load, unload)]

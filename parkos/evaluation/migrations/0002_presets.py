"""Load the preset schemes (parkos/evaluation/presets.py)."""

from django.db import migrations

from parkos.evaluation.presets import PRESETS, load_presets


def load(apps, schema_editor):
    load_presets(apps.get_model("evaluation", "Scheme"), apps.get_model("evaluation", "SchemeIndicator"))


def unload(apps, schema_editor):
    apps.get_model("evaluation", "Scheme").objects.filter(slug__in=[p["slug"] for p in PRESETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

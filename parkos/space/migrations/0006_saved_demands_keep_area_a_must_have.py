"""Saved demands keep what they meant. Before must-haves could be marked, the area range always
excluded the units outside it; a saved demand's criteria (the match page's query) now say so
with `must=area`, and a query without `must` marks nothing a must-have."""

from django.db import migrations


def mark_area_a_must_have(apps, schema_editor):
    SavedDemand = apps.get_model("space", "SavedDemand")
    for demand in SavedDemand.objects.all().iterator():
        if "must" not in demand.criteria:
            demand.criteria = {**demand.criteria, "must": ["area"]}
            demand.save(update_fields=["criteria"])


def unmark(apps, schema_editor):
    SavedDemand = apps.get_model("space", "SavedDemand")
    for demand in SavedDemand.objects.all().iterator():
        if demand.criteria.get("must") == ["area"]:
            demand.criteria = {k: v for k, v in demand.criteria.items() if k != "must"}
            demand.save(update_fields=["criteria"])


class Migration(migrations.Migration):
    dependencies = [("space", "0005_historicalphoto_historicalsaveddemand")]

    operations = [migrations.RunPython(mark_area_a_must_have, unmark)]

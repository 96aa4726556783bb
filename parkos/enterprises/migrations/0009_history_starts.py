# History is kept for cluster schemes, clusters and tags from migration 0007 on: record each
# row as it was then, so its first change shows before → after.

from django.db import migrations


def start_history(apps, schema_editor):
    from parkos.core.history import record_initial_history

    for name in ("ClusterScheme", "Cluster", "Tag"):
        model = apps.get_model("enterprises", name)
        history = apps.get_model("enterprises", f"Historical{name}")
        if not history.objects.exists():
            record_initial_history(model, history)


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0008_tags_read_in_their_park")]

    operations = [migrations.RunPython(start_history, migrations.RunPython.noop)]

from django.db import migrations


def load(apps, schema_editor):
    from parkos.service.reference import load_categories

    load_categories(apps.get_model("service", "RequestCategory"))


class Migration(migrations.Migration):
    dependencies = [("service", "0001_requests")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

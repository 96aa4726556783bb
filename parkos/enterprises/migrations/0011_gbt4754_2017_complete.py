"""Complete GB/T 4754-2017: a database loaded by 0003 from the earlier data file (sections,
divisions and manufacturing only) gains the groups and classes of the other 19 sections, and
every row takes the file's name, level and parent. The loader only adds and updates: no code is
deleted, so enterprises keep the codes they refer to."""

from django.db import migrations

from parkos.enterprises.reference import load_industries


def load(apps, schema_editor):
    load_industries(apps.get_model("enterprises", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0010_contact_phone_permission")]
    # Reversing keeps the codes: enterprises may already refer to the ones added here.
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

"""Search keys hold every plausible reading of a name (单县: shanxian and danxian), so they grow
from one reading to several: text fields, and every stored name read again."""

from django.db import migrations, models

CHUNK = 2000


def read_names_again(apps, schema_editor):
    from parkos.enterprises.pinyin import search_keys

    Enterprise = apps.get_model("enterprises", "Enterprise")
    rows = Enterprise.objects.only("pk", "name").order_by("pk")
    last = 0
    while chunk := list(rows.filter(pk__gt=last)[:CHUNK]):
        for enterprise in chunk:
            enterprise.name_initials, enterprise.name_pinyin = search_keys(enterprise.name)
        Enterprise.objects.bulk_update(chunk, ["name_initials", "name_pinyin"])
        last = chunk[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0011_gbt4754_2017_complete"),
    ]

    operations = [
        migrations.AlterField(
            model_name="enterprise",
            name="name_initials",
            field=models.TextField(editable=False),
        ),
        migrations.AlterField(
            model_name="enterprise",
            name="name_pinyin",
            field=models.TextField(editable=False),
        ),
        migrations.RunPython(read_names_again, migrations.RunPython.noop),
    ]

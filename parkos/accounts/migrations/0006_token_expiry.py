from datetime import timedelta

from django.db import migrations, models


def expire_in_ninety_days(apps, schema_editor):
    """Tokens made before expiry existed work 90 days from the day they were made."""
    APIToken = apps.get_model("accounts", "APIToken")
    for token in APIToken.objects.all():
        token.expires = token.created + timedelta(days=90)
        token.save(update_fields=["expires"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_password_history")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires",
            field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.RunPython(expire_in_ninety_days, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires",
            field=models.DateTimeField(verbose_name="expires"),
        ),
    ]

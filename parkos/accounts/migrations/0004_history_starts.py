# History is kept for users from migration 0003 on: record each user as they were then, so the
# first change of a role, park or enterprise shows before → after.

from django.db import migrations


def start_history(apps, schema_editor):
    from parkos.core.history import record_initial_history

    user, history = apps.get_model("accounts", "User"), apps.get_model("accounts", "HistoricalUser")
    if not history.objects.exists():
        record_initial_history(user, history)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_user_history_and_scope")]

    operations = [migrations.RunPython(start_history, migrations.RunPython.noop)]

"""`manage.py check` warns when next year's holiday notice is due and not shipped."""

from django.core import checks
from django.utils import timezone

from .workdays import calendar

NOTICE_MONTH = 11  # the State Council announces the next year's holidays in November


@checks.register()
def holiday_notice_shipped(app_configs, **kwargs):
    today = timezone.localdate()
    needed = today.year + 1 if today.month >= NOTICE_MONTH else today.year
    shipped = calendar().years
    if needed < shipped.stop:
        return []
    return [
        checks.Warning(
            f"The working-day calendar ends with {shipped.stop - 1}: deadlines in {shipped.stop} "
            "count Monday to Friday and are marked provisional.",
            hint=f"Add the State Council's holiday notice for {shipped.stop} to "
            "parkos/service/data/workdays.toml (docs/service.md).",
            id="service.W001",
        )
    ]

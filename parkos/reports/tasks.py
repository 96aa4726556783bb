from django.tasks import task

from .early_warnings import evaluate


@task
def evaluate_month(year: int, month: int) -> int:
    """The early warnings of one month, in the task worker (after an import of monthly
    figures); the number of new warnings."""
    return evaluate(year, month)


def on_months_imported(sender, months, **kwargs):
    """An import of monthly figures: evaluate its latest month (a file of past years would
    otherwise raise a warning for every month of them)."""
    year, month = max(months)
    evaluate_month.enqueue(year, month)

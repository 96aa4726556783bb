from django.tasks import task

from . import services


@task
def run_import_batch(batch_id: int, step: str, actor_id: int | None = None) -> None:
    """Background half of a large import or rollback; progress is written to the batch as rows
    are read."""
    services.run_batch(batch_id, step, actor_id)

"""Background work: large imports run on the task queue (django.tasks).

With TASKS_BACKEND=database the task is stored and `manage.py db_worker` runs it; otherwise the
immediate backend runs it inline. Either way the batch's `pending` list is the source of truth,
so enqueueing the same batch again after a crash resumes it.
"""
from __future__ import annotations

from django.tasks import task

from .models import ImportBatch


@task
def run_import_batch(batch_id: int) -> dict:
    from .importing import run_batch

    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.status == ImportBatch.Status.DONE:
        return {"status": batch.status}
    run_batch(batch)
    return {"status": batch.status, "imported": batch.imported, "duplicates": batch.duplicates,
            "rejected": batch.rejected}

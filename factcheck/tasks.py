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


@task
def analyse_articles(article_ids: list[int], user_id: int | None = None, rerun: bool = False) -> dict:
    """Analyse articles stored without analysis (a large admin bulk import), or re-run it on
    chosen ones, one atomic article at a time; one that fails is logged and the rest go on."""
    import logging

    from django.contrib.auth import get_user_model

    from .analyzing import analyze_article
    from .models import Article

    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    done, failed = 0, []
    articles = Article.objects.filter(pk__in=article_ids)
    if not rerun:
        articles = articles.filter(analysed_at=None)
    for article in articles.iterator():
        try:
            analyze_article(article=article, user=user)
            done += 1
        except Exception:
            logging.getLogger(__name__).exception("Analysis of article %s failed", article.pk)
            failed.append(article.pk)
    return {"analysed": done, "failed": failed}

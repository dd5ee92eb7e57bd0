"""The import service: one atomic article at a time, duplicates, revisions and batches."""
from __future__ import annotations

import csv

import pytest

from factcheck import analysis, importing
from factcheck.importing import ImportRejected, import_entry, import_text, run_batch
from factcheck.models import Annotation, Article, Assertion, History, ImportBatch
from factcheck.parsers import Entry
from factcheck.revisions import carry_annotations, locate

from .import_support import BRIDGE, QUIET, SAMPLES, article_text

pytestmark = pytest.mark.django_db


def test_it_stores_the_article_and_the_assertions_the_engine_found():
    outcome = import_text(text=SAMPLES[1]["text"], title=SAMPLES[1]["title"], url=SAMPLES[1]["url"])
    assert outcome.status == "imported"
    article = outcome.article
    assert article.analysed_at is not None
    assert Assertion.objects.filter(article=article).count() == outcome.summary.assertions > 0
    assert list(History.objects.filter(article=article).values_list("action", flat=True).order_by("pk")) == [
        "imported", "analysed"]


def test_the_same_text_imported_twice_is_stored_once_and_reported_as_a_duplicate():
    first = import_text(text=BRIDGE, url="https://news.example/bridge")
    again = import_text(text="  " + BRIDGE.replace("\n\n", "\n \n") + "\n", url="https://news.example/bridge")
    assert again.status == "duplicate"
    assert again.article == first.article
    assert "Already imported" in again.message
    assert Article.objects.count() == 1


def test_a_changed_version_of_a_stored_url_becomes_a_new_revision():
    first = import_text(text=BRIDGE, url="https://news.example/bridge")
    changed = import_text(text=BRIDGE + "\n\nUpdate: the bridge reopened on Friday.", url="https://news.example/bridge")
    assert changed.status == "revision"
    assert changed.article.revision_of == first.article
    assert first.article.text == BRIDGE  # the old snapshot is untouched
    assert Article.objects.count() == 2


def test_annotations_are_carried_to_the_new_revision_at_their_new_offsets():
    old = import_text(text=BRIDGE, url="https://news.example/bridge", analyse=False).article
    quote = "cracks in two of its steel supports"
    start = BRIDGE.index(quote)
    Annotation.objects.create(article=old, quote=quote, prefix=BRIDGE[start - 20:start], suffix=BRIDGE[start + len(quote):][:20],
                              start=start, end=start + len(quote), body="Ask the ministry for the report.")
    new_text = "Updated 10:00.\n\n" + BRIDGE
    outcome = import_text(text=new_text, url="https://news.example/bridge", analyse=False)
    carried = Annotation.objects.get(article=outcome.article)
    assert not carried.orphaned
    assert new_text[carried.start:carried.end] == quote
    assert carried.start == start + len("Updated 10:00.\n\n")
    assert outcome.orphans == []


def test_annotations_whose_quote_is_gone_are_kept_as_orphans_and_reported():
    old = import_text(text=BRIDGE, url="https://news.example/bridge", analyse=False).article
    quote = "found no damage"
    start = BRIDGE.index(quote)
    Annotation.objects.create(article=old, quote=quote, start=start, end=start + len(quote), body="Check this.")
    outcome = import_text(text=BRIDGE.replace("found no damage", "found minor wear"),
                          url="https://news.example/bridge", analyse=False)
    assert [a.body for a in outcome.orphans] == ["Check this."]
    orphan = Annotation.objects.get(article=outcome.article)
    assert orphan.orphaned and orphan.carried_from.article == old
    assert "orphans" in outcome.message
    assert Annotation.objects.filter(article=old, orphaned=False).count() == 1  # never dropped


def test_locate_prefers_the_occurrence_whose_context_matches():
    text = "the bridge is open. Later: the bridge is closed."
    assert locate(text, "the bridge", "Later: ", " is closed", 0) == text.index("Later: ") + len("Later: ")
    assert locate(text, "the tunnel", "", "", 0) == -1


def test_carry_annotations_writes_a_history_row_per_annotation():
    old = import_text(text=BRIDGE, url="https://news.example/b", analyse=False).article
    new = import_text(text=BRIDGE + "\n\nMore.", url="https://news.example/c", analyse=False).article
    Annotation.objects.create(article=old, quote="harbour bridge", start=BRIDGE.index("harbour bridge"),
                              end=BRIDGE.index("harbour bridge") + 14, body="n")
    carry_annotations(old=old, new=new)
    assert History.objects.filter(article=new, action="annotation-carried").count() == 1


def test_an_article_without_attributed_assertions_is_imported_with_a_note():
    outcome = import_text(text=QUIET)
    assert outcome.status == "imported"
    assert outcome.summary.assertions == 0
    assert "No attributed assertions" in outcome.message


def test_empty_text_is_rejected_with_a_clear_message():
    with pytest.raises(ImportRejected, match="no text"):
        import_text(text=" \n\t ")


def test_a_crash_in_analysis_leaves_no_partial_article_and_the_others_import(monkeypatch):
    real = analysis.analyze

    def flaky(text):
        if "number 1\n" in text:
            raise RuntimeError("engine exploded")
        return real(text)

    monkeypatch.setattr(analysis, "analyze", flaky)
    outcomes = [import_entry(Entry(f"item {n}", {"text": article_text(n)})) for n in range(3)]
    assert [o.status for o in outcomes] == ["imported", "rejected", "imported"]
    assert "nothing was stored" in outcomes[1].message
    assert not Article.objects.filter(text__contains="number 1\n").exists()
    assert not History.objects.filter(note__contains="item 1").exists()
    assert Article.objects.count() == 2


def test_a_batch_records_counts_and_per_item_errors(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    with (tmp_path / "a.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["title", "text", "published"], ["A", article_text(1), "2024-01-02"],
                                 ["B", "x", "31/31/2020"]])
    batch = ImportBatch.objects.create(source="a.csv", total=2, pending=[{"name": "a.csv", "path": "a.csv"}])
    run_batch(batch)
    batch.refresh_from_db()
    assert (batch.status, batch.imported, batch.rejected, batch.processed) == ("done", 1, 1, 2)
    assert batch.errors == [{"item": "a.csv row 3", "error": "bad date '31/31/2020'", "level": "error"}]
    assert batch.pending == []
    assert Article.objects.get().batch == batch


def test_an_interrupted_batch_resumes_where_it_stopped(tmp_path, settings, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    lines = "\n".join('{"title": "T%d", "text": "%s"}' % (n, article_text(n).replace("\n", "\\n")) for n in range(4))
    (tmp_path / "a.jsonl").write_text(lines, encoding="utf-8")
    batch = ImportBatch.objects.create(source="a.jsonl", total=4, pending=[{"name": "a.jsonl", "path": "a.jsonl"}])
    real = importing.import_entry
    calls = []

    def dying(entry, **kw):
        calls.append(entry.name)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the worker is killed mid-import
        return real(entry, **kw)

    monkeypatch.setattr(importing, "import_entry", dying)
    with pytest.raises(KeyboardInterrupt):
        run_batch(batch)
    batch.refresh_from_db()
    assert batch.processed == 2 and batch.pending[0]["done"] == 2
    monkeypatch.setattr(importing, "import_entry", real)
    run_batch(batch)
    batch.refresh_from_db()
    assert (batch.status, batch.imported, batch.processed) == ("done", 4, 4)
    assert sorted(Article.objects.values_list("title", flat=True)) == ["T0", "T1", "T2", "T3"]


@pytest.mark.django_db(transaction=True)
def test_a_crash_after_an_article_is_saved_but_before_the_batch_counts_it_does_not_count_it_twice(
        tmp_path, settings, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    lines = "\n".join('{"title": "T%d", "text": "%s"}' % (n, article_text(n).replace("\n", "\\n")) for n in range(3))
    (tmp_path / "a.jsonl").write_text(lines, encoding="utf-8")
    batch = ImportBatch.objects.create(source="a.jsonl", total=3, pending=[{"name": "a.jsonl", "path": "a.jsonl"}])
    real = importing.record_outcome
    calls = []

    def dying(batch, outcome):
        calls.append(outcome)
        if len(calls) == 2:
            raise KeyboardInterrupt  # killed after the second article was stored, before its count
        return real(batch, outcome)

    monkeypatch.setattr(importing, "record_outcome", dying)
    with pytest.raises(KeyboardInterrupt):
        run_batch(batch)
    assert sorted(Article.objects.values_list("title", flat=True)) == ["T0"]  # the second rolled back with it
    monkeypatch.setattr(importing, "record_outcome", real)
    batch.refresh_from_db()
    run_batch(batch)
    batch.refresh_from_db()
    assert (batch.imported, batch.duplicates, batch.processed) == (3, 0, 3)


def test_a_batch_above_the_threshold_is_queued_as_a_task(tmp_path, settings):
    from django.tasks import task_backends

    settings.MEDIA_ROOT = tmp_path
    settings.FACTCHECK_BACKGROUND_IMPORT_THRESHOLD = 2
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    batch = ImportBatch.objects.create(source="x", total=3, pending=[])
    importing.process_batch(batch)
    backend = task_backends["default"]
    assert [(r.task.name, r.args) for r in backend.results] == [("run_import_batch", [batch.pk])]
    batch.refresh_from_db()
    assert batch.status == "queued"

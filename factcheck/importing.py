"""Every way an article gets in ends here: one atomic service per article.

import_text() stores the Article, runs the analysis engine and stores its assertions,
oppositions and disputes, then pairs them with articles already stored. import_entry(),
import_url() and run_batch() feed it from parsed files, fetched pages and import batches; one
item's failure is recorded on its batch and never touches the others.
"""
from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import audit
from .analyzing import AnalysisSummary, analyze_article
from .models import Annotation, Article, ImportBatch, content_hash
from .parsers import Entry, ImportRejected, entry_from_text, format_for, from_html, parse_file, sanitise_html

__all__ = ["ImportRejected", "ImportOutcome", "import_text", "import_entry", "import_url", "run_batch"]

log = logging.getLogger(__name__)

NO_ASSERTIONS = "No attributed assertions were found in it."


@dataclass
class ImportOutcome:
    status: str  # "imported", "duplicate", "revision", "rejected"
    article: Article | None = None
    message: str = ""
    name: str = ""  # which input: file name, row, URL
    orphans: list[Annotation] = field(default_factory=list)  # annotations a revision could not place
    summary: AnalysisSummary | None = None


def import_text(*, text: str, title: str = "", url: str = "", canonical_url: str = "", outlet: str = "",
                author: str = "", published_at: datetime | None = None, html: str = "", user=None, batch=None,
                analyse: bool = True, name: str = "") -> ImportOutcome:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()
    if not text:
        raise ImportRejected("The article has no text.")
    if len(text) > settings.FACTCHECK_MAX_ARTICLE_CHARS:
        raise ImportRejected(
            f"The article is {len(text):,} characters long; the limit is {settings.FACTCHECK_MAX_ARTICLE_CHARS:,}."
        )
    title = " ".join((title or "").split()) or text.split("\n", 1)[0][:200]
    # Every path ends here, so the snapshot is cleaned here too, whoever called us with what.
    html = sanitise_html(html) if html and html.strip() else ""
    digest = content_hash(text)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing is not None:
        return ImportOutcome("duplicate", existing, f"Already imported as “{existing.title}”.", name=name)
    url, canonical_url = url[:2000], (canonical_url or url)[:2000]
    summary = None
    orphans: list[Annotation] = []
    try:
        with transaction.atomic():
            previous = (
                Article.objects.filter(canonical_url=canonical_url).order_by("-imported_at", "-pk").first()
                if canonical_url else None
            )
            article = Article.objects.create(
                title=title[:500], url=url, canonical_url=canonical_url, outlet=outlet[:200], author=author[:300],
                published_at=published_at, text=text, html=html, content_hash=digest,
                imported_by=user if (user is not None and user.is_authenticated) else None,
                batch=batch, revision_of=previous,
            )
            audit.record(user=user, action="imported", article=article,
                         note=(f"revision of #{previous.pk}; " if previous else "") + (batch.source if batch else name))
            if previous is not None:
                from .revisions import carry_annotations

                orphans = [a for a in carry_annotations(old=previous, new=article, user=user) if a.orphaned]
            if analyse:
                summary = analyze_article(article=article, user=user)
    except IntegrityError:
        # A concurrent import of the same text won the race: report it as the duplicate it is.
        existing = Article.objects.filter(content_hash=digest).first()
        if existing is None:
            raise
        return ImportOutcome("duplicate", existing, f"Already imported as “{existing.title}”.", name=name)
    notes = []
    if previous is not None:
        notes.append(f"New revision of “{previous.title}”.")
        if orphans:
            notes.append(f"{len(orphans)} annotation(s) no longer match the text and were kept as orphans.")
    if summary is not None and summary.assertions == 0:
        notes.append(NO_ASSERTIONS)
    status = "revision" if previous is not None else "imported"
    return ImportOutcome(status, article, " ".join(notes), name=name, orphans=orphans, summary=summary)


def import_entry(entry: Entry, *, user=None, batch=None, analyse: bool = True) -> ImportOutcome:
    """One parsed item → an outcome; never raises for bad input or a failing analysis."""
    if entry.error:
        return ImportOutcome("rejected", message=entry.error, name=entry.name)
    try:
        outcome = import_text(**entry.fields, user=user, batch=batch, analyse=analyse, name=entry.name)
    except ImportRejected as exc:
        return ImportOutcome("rejected", message=str(exc), name=entry.name)
    except Exception as exc:  # analysis or database trouble: this article is rolled back, the rest go on
        log.exception("Import of %s failed", entry.name)
        return ImportOutcome("rejected", message=f"Import failed ({exc.__class__.__name__}: {str(exc)[:200]}); "
                                                 "nothing was stored for it.", name=entry.name)
    if entry.note:
        outcome.message = " ".join(filter(None, [outcome.message, f"({entry.note})"]))
    return outcome


def entry_from_url(url: str) -> Entry:
    from .fetching import fetch
    from .parsers import decode

    fetched = fetch(url)
    if fetched.content_type == "text/plain":
        text, _ = decode(fetched.body, fetched.url)
        return Entry(url, {"text": text, "url": fetched.url, "title": ""})
    try:
        html = fetched.body.decode(fetched.charset or "utf-8")
    except (LookupError, UnicodeDecodeError):
        html, _ = decode(fetched.body, fetched.url)
    fields = from_html(html, url=fetched.url)
    if not fields["text"].strip():
        raise ImportRejected(f"No article text was found at {fetched.url}.")
    fields["url"] = fetched.url
    fields["canonical_url"] = fields.get("canonical_url") or fetched.url
    return Entry(url, fields)


def import_url(*, url: str, user=None, batch=None, analyse: bool = True) -> ImportOutcome:
    try:
        entry = entry_from_url(url)
    except ImportRejected as exc:
        return ImportOutcome("rejected", message=str(exc), name=url)
    return import_entry(entry, user=user, batch=batch, analyse=analyse)


def import_pasted(*, text: str, title: str = "", url: str = "", outlet: str = "", published: str = "",
                  user=None, batch=None) -> ImportOutcome:
    return import_entry(entry_from_text(text=text, title=title, url=url, outlet=outlet, published=published),
                        user=user, batch=batch)


# --- batches ---------------------------------------------------------------------------------

def batch_dir(batch: ImportBatch) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / str(batch.pk)


def safe_name(name: str) -> str:
    """A file name that cannot leave the batch folder."""
    base = Path(name.replace("\\", "/")).name.strip().lstrip(".") or "upload"
    return "".join(c if c.isalnum() or c in "-_. " else "_" for c in base)[:150]


@transaction.atomic
def create_batch(*, source: str, user=None, items: list[dict]) -> ImportBatch:
    """A batch whose pending list holds every item; files must already be saved under batch_dir."""
    batch = ImportBatch.objects.create(
        source=source[:300], created_by=user if (user is not None and user.is_authenticated) else None,
        pending=items, total=sum(item.get("count", 1) for item in items),
    )
    return batch


def save_uploads(*, files: Iterable, source: str, user=None) -> ImportBatch:
    """Write uploads to MEDIA_ROOT/imports/<batch>/ before anything is queued, so a worker
    (or a resumed import) reads them from disk."""
    batch = create_batch(source=source, user=user, items=[])
    folder = batch_dir(batch)
    folder.mkdir(parents=True, exist_ok=True)
    items, errors = [], []
    for upload in files:
        name = safe_name(upload.name)
        target = folder / name
        n = 1
        while target.exists():
            target = folder / f"{n}-{name}"
            n += 1
        with target.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        items.append({"name": upload.name[:200], "path": str(target.relative_to(settings.MEDIA_ROOT)),
                      "count": count_entries(target, upload.name, errors)})
    batch.pending = items
    batch.total = sum(item["count"] for item in items)
    batch.save(update_fields=["pending", "total"])
    return batch


def count_entries(path: Path, name: str, errors: list | None = None) -> int:
    """About how many articles a file holds, cheaply (for the progress bar and the threshold)."""
    try:
        fmt = format_for(name)
    except ImportRejected:
        return 1
    try:
        if fmt in ("txt", "html"):
            return 1
        if fmt == "jsonl":
            with path.open("rb") as f:
                return max(1, sum(1 for line in f if line.strip()))
        if fmt == "csv":
            import csv
            import io

            with path.open("rb") as f:
                text = io.TextIOWrapper(f, encoding="utf-8", errors="replace", newline="")
                return max(1, sum(1 for _ in csv.reader(text)) - 1)
        if fmt == "json":
            import json

            with path.open("rb") as f:
                data = json.loads(f.read(50 * 1024 * 1024))
            return len(data) if isinstance(data, list) and data else 1
        if fmt == "zip":
            import zipfile

            with zipfile.ZipFile(path) as z:
                return max(1, sum(1 for i in z.infolist() if not i.is_dir()))
    except Exception:  # a broken file counts as one item: its error shows when it is processed
        return 1
    return 1


MAX_BATCH_ERRORS = 500  # a 100,000-row file of bad rows must not grow one JSON value without bound


def _note(batch: ImportBatch, entry: dict) -> None:
    if len(batch.errors) < MAX_BATCH_ERRORS:
        batch.errors.append(entry)
    elif len(batch.errors) == MAX_BATCH_ERRORS:
        batch.errors.append({"item": "…", "error": "More problems were found; only the first "
                             f"{MAX_BATCH_ERRORS} are listed.", "level": "error"})


def record_outcome(batch: ImportBatch, outcome: ImportOutcome) -> None:
    batch.processed += 1
    if outcome.status in ("imported", "revision"):
        batch.imported += 1
        if outcome.orphans or outcome.message:
            _note(batch, {"item": outcome.name, "error": outcome.message, "level": "note",
                          "article": outcome.article.pk if outcome.article else None,
                          "orphans": len(outcome.orphans)})
    elif outcome.status == "duplicate":
        batch.duplicates += 1
        _note(batch, {"item": outcome.name, "error": outcome.message, "level": "duplicate",
                      "article": outcome.article.pk if outcome.article else None})
    else:
        batch.rejected += 1
        _note(batch, {"item": outcome.name, "error": outcome.message, "level": "error"})


def _item_entries(item: dict) -> Iterator[Entry]:
    if item.get("url"):
        try:
            yield entry_from_url(item["url"])
        except ImportRejected as exc:
            yield Entry(item["url"], error=str(exc))
        return
    path = Path(settings.MEDIA_ROOT) / item["path"]
    try:
        with path.open("rb") as stream:
            yield from parse_file(stream, item["name"], fmt=item.get("format", ""))
    except ImportRejected as exc:
        yield Entry(item["name"], error=str(exc))
    except OSError as exc:
        yield Entry(item["name"], error=f"the uploaded file could not be read ({exc.strerror}).")


def run_batch(batch: ImportBatch, *, user=None, analyse: bool = True,
              progress: Callable[[ImportBatch, ImportOutcome], None] | None = None) -> ImportBatch:
    """Work through the batch's pending items. Counts are saved after every article, and an item
    leaves `pending` only when done (with `done` recording how far into it we got), so running
    it again after a crash resumes where it stopped."""
    user = user or batch.created_by
    batch.status = ImportBatch.Status.RUNNING
    batch.finished_at = None
    batch.save(update_fields=["status", "finished_at"])
    try:
        while batch.pending:
            item = batch.pending[0]
            skip = item.get("done", 0)
            for index, entry in enumerate(_item_entries(item)):
                if index < skip:
                    continue
                # The article and the batch's progress commit together: a crash between them would
                # make the resumed batch count the article again, as a duplicate of itself.
                with transaction.atomic():
                    outcome = import_entry(entry, user=user, batch=batch, analyse=analyse)
                    record_outcome(batch, outcome)
                    item["done"] = index + 1
                    batch.total = max(batch.total, batch.processed)  # the count before parsing is an estimate
                    batch.save(update_fields=["processed", "imported", "duplicates", "rejected", "errors",
                                              "pending", "total"])
                if progress:
                    progress(batch, outcome)
            batch.pending = batch.pending[1:]
            batch.save(update_fields=["pending"])
        shutil.rmtree(batch_dir(batch), ignore_errors=True)
        batch.status = ImportBatch.Status.DONE
    except Exception as exc:
        log.exception("Import batch %s failed", batch.pk)
        batch.status = ImportBatch.Status.FAILED
        batch.errors.append({"item": batch.source, "error": f"The import stopped: {exc.__class__.__name__}: {exc}",
                             "level": "error"})
        raise
    finally:
        batch.total = max(batch.total, batch.processed)
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "finished_at", "total", "errors"])
    return batch


def process_batch(batch: ImportBatch, *, remaining: bool = False) -> None:
    """Run a batch now if it is small, else hand it to the task queue."""
    size = batch.total - batch.processed if remaining else batch.total
    if size > settings.FACTCHECK_BACKGROUND_IMPORT_THRESHOLD:
        from .tasks import run_import_batch

        run_import_batch.enqueue(batch.pk)
    else:
        run_batch(batch)

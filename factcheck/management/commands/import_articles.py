"""Import articles from files, folders or URLs: `manage.py import_articles PATH_OR_URL... [--format csv]`.

Runs in this process (no worker needed) with a progress line on stderr and a closing summary.
Exits with status 1 when any input was rejected, so scripts notice.
"""
from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.importing import run_batch
from factcheck.models import ImportBatch
from factcheck.parsers import FORMATS, EXTENSIONS


class Command(BaseCommand):
    help = "Import articles from .txt/.html/.json/.jsonl/.csv/.zip files, folders of them, or http(s) URLs."

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="*", metavar="PATH_OR_URL")
        parser.add_argument("--format", choices=FORMATS, default="", help="Read every file as this format.")
        parser.add_argument("--no-analysis", action="store_true", help="Store the articles only.")
        parser.add_argument("--resume", type=int, metavar="BATCH", help="Resume an interrupted import batch.")
        parser.add_argument("--quiet-progress", action="store_true", help="No progress line on stderr.")

    def handle(self, *args, inputs, format, no_analysis, resume, quiet_progress, **options):
        if resume:
            batch = ImportBatch.objects.filter(pk=resume).first()
            if batch is None:
                raise CommandError(f"No import batch #{resume}.")
        else:
            if not inputs:
                raise CommandError("Give at least one file, folder or URL.")
            batch = ImportBatch.objects.create(source=" ".join(inputs)[:300], pending=self._items(inputs, format))
            batch.total = sum(item.get("count", 1) for item in batch.pending)
            batch.save(update_fields=["total"])

        started = time.monotonic()
        show = not quiet_progress and self.stderr is not None
        last = [0.0]

        def progress(b, outcome):
            now = time.monotonic()
            if show and (now - last[0] > 0.2 or b.processed >= b.total):
                last[0] = now
                total = max(b.total, b.processed)
                filled = int(30 * b.processed / total) if total else 30
                rate = b.processed / max(now - started, 1e-6)
                self.stderr.write(
                    f"\r[{'#' * filled}{'.' * (30 - filled)}] {b.processed:,}/{total:,}  "
                    f"imported {b.imported:,}  duplicates {b.duplicates:,}  rejected {b.rejected:,}  "
                    f"{rate:,.1f}/s ",
                    ending="",
                )
                self.stderr.flush()

        try:
            run_batch(batch, analyse=not no_analysis, progress=progress)
        except KeyboardInterrupt:
            self.stderr.write("")
            raise CommandError(f"Interrupted; resume with: manage.py import_articles --resume {batch.pk}") from None
        if show:
            self.stderr.write("")
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Import #{batch.pk}: {batch.imported:,} imported, {batch.duplicates:,} duplicates, "
            f"{batch.rejected:,} rejected ({batch.processed:,} items in {elapsed:.1f} s)."
        )
        for problem in batch.errors:
            label = {"error": "rejected", "duplicate": "duplicate"}.get(problem.get("level", "error"), "note")
            self.stdout.write(f"  {label}: {problem['item']}: {problem['error']}")
        if batch.rejected:
            raise CommandError(f"{batch.rejected:,} input(s) were rejected.", returncode=1)

    def _items(self, inputs: list[str], fmt: str) -> list[dict]:
        from factcheck.importing import count_entries

        items = []
        for value in inputs:
            if value.startswith(("http://", "https://")):
                items.append({"name": value, "url": value, "count": 1})
                continue
            path = Path(value).expanduser()
            if path.is_dir():
                files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)
                if not files:
                    raise CommandError(f"{value}: no importable files in this folder.")
            elif path.is_file():
                files = [path]
            else:
                raise CommandError(f"{value}: no such file, folder or http(s) URL.")
            for f in files:
                # Files are read in place: the batch records absolute paths (MEDIA_ROOT / abs == abs).
                items.append({"name": str(f), "path": str(f.resolve()), "format": fmt,
                              "count": count_entries(f, f.name if not fmt else f"x.{fmt}")})
        return items

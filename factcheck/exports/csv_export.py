"""CSV: one row per assertion, for spreadsheets.

Spreadsheets run cells that start with = + - @ (or a tab or carriage return) as formulas; such
cells get a leading apostrophe, so a quote like "=HYPERLINK(...)" stays text. The file starts
with a UTF-8 byte order mark so Excel reads accents correctly.
"""
from __future__ import annotations

import csv
import io

from django.utils import timezone

from .context import Report

COLUMNS = [
    "assertion id", "article", "article url", "date", "speaker", "side", "cue", "stance", "quote",
    "status", "verdict", "rationale", "sources", "opposing assertion ids", "dispute ids",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def rows(report: Report):
    yield COLUMNS
    for a in report.assertions:
        side = a.side or (a.speaker.side if a.speaker_id else None)
        yield [safe(v) for v in [
            a.pk,
            a.article.title,
            a.article.url,
            timezone.localdate(a.article.date).isoformat() if a.article.date else "",
            a.speaker_name,
            side.name if side else "",
            a.cue,
            a.get_stance_display(),
            a.quote,
            a.get_status_display(),
            a.verdict.label if a.verdict_id else "",
            a.rationale,
            " | ".join(f"{s.get_role_display()}: {s.url}" for s in a.source_list),
            " ".join(str(pk) for pk in a.opposing_ids),
            " ".join(str(pk) for pk in a.dispute_ids),
        ]]


def render(report: Report) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows(report))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")

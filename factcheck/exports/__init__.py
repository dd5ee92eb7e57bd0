"""Verdict report exports: one shared context (context.py), one module per format.

    EXPORTERS["pdf"].render(report) -> bytes

`export(scope=..., fmt=..., pk=..., params=...)` builds the context and renders it; views, the
admin action and the `export_report` command all go through it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import claimreview, csv_export, html, json_export, pdf
from .context import SCOPES, Report, build_report, filter_assertions


@dataclass(frozen=True)
class Exporter:
    name: str
    label: str
    content_type: str
    extension: str
    render: Callable[[Report], bytes]
    # ClaimReview is published markup: it is built from published verdicts only.
    published_only: bool = False


EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in [
        Exporter("html", "HTML (printable)", "text/html; charset=utf-8", "html", html.render),
        Exporter("pdf", "PDF", "application/pdf", "pdf", pdf.render),
        Exporter("csv", "CSV (one row per assertion)", "text/csv; charset=utf-8", "csv", csv_export.render),
        Exporter("json", "JSON (complete data)", "application/json", "json", json_export.render),
        Exporter("claimreview", "ClaimReview JSON-LD (published verdicts)", "application/ld+json",
                 "claimreview.jsonld", claimreview.render, published_only=True),
    ]
}


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str
    content_type: str


def export(*, scope: str, fmt: str, pk: int | None = None, params=None, pks=()) -> Export:
    """Render one scope in one format. Raises KeyError for an unknown format, ValueError for an
    unknown scope, DoesNotExist for a missing dispute or article."""
    exporter = EXPORTERS[fmt]
    report = build_report(scope=scope, pk=pk, params=params, pks=pks, public=exporter.published_only)
    return render(report, fmt)


def render(report: Report, fmt: str) -> Export:
    """Render a report already built (with public=True for published-only formats)."""
    exporter = EXPORTERS[fmt]
    if exporter.published_only and not report.public:
        raise ValueError(f"The {fmt} format is built from published verdicts only: build the report with public=True.")
    return Export(
        content=exporter.render(report),
        filename=f"{report.slug}.{exporter.extension}",
        content_type=exporter.content_type,
    )


__all__ = ["EXPORTERS", "SCOPES", "Export", "Exporter", "Report", "build_report", "export", "filter_assertions", "render"]

"""Downloads of the verdict report, and the public report pages ClaimReview points to.

    /export/dispute/<pk>/<format>/    one dispute
    /export/article/<pk>/<format>/    one article (and the disputes its claims belong to)
    /export/queue/<format>/?status=…  the queue's current filter (same GET parameters as the queue)
    /export/all/<format>/             everything
    format: html, pdf, csv, json, claimreview

Internal exports need a login (any role, Viewer included) and include drafts, marked as such.
The public pages (/reports/disputes/<pk>/, /reports/articles/<pk>/) need no login and show
published verdicts only; ClaimReview holds published verdicts only.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from .exports import EXPORTERS, build_report, claimreview
from .exports import render as render_export
from .exports.html import STYLESHEET
from .models import Article, Dispute


# WeasyPrint lays out roughly a page per second on a busy machine: larger PDFs would outlast a
# web worker's timeout, so the web refuses them and points to the command, which has no limit.
PDF_MAX_CLAIMS = 300


def too_large_for_web(report, fmt: str) -> bool:
    return fmt == "pdf" and len(report.assertions) > PDF_MAX_CLAIMS


def attachment(result, filename: str) -> HttpResponse:
    response = HttpResponse(result.content, content_type=result.content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Drafts are in internal exports: no shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


def _download(request: HttpRequest, scope: str, fmt: str, pk: int | None = None, params=None) -> HttpResponse:
    if fmt not in EXPORTERS:
        raise Http404(f"Unknown export format {fmt!r}.")
    report = build_report(scope=scope, pk=pk, params=params, public=EXPORTERS[fmt].published_only)
    if too_large_for_web(report, fmt):
        return HttpResponse(
            f"This report holds {len(report.assertions):,} claims; PDFs from the web are limited to "
            f"{PDF_MAX_CLAIMS}. Narrow the filter, download HTML and print it, or run "
            f"`manage.py export_report --scope {scope} --format pdf -o FILE`.\n",
            status=413, content_type="text/plain; charset=utf-8",
        )
    result = render_export(report, fmt)
    return attachment(result, result.filename)


@require_GET
def export_dispute(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    get_object_or_404(Dispute, pk=pk)
    return _download(request, "dispute", fmt, pk=pk)


@require_GET
def export_article(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    get_object_or_404(Article, pk=pk)
    return _download(request, "article", fmt, pk=pk)


@require_GET
def export_queue(request: HttpRequest, fmt: str) -> HttpResponse:
    return _download(request, "queue", fmt, params=request.GET)


@require_GET
def export_all(request: HttpRequest, fmt: str) -> HttpResponse:
    return _download(request, "all", fmt)


def _public_page(request: HttpRequest, scope: str, pk: int) -> HttpResponse:
    report = build_report(scope=scope, pk=pk, public=True)
    if not report.assertions:
        # Nothing published: the page does not exist yet (and says nothing about drafts).
        raise Http404("Nothing published here yet.")
    return render(request, "factcheck/report.html", {
        "report": report,
        # The page carries its own ClaimReview markup, for search engines.
        "claimreview_json": claimreview.as_script_json(report),
        "css_href": static(STYLESHEET),
        "newsroom": settings.FACTCHECK_NEWSROOM_NAME,
        "newsroom_url": settings.FACTCHECK_NEWSROOM_URL,
    })


@login_not_required
@require_GET
def public_dispute_report(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(Dispute, pk=pk)
    return _public_page(request, "dispute", pk)


@login_not_required
@require_GET
def public_article_report(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(Article, pk=pk)
    return _public_page(request, "article", pk)

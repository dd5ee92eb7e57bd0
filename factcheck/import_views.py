"""Bringing articles in from the browser: paste, upload files, or give a URL.

Small imports run in the request and land on the batch page finished; larger ones are saved to
disk, queued, and the batch page polls its progress (htmx, every second, until done).
"""
from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from . import importing
from .forms import WEB_ADDRESS
from .models import Annotation, ImportBatch
from .parsers import EXTENSIONS

ACCEPT = ",".join(sorted(EXTENSIONS))


class PasteForm(forms.Form):
    title = forms.CharField(max_length=500, required=False)
    outlet = forms.CharField(max_length=200, required=False)
    url = forms.URLField(label="URL", max_length=2000, required=False, assume_scheme="https", widget=WEB_ADDRESS)
    published = forms.DateField(label="Date", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label="Article text", widget=forms.Textarea(attrs={"rows": 12}),
                           max_length=settings.FACTCHECK_MAX_ARTICLE_CHARS)


class UrlForm(forms.Form):
    url = forms.URLField(label="Article URL", max_length=2000, assume_scheme="https", widget=WEB_ADDRESS)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, (list, tuple)) else [data]
        return [single(f, initial) for f in files if f] or [single(None, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(label="Article files", help_text="Text, HTML, JSON, JSON Lines, CSV, or a zip of these.")

    def clean_files(self):
        files = self.cleaned_data["files"]
        for f in files:
            if f.size > settings.FACTCHECK_MAX_UPLOAD_BYTES:
                raise forms.ValidationError(
                    f"{f.name} is {f.size / 1048576:.1f} MB; the limit is "
                    f"{settings.FACTCHECK_MAX_UPLOAD_BYTES // 1048576} MB per file."
                )
            if f.size == 0:
                raise forms.ValidationError(f"{f.name} is empty.")
        return files


def _import_one(request: HttpRequest, source: str, run) -> ImportBatch:
    """A paste or a URL is a batch of one, so every import has the same result page."""
    batch = importing.create_batch(source=source, user=request.user, items=[])
    outcome = run(batch)
    batch.total = 1
    importing.record_outcome(batch, outcome)
    batch.status = ImportBatch.Status.DONE
    batch.finished_at = timezone.now()
    batch.save()
    return batch


@permission_required("factcheck.add_article", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    paste, url_form, upload = PasteForm(prefix="paste"), UrlForm(prefix="url"), UploadForm(prefix="upload")
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "paste":
        paste = PasteForm(request.POST, prefix="paste")
        if paste.is_valid():
            data = paste.cleaned_data
            return redirect(_import_one(request, "pasted text", lambda batch: importing.import_pasted(
                text=data["text"], title=data["title"], url=data["url"], outlet=data["outlet"],
                published=data["published"].isoformat() if data["published"] else "", user=request.user, batch=batch,
            )))
    elif action == "url":
        url_form = UrlForm(request.POST, prefix="url")
        if url_form.is_valid():
            url = url_form.cleaned_data["url"]
            return redirect(_import_one(request, url, lambda batch: importing.import_url(
                url=url, user=request.user, batch=batch)))
    elif action == "upload":
        upload = UploadForm(request.POST, request.FILES, prefix="upload")
        if upload.is_valid():
            files = upload.cleaned_data["files"]
            batch = importing.save_uploads(files=files, source=", ".join(f.name for f in files), user=request.user)
            importing.process_batch(batch)
            return redirect(batch)
    recent = ImportBatch.objects.filter(created_by=request.user)[:10]
    status = 400 if action else 200
    return render(request, "factcheck/import.html",
                  {"paste": paste, "url_form": url_form, "upload": upload, "recent": recent, "action": action,
                   "threshold": settings.FACTCHECK_BACKGROUND_IMPORT_THRESHOLD},
                  status=status)


@permission_required("factcheck.add_article", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_batch(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch, pk=pk)
    if request.method == "POST":
        # A batch that stopped (worker killed, server error) picks up where its pending list says.
        if request.POST.get("action") == "resume" and batch.status == ImportBatch.Status.FAILED and batch.pending:
            batch.status = ImportBatch.Status.QUEUED
            batch.save(update_fields=["status"])
            importing.process_batch(batch, remaining=True)
        return redirect(batch)
    context = {"batch": batch, "running": batch.status in (ImportBatch.Status.QUEUED, ImportBatch.Status.RUNNING)}
    if request.htmx:
        response = render(request, "factcheck/import_batch.html#progress", context)
        if not context["running"]:
            response["HX-Refresh"] = "true"  # finished while polled: reload for the full result
        return response
    articles = list(
        batch.articles.order_by("pk").select_related("revision_of")
        .only("pk", "title", "outlet", "revision_of__title", "analysed_at")[:200]
    )
    notes = [e for e in batch.errors if e.get("level") == "note"]
    duplicates = [e for e in batch.errors if e.get("level") == "duplicate"]
    orphan_articles = [e["article"] for e in notes if e.get("orphans")]
    return render(request, "factcheck/import_batch.html", {
        **context, "articles": articles, "notes": notes, "duplicates": duplicates,
        "orphans": Annotation.objects.filter(article__in=orphan_articles, orphaned=True).select_related("article"),
    })

"""Bulk import in the admin site: dry-run preview, confirm, and the "Re-run analysis" action."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.contrib.admin.sites import site
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from factcheck.models import Article, Assertion

from .import_support import BRIDGE, QUIET, SAMPLES, article_text

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:factcheck_article_import"
PROCESS_URL = "admin:factcheck_article_process_import"


def format_index(name: str) -> str:
    formats = site._registry[Article].get_import_formats()
    return str(next(i for i, f in enumerate(formats) if f.__name__ == name))


def csv_bytes(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def dry_run(client, data: bytes, name="articles.csv", fmt="CSV"):
    return client.post(reverse(IMPORT_URL), {
        "format": format_index(fmt), "resource": "0",
        "import_file": SimpleUploadedFile(name, data),
    })


def confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(reverse(PROCESS_URL), {**form.initial, "resource": "0"})


@pytest.fixture
def admin_client_(client, admin_user):
    client.force_login(admin_user)
    return client


def test_only_the_admin_group_reaches_the_admin_import(client, editor, admin_user):
    client.force_login(editor)
    assert client.get(reverse(IMPORT_URL)).status_code == 302  # to the login page: not staff
    client.force_login(admin_user)
    assert client.get(reverse(IMPORT_URL)).status_code == 200


def test_the_dry_run_previews_new_and_duplicate_rows_and_stores_nothing(admin_client_):
    Article.objects.create(title="Stored", text=QUIET)
    data = csv_bytes([["title", "url", "outlet", "published", "text"],
                      ["Bridge", "https://news.example/bridge", "Gazette", "2024-03-01", BRIDGE],
                      ["Quiet again", "", "", "", QUIET]])
    response = dry_run(admin_client_, data)
    html = response.content.decode()
    assert response.status_code == 200 and response.context["confirm_form"] is not None
    result = response.context["result"]
    assert [r.import_type for r in result.rows] == ["new", "skip"]
    assert "New article." in html and "Duplicate of article #" in html
    assert Article.objects.count() == 1  # the dry run was rolled back


def test_invalid_rows_are_listed_with_the_reason_and_cannot_be_confirmed(admin_client_):
    data = csv_bytes([["title", "url", "published", "text"],
                      ["Good", "", "", BRIDGE],
                      ["Bad date", "", "31/31/2020", QUIET],
                      ["No text", "", "", ""],
                      ["Bad url", "javascript:alert(1)", "", article_text(3)]])
    response = dry_run(admin_client_, data)
    html = response.content.decode()
    assert response.context.get("confirm_form") is None
    invalid = response.context["result"].invalid_rows
    assert [r.number for r in invalid] == [2, 3, 4]
    assert "Bad date &#x27;31/31/2020&#x27;; use YYYY-MM-DD." in html or "Bad date '31/31/2020'; use YYYY-MM-DD." in html
    assert "The row has no text" in html and "is not an http(s) address" in html
    assert Article.objects.count() == 0


def test_confirming_imports_through_the_service_with_analysis(admin_client_, admin_user):
    sample = SAMPLES[1]
    data = csv_bytes([["title", "url", "outlet", "published", "text"],
                      [sample["title"], sample["url"], sample["outlet"], sample["published"], sample["text"]],
                      ["Quiet", "", "", "", QUIET]])
    preview = dry_run(admin_client_, data)
    response = confirm(admin_client_, preview)
    assert response.status_code == 302
    article = Article.objects.get(title=sample["title"])
    assert article.imported_by == admin_user and article.analysed_at is not None
    assert article.published_at.date().isoformat() == sample["published"]
    assert Assertion.objects.filter(article=article).exists()
    assert article.history.filter(action="imported").exists()
    assert Article.objects.count() == 2


def test_a_json_file_imports_and_html_rows_are_extracted_and_sanitised(admin_client_):
    rows = [{"title": "", "url": "https://news.example/p", "html": "<html><head><title>Page title</title></head><body>"
             "<article><p>The ministry said the bridge was closed for repairs after cracks were found.</p>"
             "<script>window.__pwned=1</script><p onclick='x()'>The council denied it.</p></article></body></html>",
             "text": "", "outlet": "", "author": "", "published": ""}]
    preview = dry_run(admin_client_, json.dumps(rows).encode(), "a.json", "JSON")
    assert preview.context.get("confirm_form") is not None, preview.context["result"].invalid_rows
    confirm(admin_client_, preview)
    article = Article.objects.get()
    assert article.title == "Page title" and "ministry said" in article.text
    assert "<script" not in article.html and "onclick" not in article.html


def test_an_xlsx_file_imports(admin_client_):
    import tablib

    book = tablib.Dataset(headers=["title", "text"])
    book.append(["Bridge", BRIDGE])
    preview = dry_run(admin_client_, book.export("xlsx"), "a.xlsx", "XLSX")
    confirm(admin_client_, preview)
    assert Article.objects.get().title == "Bridge"


def test_a_file_without_a_text_column_is_refused(admin_client_):
    response = dry_run(admin_client_, csv_bytes([["title", "body"], ["a", "b"]]))
    assert response.context.get("confirm_form") is None
    assert "needs a “text” or “html” column" in response.content.decode()


def test_an_error_in_any_row_on_confirm_leaves_nothing_half_imported(admin_client_, monkeypatch):
    from factcheck import analysis

    data = csv_bytes([["title", "text"], ["A", article_text(1)], ["B", article_text(2)]])
    preview = dry_run(admin_client_, data)
    real = analysis.analyze
    monkeypatch.setattr(analysis, "analyze", lambda text: (_ for _ in ()).throw(RuntimeError("boom"))
                        if "number 2\n" in text else real(text))
    confirm(admin_client_, preview)
    assert Article.objects.count() == 0


def test_a_large_bulk_import_is_stored_then_analysed_on_the_task_queue(admin_client_, settings,
                                                                        django_capture_on_commit_callbacks):
    settings.FACTCHECK_BACKGROUND_IMPORT_THRESHOLD = 2
    data = csv_bytes([["title", "text"]] + [[f"T{n}", article_text(n)] for n in range(3)])
    preview = dry_run(admin_client_, data)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        confirm(admin_client_, preview)
    assert Article.objects.count() == 3 and not Article.objects.filter(analysed_at__isnull=False).exists()
    for callback in callbacks:
        callback()  # the immediate task backend analyses them now
    assert Article.objects.filter(analysed_at__isnull=False).count() == 3


def test_rerun_analysis_action_analyses_the_selected_articles_again(admin_client_):
    from factcheck.importing import import_text

    article = import_text(text=SAMPLES[1]["text"], title="S", analyse=False).article
    assert not Assertion.objects.filter(article=article).exists()
    response = admin_client_.post(reverse("admin:factcheck_article_changelist"), {
        "action": "rerun_analysis", "_selected_action": [article.pk]}, follow=True)
    assert "Re-ran analysis on 1 article(s)" in response.content.decode()
    article.refresh_from_db()
    assert article.analysed_at is not None and Assertion.objects.filter(article=article).exists()
    assert re.search(r"\d+ new assertion", response.content.decode())

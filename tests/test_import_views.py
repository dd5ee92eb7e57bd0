"""The browser import pages: paste, upload, URL, and the batch page's progress."""
from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from factcheck.models import Article, ImportBatch

from .import_support import BRIDGE, QUIET, article_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def paste(client, **fields):
    data = {"action": "paste", **{f"paste-{k}": v for k, v in fields.items()}}
    return client.post(reverse("import"), data)


def upload(client, *files):
    return client.post(reverse("import"), {"action": "upload", "upload-files": list(files)})


def test_a_viewer_cannot_open_or_post_to_the_import_page(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("import")).status_code == 403
    assert paste(client, text=BRIDGE).status_code == 403
    assert Article.objects.count() == 0


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("import"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_nav_shows_import_to_editors_only(client, editor, viewer):
    client.force_login(viewer)
    assert b'href="/import/"' not in client.get(reverse("queue")).content
    client.force_login(editor)
    assert b'href="/import/"' in client.get(reverse("queue")).content


def test_the_page_offers_paste_upload_and_url_as_real_forms(editor_client):
    html = editor_client.get(reverse("import")).content.decode()
    assert html.count('<form method="post" action="/import/"') == 3
    assert 'enctype="multipart/form-data"' in html and 'name="upload-files"' in html and "multiple" in html
    assert 'value="paste"' in html and 'value="url"' in html and 'value="upload"' in html


def test_the_url_fields_accept_an_address_typed_without_https(editor_client):
    page = editor_client.get(reverse("import")).content.decode()
    for name in ("paste-url", "url-url"):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
        assert 'type="text"' in field and 'inputmode="url"' in field


def test_pasting_an_article_imports_it_and_shows_the_result(editor_client, editor):
    response = paste(editor_client, text=BRIDGE, title="Bridge", outlet="Gazette", url="https://news.example/b",
                     published="2024-03-01")
    article = Article.objects.get()
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url == batch.get_absolute_url()
    assert (article.title, article.outlet, article.url, article.imported_by) == ("Bridge", "Gazette", "https://news.example/b", editor)
    assert article.published_at.date().isoformat() == "2024-03-01"
    assert article.batch == batch
    page = editor_client.get(response.url).content.decode()
    assert "1 imported" in page and article.get_absolute_url() in page
    assert "hx-trigger" not in page  # finished: nothing to poll


def test_pasting_the_same_text_again_reports_a_duplicate_with_a_link(editor_client):
    paste(editor_client, text=BRIDGE)
    response = paste(editor_client, text=BRIDGE)
    page = editor_client.get(response.url).content.decode()
    assert Article.objects.count() == 1
    assert "1 duplicate" in page and "Already imported" in page
    assert Article.objects.get().get_absolute_url() in page


def test_pasting_nothing_shows_the_form_again_with_an_error(editor_client):
    response = paste(editor_client, text="")
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_an_article_without_assertions_shows_the_note(editor_client):
    response = paste(editor_client, text=QUIET)
    assert "No attributed assertions were found" in editor_client.get(response.url).content.decode()


def test_uploading_several_files_imports_each_and_lists_the_rejected_one(editor_client, media):
    files = [
        SimpleUploadedFile("bridge.txt", BRIDGE.encode(), "text/plain"),
        SimpleUploadedFile("quiet.json", json.dumps({"title": "Quiet", "text": QUIET}).encode(), "application/json"),
        SimpleUploadedFile("broken.json", b"{nope", "application/json"),
    ]
    response = upload(editor_client, *files)
    batch = ImportBatch.objects.get()
    assert response.url == batch.get_absolute_url()
    assert (batch.status, batch.imported, batch.rejected) == ("done", 2, 1)
    page = editor_client.get(response.url).content.decode()
    assert "broken.json" in page and "not valid JSON" in page
    assert not (media / "imports" / str(batch.pk)).exists()  # cleaned up once done


def test_an_upload_over_the_size_limit_is_refused(editor_client, settings):
    settings.FACTCHECK_MAX_UPLOAD_BYTES = 100
    response = upload(editor_client, SimpleUploadedFile("big.txt", b"x" * 200, "text/plain"))
    assert response.status_code == 400 and "the limit is" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_a_large_upload_is_saved_to_disk_and_queued(editor_client, settings, media):
    from django.tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.FACTCHECK_BACKGROUND_IMPORT_THRESHOLD = 3
    lines = "\n".join(json.dumps({"title": f"T{n}", "text": article_text(n)}) for n in range(5))
    response = upload(editor_client, SimpleUploadedFile("five.jsonl", lines.encode()))
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.total) == ("queued", 5)
    saved = media / batch.pending[0]["path"].split("media/")[-1]
    assert saved.parent == media / "imports" / str(batch.pk) and saved.read_bytes() == lines.encode()
    assert [r.args for r in task_backends["default"].results] == [[batch.pk]]
    assert Article.objects.count() == 0

    page = editor_client.get(response.url).content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page and "0 of 5 processed" in page

    from factcheck.tasks import run_import_batch

    run_import_batch.func(batch.pk)  # what the worker does
    partial = editor_client.get(response.url, headers={"HX-Request": "true"}).content.decode()
    assert "5 of 5 processed" in partial and "hx-trigger" not in partial and "<html" not in partial
    assert Article.objects.count() == 5


def test_a_zip_upload_imports_its_members(editor_client):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", BRIDGE)
        z.writestr("b.txt", QUIET)
    upload(editor_client, SimpleUploadedFile("two.zip", buf.getvalue(), "application/zip"))
    assert ImportBatch.objects.get().imported == 2


def test_a_url_that_cannot_be_fetched_is_reported(editor_client, settings):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = []
    response = editor_client.post(reverse("import"), {"action": "url", "url-url": "http://127.0.0.1:9/x"})
    page = editor_client.get(response.url).content.decode()
    assert "1 rejected" in page and "loopback" in page
    assert Article.objects.count() == 0


def test_the_batch_page_needs_the_import_permission(client, viewer):
    batch = ImportBatch.objects.create(source="x")
    client.force_login(viewer)
    assert client.get(batch.get_absolute_url()).status_code == 403


def test_a_new_revision_lists_its_orphaned_annotations_on_the_result(editor_client):
    from factcheck.models import Annotation

    paste(editor_client, text=BRIDGE, url="https://news.example/bridge")
    old = Article.objects.get()
    quote = "found no damage"
    Annotation.objects.create(article=old, quote=quote, start=BRIDGE.index(quote), end=BRIDGE.index(quote) + len(quote),
                              body="Ask for the inspection report.")
    response = paste(editor_client, text=BRIDGE.replace(quote, "found minor wear"), url="https://news.example/bridge")
    page = editor_client.get(response.url).content.decode()
    new = Article.objects.exclude(pk=old.pk).get()
    assert new.revision_of == old
    assert "Orphaned annotations" in page and "Ask for the inspection report." in page
    assert "New revision of" in page
    assert Annotation.objects.get(article=new).orphaned


def test_a_reviewer_may_import_too(reviewer_client):
    assert reviewer_client.get(reverse("import")).status_code == 200


def test_a_failed_batch_can_be_resumed_from_its_page(editor_client, editor, media):
    lines = "\n".join(json.dumps({"title": f"T{n}", "text": article_text(n)}) for n in range(3))
    folder = media / "imports" / "x"
    folder.mkdir(parents=True)
    (folder / "a.jsonl").write_text(lines)
    batch = ImportBatch.objects.create(source="a.jsonl", created_by=editor, status="failed", total=3, processed=1,
                                       imported=1, pending=[{"name": "a.jsonl", "path": "imports/x/a.jsonl", "done": 1}])
    page = editor_client.get(batch.get_absolute_url()).content.decode()
    assert "Resume" in page
    response = editor_client.post(batch.get_absolute_url(), {"action": "resume"})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.imported, batch.processed) == ("done", 3, 3)
    assert list(Article.objects.order_by("title").values_list("title", flat=True)) == ["T1", "T2"]

"""Importing from the browser: paste, upload with a live progress bar, and hostile HTML."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from factcheck.models import Article, ImportBatch
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.browser.migrated_data import migrated_data  # noqa: F401 (fixture)
from tests.import_support import BRIDGE, article_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migrated_data")]

EVIL = b"""<!doctype html><html><head><title>Bridge row</title>
<script>window.__pwned = 'head'; alert('head')</script></head><body><article>
<h1>Bridge row</h1>
<p>The transport minister said on Monday that the Elm Street bridge was safe for heavy traffic.</p>
<p>Engineers denied that the bridge was safe <img src="x" onerror="window.__pwned='img';alert('img')"></p>
<p><a id="evil" href="javascript:window.__pwned='link';alert('link')">Read the report</a></p>
<script>window.__pwned = 'body'; alert('body')</script>
</article></body></html>"""


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_an_editor_pastes_an_article_and_opens_it_from_the_result(live_server, page, editor, screenshots):
    login(page, live_server, editor.username, PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", name="Import articles")).to_be_visible()
    page.get_by_label("Title").fill("Harbour bridge closed")
    page.get_by_label("Outlet").fill("Dunmore Gazette")
    page.get_by_label("Article text").fill(BRIDGE)
    page.screenshot(path=screenshots / "import-paste.png", full_page=True)
    page.get_by_role("button", name="Import text").click()
    expect(page.locator(".import-totals")).to_contain_text("1 imported")
    expect(page.locator("progress")).to_have_attribute("value", "1")
    page.get_by_role("link", name="Harbour bridge closed").click()
    expect(page.get_by_role("heading", name="Harbour bridge closed")).to_be_visible()


def test_a_viewer_has_no_import_link_and_is_refused(live_server, page, viewer):
    login(page, live_server, viewer.username, PASSWORD)
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Import")).to_have_count(0)
    response = page.goto(f"{live_server.url}/import/")
    assert response.status == 403


def test_a_large_upload_shows_live_progress_until_done(live_server, page, editor, settings, screenshots):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.FACTCHECK_BACKGROUND_IMPORT_THRESHOLD = 2
    lines = "\n".join(json.dumps({"title": f"Water row {n}", "text": article_text(n)}) for n in range(4))
    lines += "\n{broken"
    login(page, live_server, editor.username, PASSWORD)
    page.goto(f"{live_server.url}/import/")
    page.get_by_label("Article files").set_input_files([{"name": "five.jsonl", "mimeType": "application/json",
                                                 "buffer": lines.encode()}])
    page.get_by_role("button", name="Upload and import").click()
    expect(page.locator(".import-count")).to_have_text("0 of 5 processed")
    expect(page.locator(".import-status")).to_have_text("Queued")
    page.screenshot(path=screenshots / "import-queued.png", full_page=True)

    from factcheck.tasks import run_import_batch

    run_import_batch.func(ImportBatch.objects.get().pk)  # the worker runs the queued task
    # No reload: htmx polls the batch every second and swaps the progress in.
    expect(page.locator(".import-count")).to_have_text("5 of 5 processed", timeout=10_000)
    expect(page.locator(".import-status")).to_have_text("Done")
    expect(page.locator(".import-errors")).to_contain_text("five.jsonl line 5")
    expect(page.locator("#import-progress")).not_to_have_attribute("hx-trigger", "every 1s")
    page.screenshot(path=screenshots / "import-done.png", full_page=True)
    assert Article.objects.count() == 4


def test_an_uploaded_page_with_scripts_runs_nothing_in_the_reader(live_server, page, editor):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    login(page, live_server, editor.username, PASSWORD)
    page.goto(f"{live_server.url}/import/")
    page.get_by_label("Article files").set_input_files([{"name": "evil.html", "mimeType": "text/html", "buffer": EVIL}])
    page.get_by_role("button", name="Upload and import").click()
    expect(page.locator(".import-totals")).to_contain_text("1 imported")
    page.get_by_role("link", name="Bridge row").click()
    expect(page.get_by_role("heading", name="Bridge row")).to_be_visible()
    expect(page.get_by_text("transport minister said on Monday")).to_be_visible()
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    article = Article.objects.get()
    assert "<script" not in article.html and "onerror" not in article.html and "javascript:" not in article.html


def test_the_paste_form_works_without_javascript(live_server, browser, editor):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    login(page, live_server, editor.username, PASSWORD)
    page.goto(f"{live_server.url}/import/")
    page.get_by_label("Article text").fill(BRIDGE)
    page.get_by_role("button", name="Import text").click()
    expect(page.locator(".import-totals")).to_contain_text("1 imported")
    context.close()

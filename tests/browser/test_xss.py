"""An imported web page must never run code in an editor's browser.

Every payload sets a `window.__xss` flag and calls alert(); the tests open every page that shows
the article (queue, reader, assertion panel, dispute) and check that no dialog opened and no flag
was set, then click what looks like a link.
"""
import pytest
from playwright.sync_api import expect

from factcheck.importing import import_entry, import_text
from factcheck.models import Assertion, Dispute
from factcheck.parsers import parse_file
from tests.browser.conftest import login
from tests.browser.migrated_data import migrated_data  # noqa: F401  (fixture)
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migrated_data")]

EVIL_PAGE = b"""<!doctype html>
<html><head><title>Bridge row <script>window.__xss='title';alert('title')</script></title>
<meta property="og:title" content="Bridge row &lt;img src=x onerror=alert(9)&gt;">
</head><body>
<article>
<h1>Bridge row over safety report</h1>
<p>The transport minister said on Monday that the Elm Street bridge was safe for heavy traffic.
<script>window.__xss='script';alert('script')</script></p>
<p>Engineers from the city council denied that the Elm Street bridge was safe for heavy traffic
<img src="x" onerror="window.__xss='onerror';alert('onerror')"></p>
<p><a id="evil" href="javascript:window.__xss='link';alert('link')">Read the engineers' report</a></p>
<p onmouseover="window.__xss='hover'">The union said that repairs would take two years.</p>
<svg><script>window.__xss='svg'</script></svg>
<iframe src="javascript:parent.__xss='iframe'"></iframe>
</article>
</body></html>
"""

# Pasted text is shown as text: markup in it must come out escaped, never parsed.
EVIL_TEXT = (
    "Minister <img src=x onerror=\"window.__xss='text-img';alert(1)\"> speaks\n\n"
    "The transport minister said that the \"<script>window.__xss='text-script';alert(2)</script>\" "
    "Oak Lane bridge was safe for heavy traffic.\n\n"
    "The city's engineers denied that the Oak Lane bridge was safe for heavy traffic "
    "<a href=\"javascript:window.__xss='text-link'\">report</a>."
)


def watch(page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return dialogs


def assert_nothing_ran(page, dialogs):
    page.wait_for_timeout(150)  # an onerror fires after the image fails to load
    assert dialogs == []
    assert page.evaluate("window.__xss === undefined"), page.evaluate("String(window.__xss)")


def open_and_check(page, url, dialogs):
    response = page.goto(url)
    assert response.status == 200, url
    assert_nothing_ran(page, dialogs)
    # Nothing the article brought in may become a javascript: link or an inline handler.
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("[onerror], [onmouseover], [onclick], [onload]").count() == 0
    assert page.locator("iframe, object, embed").count() == 0


def test_the_watch_catches_a_payload_that_does_run(page):
    # Guards the detector: with no CSP and no escaping, the same payloads fire.
    dialogs = watch(page)
    page.set_content("<img src=x onerror=\"window.__xss='onerror';alert('onerror')\">")
    page.wait_for_timeout(150)
    assert dialogs == ["onerror"]
    assert page.evaluate("window.__xss") == "onerror"


def test_scripts_handlers_and_javascript_links_in_an_imported_page_never_run(live_server, page, editor, screenshots):
    outcome = import_entry(next(iter(parse_file(EVIL_PAGE, "bridge.html"))))
    article = outcome.article
    dialogs = watch(page)
    login(page, live_server, editor.username, PASSWORD)
    assert_nothing_ran(page, dialogs)  # the queue lists the article's title and assertions

    open_and_check(page, f"{live_server.url}/articles/{article.pk}/", dialogs)
    expect(page.get_by_text("Elm Street bridge was safe", exact=False).first).to_be_visible()
    for assertion in Assertion.objects.filter(article=article):
        open_and_check(page, f"{live_server.url}/articles/{article.pk}/?assertion={assertion.pk}", dialogs)
    for dispute in Dispute.objects.filter(assertions__article=article).distinct():
        open_and_check(page, f"{live_server.url}/disputes/{dispute.pk}/", dialogs)

    page.goto(f"{live_server.url}/articles/{article.pk}/")
    report_link = page.get_by_text("Read the engineers' report")
    if report_link.count():
        report_link.first.click()
        assert_nothing_ran(page, dialogs)
    page.screenshot(path=screenshots / "xss-imported-page.png", full_page=True)


def test_markup_pasted_as_article_text_is_shown_as_text(live_server, page, editor, screenshots):
    outcome = import_text(text=EVIL_TEXT, title="Minister <script>window.__xss='title'</script>", user=editor)
    article = outcome.article
    dialogs = watch(page)
    login(page, live_server, editor.username, PASSWORD)
    assert_nothing_ran(page, dialogs)

    open_and_check(page, f"{live_server.url}/articles/{article.pk}/", dialogs)
    # The payload reached the page, as visible text.
    expect(page.get_by_text("<script>window.__xss='text-script';alert(2)</script>", exact=False).first).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("<script>")
    for assertion in Assertion.objects.filter(article=article):
        open_and_check(page, f"{live_server.url}/articles/{article.pk}/?assertion={assertion.pk}", dialogs)
        page.locator(f"#assertion-{assertion.pk}").first.click()
        assert_nothing_ran(page, dialogs)
    for dispute in Dispute.objects.filter(assertions__article=article).distinct():
        open_and_check(page, f"{live_server.url}/disputes/{dispute.pk}/", dialogs)
    page.get_by_text("report</a>", exact=False).first.click()
    assert_nothing_ran(page, dialogs)
    page.screenshot(path=screenshots / "xss-pasted-text.png", full_page=True)

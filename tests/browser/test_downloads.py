"""An editor downloads the verdict report in every format from the dispute page."""
import csv
import io
import json

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.test_exports import DRAFT_QUOTE, PUBLISHED_QUOTE, build_dispute

pytestmark = pytest.mark.browser


def _download(page, name):
    with page.expect_download() as info:
        page.get_by_role("link", name=name).click()
    download = info.value
    with open(download.path(), "rb") as handle:
        return download.suggested_filename, handle.read()


def test_every_format_downloads_from_the_dispute_page_and_parses(live_server, page, viewer, editor, screenshots):
    data = build_dispute(editor)
    pk = data["dispute"].pk
    login(page, live_server, viewer.username, PASSWORD)
    page.goto(f"{live_server.url}/disputes/{pk}/")
    menu = page.get_by_role("navigation", name="Download the verdict report")
    expect(menu).to_be_visible()
    page.screenshot(path=screenshots / "dispute-downloads-menu.png", full_page=True)

    name, body = _download(page, "Download the dispute report as printable HTML")
    assert name == f"factcheck-dispute-{pk}.html"
    assert PUBLISHED_QUOTE in body.decode() and DRAFT_QUOTE in body.decode()

    name, body = _download(page, "Download the dispute report as PDF")
    assert name == f"factcheck-dispute-{pk}.pdf"
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(body)).pages)
    assert "86 terrorist targets overnight" in text and "Verdict: False" in text

    name, body = _download(page, "Download the dispute report as CSV, one row per assertion")
    assert name == f"factcheck-dispute-{pk}.csv"
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert {r["quote"] for r in rows} >= {PUBLISHED_QUOTE, DRAFT_QUOTE}

    name, body = _download(page, "Download the dispute report as JSON data")
    assert name == f"factcheck-dispute-{pk}.json"
    doc = json.loads(body)
    assert doc["format"] == "factcheck-report" and len(doc["assertions"]) == 3

    name, body = _download(page, "Download the published verdicts of the dispute as ClaimReview JSON-LD")
    assert name == f"factcheck-dispute-{pk}.claimreview.jsonld"
    reviews = json.loads(body)
    assert {r["@type"] for r in reviews} == {"ClaimReview"}
    assert DRAFT_QUOTE not in {r["claimReviewed"] for r in reviews}


def test_the_public_report_page_opens_without_logging_in(live_server, page, editor, screenshots):
    data = build_dispute(editor)
    page.goto(f"{live_server.url}/reports/disputes/{data['dispute'].pk}/#claim-{data['published'].pk}")
    expect(page.get_by_role("heading", level=1, name="Russian strikes near Homs")).to_be_visible()
    expect(page.locator(f"#claim-{data['published'].pk}")).to_contain_text(PUBLISHED_QUOTE)
    expect(page.get_by_text(DRAFT_QUOTE)).to_have_count(0)
    # The stylesheet loaded under the content security policy: the claims sit in side columns.
    assert page.locator(".sides").evaluate("el => getComputedStyle(el).display") == "grid"
    page.screenshot(path=screenshots / "public-dispute-report.png", full_page=True)

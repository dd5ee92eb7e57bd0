"""An editor's day in Chromium: import the seed article, open the Palmyra dispute, decide pairs,
annotate a passage, link a source, set a verdict and find it all in the history. Then two editors
change the status of one assertion at once."""
import json
import re
from pathlib import Path

import pytest
from django.db.models import Count
from playwright.sync_api import expect

from factcheck.models import Annotation, Article, Assertion, Dispute, History, Opposition, SourceLink
from tests.browser.conftest import login
from tests.browser.migrated_data import migrated_data  # noqa: F401 (fixture)
from tests.conftest import PASSWORD
from tests.workbench_factories import palmyra_dispute

# live_server flushes every table after each test: migrated_data puts the groups, permissions
# and verdict scale back before the users are made.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migrated_data")]

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data" / "articles.json"
SEED = json.loads(SAMPLES.read_text(encoding="utf-8"))[0]  # the RFE/RL Palmyra article
PHRASE = "underground bunker"

SELECT_PHRASE = """(phrase) => {
  const root = document.querySelector('[data-article-text]');
  const start = root.textContent.indexOf(phrase);
  const end = start + phrase.length;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0, range = document.createRange(), node;
  while ((node = walker.nextNode())) {
    const len = node.textContent.length;
    if (start >= seen && start <= seen + len) range.setStart(node, start - seen);
    if (end >= seen && end <= seen + len) { range.setEnd(node, end - seen); break; }
    seen += len;
  }
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  root.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
  return start;
}"""


def test_an_editor_works_a_dispute_from_import_to_verdict(live_server, page, editor, screenshots):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "favicon" not in m.text else None)
    login(page, live_server, editor.username, PASSWORD)

    # Import the seed article by pasting it.
    page.goto(f"{live_server.url}/import/")
    page.get_by_label("Title").fill(SEED["title"])
    page.get_by_label("Outlet").fill(SEED["outlet"])
    page.get_by_label("Article text").fill(SEED["text"])
    page.get_by_role("button", name="Import text").click()
    expect(page.locator(".import-totals")).to_contain_text("1 imported")
    article = Article.objects.get(title=SEED["title"])

    # The queue lists the article and the disputes found in it.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Queue").click()
    expect(page.get_by_role("link", name=SEED["title"])).to_be_visible()
    # The engine names disputes after their event; take the Palmyra one with the most pairs.
    target = (Dispute.objects.filter(title__icontains="Palmyra").annotate(n=Count("oppositions"))
              .order_by("-n", "pk").first())
    assert target is not None and target.n >= 2, "the engine found no Palmyra dispute with two pairs"
    disputes = page.get_by_role("region", name=re.compile("Disputes"))
    palmyra = disputes.locator(f'a[href="{target.get_absolute_url()}"]')
    expect(palmyra).to_have_text(re.compile("Palmyra"))
    page.screenshot(path=screenshots / "workbench-queue.png", full_page=True)

    # The dispute: sides in columns, the map, the pairs.
    palmyra.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Palmyra")
    expect(page.locator("figure.conflict-map svg.map-svg")).to_be_visible()
    menu = page.get_by_role("navigation", name="Download the verdict report")
    expect(menu).to_be_visible()
    pairs = page.locator("ol.pairs > li.pair")
    assert pairs.count() >= 2
    first_id, second_id = pairs.nth(0).get_attribute("id"), pairs.nth(1).get_attribute("id")

    # Accept one pair with the mouse, reject another with the keyboard (j j r).
    page.locator(f"#{first_id}").get_by_role("button", name="Accept").click()
    expect(page.locator(f"#{first_id} .decision-label")).to_have_text("✓ Accepted")
    expect(page.locator("#conflict-map .edge-accepted")).to_have_count(1)  # the map was swapped too
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(page.locator(f"#{second_id}")).to_have_class(re.compile("is-focused"))
    page.keyboard.press("r")
    expect(page.locator(f"#{second_id} .decision-label")).to_have_text("✗ Rejected")
    expect(page.locator("#conflict-map .edge-rejected")).to_have_count(1)
    page.screenshot(path=screenshots / "workbench-dispute.png", full_page=True)

    # The report of the dispute downloads from its menu.
    with page.expect_download() as download:
        menu.get_by_role("link", name=re.compile("printable HTML")).click()
    assert "Palmyra" in Path(download.value.path()).read_text(encoding="utf-8")
    decided = dict(Opposition.objects.filter(pk__in=[int(first_id[5:]), int(second_id[5:])]).values_list("pk", "decision"))
    assert decided == {int(first_id[5:]): "accepted", int(second_id[5:]): "rejected"}

    # The reader: select a passage, and the note form fills in with its offsets.
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    start = page.evaluate(SELECT_PHRASE, PHRASE)
    assert start == article.text.index(PHRASE)
    form = page.locator("[data-annotate-form]")
    expect(form.get_by_label("Quoted text")).to_have_value(PHRASE)
    expect(form.get_by_label("Start offset")).to_have_value(str(start))
    expect(form.get_by_label("End offset")).to_have_value(str(start + len(PHRASE)))
    form.get_by_label("Note").fill("Which bunker? No imagery of it.")
    form.get_by_role("button", name="Save note").click()
    expect(page.locator("#article-text mark.note")).to_have_text(PHRASE)
    note = Annotation.objects.get(article=article)
    assert (note.start, note.end, note.quote) == (start, start + len(PHRASE), PHRASE)

    # Open the claim about the destroyed bunker in the side panel (htmx).
    claim = Assertion.objects.get(article=article, quote__contains=PHRASE)
    page.locator(f"#assertion-{claim.pk}").click()
    panel = page.locator("#panel")
    expect(panel.get_by_role("heading", name=f"Assertion #{claim.pk}")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"\?assertion={claim.pk}"))

    # Link a source.
    panel.get_by_text("Link a source").click()
    panel.get_by_label("Address (URL)").fill("https://example.org/satellite-palmyra")
    panel.get_by_label("Title").fill("Satellite images of Palmyra")
    panel.get_by_label("Role").select_option("refutes")
    panel.get_by_role("button", name="Link source").click()
    expect(panel.get_by_role("link", name="Satellite images of Palmyra")).to_be_visible()

    # Set a verdict.
    panel.get_by_role("combobox", name="Verdict").select_option(label="Mostly false")
    panel.get_by_label("Rationale").fill("Imagery shows the citadel hit; no bunker visible.")
    panel.get_by_role("button", name="Save verdict").click()
    expect(panel.locator(".facts")).to_contain_text("Mostly false")

    # Everything is in the history, newest first.
    history = panel.locator("ol.history")
    expect(history).to_contain_text("verdict rationale")
    expect(history).to_contain_text("Mostly false")
    expect(history).to_contain_text("source refutes")
    expect(panel.locator("ul.notes")).to_contain_text("Which bunker? No imagery of it.")
    page.screenshot(path=screenshots / "workbench-reader.png", full_page=True)

    assert SourceLink.objects.get(assertion=claim).role == "refutes"
    claim.refresh_from_db()
    assert claim.verdict.key == "mostly-false" and claim.version == 2
    assert History.objects.filter(user=editor).count() >= 5
    assert errors == []


def test_two_editors_change_one_status_and_the_second_keeps_their_input(live_server, browser, editor, reviewer,
                                                                          screenshots):
    d = palmyra_dispute()
    claim = d["claim"]
    url = f"{live_server.url}{d['article'].get_absolute_url()}?assertion={claim.pk}"
    contexts = [browser.new_context(), browser.new_context()]
    try:
        first, second = (ctx.new_page() for ctx in contexts)
        login(first, live_server, editor.username, PASSWORD)
        login(second, live_server, reviewer.username, PASSWORD)
        first.goto(url)
        second.goto(url)

        first.locator("#status_status").select_option("in_progress")
        first.locator("#status_note").fill("Calling the ministry")
        first.get_by_role("button", name="Set status").click()
        expect(first.locator("#panel .facts")).to_contain_text("In progress")

        second.locator("#status_status").select_option("reviewed")
        second.locator("#status_note").fill("Checked against imagery")
        second.get_by_role("button", name="Set status").click()
        alert = second.locator("#panel .conflict")
        expect(alert).to_contain_text("Someone else saved a change first")
        expect(alert.locator(".current-values")).to_contain_text("In progress")
        expect(second.locator("#status_status")).to_have_value("reviewed")
        expect(second.locator("#status_note")).to_have_value("Checked against imagery")
        second.screenshot(path=screenshots / "workbench-status-conflict.png", full_page=True)
        claim.refresh_from_db()
        assert (claim.status, claim.version) == ("in_progress", 2)

        # Sending it again is a deliberate overwrite of the first editor's change.
        second.get_by_role("button", name="Set status").click()
        expect(second.locator("#panel .facts")).to_contain_text("Reviewed")
        claim.refresh_from_db()
        assert (claim.status, claim.version) == ("reviewed", 3)
    finally:
        for ctx in contexts:
            ctx.close()


def test_deciding_a_pair_works_without_javascript(live_server, browser, editor):
    d = palmyra_dispute()
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        login(page, live_server, editor.username, PASSWORD)
        page.goto(f"{live_server.url}{d['dispute'].get_absolute_url()}")
        pair = page.locator(f"#pair-{d['first'].pk}")
        pair.get_by_label(f"Note on pair #{d['first'].pk}").fill("Different places")
        pair.get_by_role("button", name="Reject").click()
        # Back on the dispute, scrolled to the pair just decided.
        expect(page).to_have_url(f"{live_server.url}{d['dispute'].get_absolute_url()}#pair-{d['first'].pk}")
        expect(page.get_by_role("status")).to_contain_text("Pair rejected.")
        expect(page.locator(f"#pair-{d['first'].pk} .decision-label")).to_have_text("✗ Rejected")
        expect(page.locator("#conflict-map .edge-rejected")).to_have_count(1)
    finally:
        context.close()

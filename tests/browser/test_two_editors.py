"""Two editors in two browsers on the same assertion, without JavaScript: the second save, based
on what the first one overwrote, is refused with the current values shown and the second
editor's input kept; sending it again is then a deliberate overwrite. (The htmx version, on the
status form, is in test_workbench.py.)"""
import pytest
from playwright.sync_api import expect

from factcheck.models import Assertion, History
from tests.browser.conftest import login
from tests.browser.migrated_data import migrated_data  # noqa: F401  (fixture)
from tests.conftest import PASSWORD
from tests.workbench_factories import palmyra_dispute

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migrated_data")]


def save_verdict(page, label, rationale):
    page.locator("#verdict_verdict").select_option(label=label)
    page.locator("#verdict_rationale").fill(rationale)
    page.get_by_role("button", name="Save verdict").click()


def test_without_javascript_the_second_of_two_verdicts_is_refused_shown_and_kept(live_server, browser, editor,
                                                                                 reviewer, screenshots):
    javascript = False
    d = palmyra_dispute()
    claim = d["claim"]
    url = f"{live_server.url}/articles/{d['article'].pk}/?assertion={claim.pk}"
    first_ctx = browser.new_context(java_script_enabled=javascript)
    second_ctx = browser.new_context(java_script_enabled=javascript)
    try:
        first, second = first_ctx.new_page(), second_ctx.new_page()
        login(first, live_server, editor.username, PASSWORD)
        login(second, live_server, reviewer.username, PASSWORD)
        first.goto(url)
        second.goto(url)  # both panels are based on version 1

        save_verdict(first, "False", "Satellite images show the citadel was hit.")
        expect(first.get_by_text("Verdict saved.").first).to_be_visible()  # in the panel, or the page's messages
        expect(first.locator("#panel .facts")).to_contain_text("False")

        save_verdict(second, "Mostly true", "Officials confirmed the target.")
        alert = second.get_by_role("alert")
        expect(alert).to_contain_text("Someone else saved a change first")
        expect(alert).to_contain_text("Nothing of yours was saved")
        expect(alert).to_contain_text("Satellite images show the citadel was hit.")
        expect(second.locator("#verdict_rationale")).to_have_value("Officials confirmed the target.")
        expect(second.locator("#verdict_verdict option:checked")).to_have_text("Mostly true")
        second.screenshot(path=screenshots / f"two-editors-conflict-{'htmx' if javascript else 'nojs'}.png",
                          full_page=True)

        row = Assertion.objects.select_related("verdict").get(pk=claim.pk)
        assert (row.verdict.key, row.rationale, row.version) == ("false", "Satellite images show the citadel was hit.", 2)
        assert set(History.objects.filter(assertion=row).values_list("user__username", flat=True)) == {editor.username}

        # Sending it again, now based on the current version, is a deliberate overwrite.
        expect(second.locator("#verdict_verdict option:checked")).to_have_text("Mostly true")
        second.get_by_role("button", name="Save verdict").click()
        expect(second.locator("#panel .facts")).to_contain_text("Mostly true")
        row.refresh_from_db()
        assert (row.verdict.key, row.rationale, row.version) == ("mostly-true", "Officials confirmed the target.", 3)
    finally:
        first_ctx.close()
        second_ctx.close()

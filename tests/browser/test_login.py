import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_an_editor_logs_in_and_sees_the_sample_articles(live_server, page, editor, screenshots):
    call_command("seed_demo", "--no-users", stdout=open("/dev/null", "w"))
    page.goto(live_server.url + "/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/")  # nothing is visible before logging in
    login(page, live_server, editor.username, PASSWORD)
    expect(page.get_by_role("link", name="Russia Claims Cooperation With Opposition On Syria Air Strikes")).to_be_visible()
    expect(page.get_by_text("City council and bus drivers' union clash over strike turnout")).to_be_visible()
    page.screenshot(path=screenshots / "queue-after-login.png", full_page=True)


def test_a_wrong_password_is_refused_with_a_message(live_server, page, editor):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")

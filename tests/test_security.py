"""Cross-cutting security guarantees: CSRF on every write, a nonce-based CSP, no inline script in
templates, plain error pages, and login required everywhere but the login page and published
reports. (`check --deploy` is covered in test_settings.py.)"""
import re
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, path

import factcheck.urls

ROOT = Path(__file__).resolve().parents[1]

# The only views an anonymous visitor may reach. Anything else opened to the public must be
# added here on purpose, with a test of its own.
OPEN_TO_ANONYMOUS = {"login", "admin/login/"}
# Published report pages (export_views.py): they show published verdicts only.
OPEN_TO_ANONYMOUS |= {"public-dispute-report", "public-article-report"}

DUMMY = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000001"}


def walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                yield prefix + str(p.pattern), "admin", None  # admin_view guards every admin page
                continue
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.name, p.callback


def concrete(route: str) -> str:
    assert not route.startswith("^"), f"regex route {route!r}: give it a path() so this test can walk it"
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: DUMMY[m.group(1) or "str"], route)


ROUTES = list(walk(factcheck.urls.urlpatterns))


def is_open(name, route, callback):
    return (name in OPEN_TO_ANONYMOUS or route in OPEN_TO_ANONYMOUS) and callback is not None


@pytest.mark.parametrize("route,name,callback", ROUTES, ids=[r for r, _, _ in ROUTES])
@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, route, name, callback):
    if is_open(name, route, callback):
        pytest.skip("open to anonymous visitors on purpose")
    url = concrete(route)
    for method in (client.get, client.post):
        response = method(url, follow=True)
        assert response.redirect_chain, f"{method.__name__.upper()} {url} gave {response.status_code}"
        assert response.redirect_chain[-1][0].startswith("/login/?next="), response.redirect_chain
        assert response.status_code == 200 and b'name="password"' in response.content


def test_only_the_login_page_and_published_reports_skip_the_login_requirement():
    opened = {name or route for route, name, callback in ROUTES if callback is not None and not getattr(callback, "login_required", True)}
    assert opened <= OPEN_TO_ANONYMOUS, f"views marked @login_not_required: {opened - OPEN_TO_ANONYMOUS}"
    assert "login" in opened


def test_no_view_is_exempt_from_csrf():
    exempt = [route for route, name, callback in ROUTES if getattr(callback, "csrf_exempt", False)]
    assert exempt == []


@pytest.mark.parametrize("route,name,callback", ROUTES, ids=[r for r, _, _ in ROUTES])
@pytest.mark.django_db
def test_a_post_without_the_csrf_token_is_refused_everywhere(reviewer, route, name, callback):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    response = client.post(concrete(route), {"status": "published"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403, f"POST {concrete(route)} gave {response.status_code}"


def csrf_client(user=None):
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    client.get("/login/" if user is None else "/")  # sets the csrftoken cookie
    return client, client.cookies["csrftoken"].value


@pytest.mark.django_db
def test_the_logout_form_needs_the_token_and_works_with_the_header(editor):
    client, token = csrf_client(editor)
    assert client.post("/logout/").status_code == 403
    assert "_auth_user_id" in client.session
    response = client.post("/logout/", HTTP_X_CSRFTOKEN=token, HTTP_HX_REQUEST="true")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_login_form_needs_the_token(editor):
    from tests.conftest import PASSWORD

    client, token = csrf_client()
    assert client.post("/login/", {"username": editor.username, "password": PASSWORD}).status_code == 403
    response = client.post("/login/", {"username": editor.username, "password": PASSWORD, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


@pytest.mark.django_db
def test_an_htmx_status_change_needs_the_token_from_the_pages_hx_headers(editor):
    from factcheck.models import Assertion, History
    from tests.workbench_factories import palmyra_dispute

    d = palmyra_dispute()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = client.get(f"/articles/{d['article'].pk}/?assertion={d['claim'].pk}").content.decode()
    # What htmx sends: the header named on <body hx-headers=...>.
    token = re.search(r"""hx-headers='\{"X-CSRFToken": "([^"]+)"\}'""", page).group(1)
    url = f"/assertions/{d['claim'].pk}/status/"
    data = {"status": "in_progress", "version": 1, "note": ""}

    refused = client.post(url, data, HTTP_HX_REQUEST="true")
    assert refused.status_code == 403
    assert Assertion.objects.get(pk=d["claim"].pk).status == "unreviewed"
    assert not History.objects.filter(assertion=d["claim"]).exists()

    accepted = client.post(url, data, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200
    assert Assertion.objects.get(pk=d["claim"].pk).status == "in_progress"


@pytest.mark.django_db
def test_a_plain_form_post_works_with_the_token_in_the_form(editor):
    from factcheck.models import Annotation
    from tests.workbench_factories import palmyra_dispute

    d = palmyra_dispute()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = client.get(f"/articles/{d['article'].pk}/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    claim = d["claim"]
    data = {"quote": claim.quote, "start": claim.start, "end": claim.end, "body": "Check this.", "prefix": "", "suffix": ""}
    assert client.post(f"/articles/{d['article'].pk}/annotate/", data).status_code == 403
    assert Annotation.objects.count() == 0
    assert client.post(f"/articles/{d['article'].pk}/annotate/", {**data, "csrfmiddlewaretoken": token}).status_code == 302
    assert Annotation.objects.count() == 1


def csp_of(response) -> str:
    header = response.headers.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    return header


@pytest.mark.parametrize("as_user", [False, True])
@pytest.mark.django_db
def test_pages_carry_a_nonce_csp_and_every_script_tag_has_the_nonce(client, editor, as_user):
    if as_user:
        client.force_login(editor)
    response = client.get("/" if as_user else "/login/")
    assert response.status_code == 200
    header = csp_of(response)
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    directives = dict(d.strip().split(" ", 1) for d in header.split(";") if " " in d.strip())
    nonce = re.search(r"'nonce-([^']+)'", directives["script-src"]).group(1)
    assert "'nonce-" not in directives.get("style-src", "")
    body = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", body)
    assert scripts, "expected the page's scripts"
    for tag in scripts:
        assert f'nonce="{nonce}"' in tag, tag


@pytest.mark.django_db
def test_the_nonce_changes_with_every_response(client):
    first = re.search(r"'nonce-([^']+)'", csp_of(client.get("/login/"))).group(1)
    second = re.search(r"'nonce-([^']+)'", csp_of(client.get("/login/"))).group(1)
    assert first != second


def template_files():
    roots = [ROOT / "templates", *ROOT.glob("factcheck/templates")]
    return sorted(p for root in roots for p in root.rglob("*.html"))


INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
JS_URL = re.compile(r"javascript:", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE | re.DOTALL)
HX_ON = re.compile(r"\shx-on[:\-]", re.IGNORECASE)
SCRIPT_WITHOUT_NONCE = re.compile(r"<script\b(?![^>]*\bnonce=)[^>]*>", re.IGNORECASE)


def test_the_scan_finds_what_it_looks_for():
    # Guards the regular expressions themselves: each must catch its example.
    assert INLINE_HANDLER.search('<img src="x" onerror="alert(1)">')
    assert INLINE_HANDLER.search('<button\n  class="b" onclick=go()>')
    assert JS_URL.search('<a href="JavaScript:alert(1)">')
    assert INLINE_STYLE.search('<p style="color:red">')
    assert HX_ON.search('<div hx-on:click="x">')
    assert SCRIPT_WITHOUT_NONCE.search("<script>alert(1)</script>")
    assert not SCRIPT_WITHOUT_NONCE.search('<script src="a.js" nonce="{{ csp_nonce }}">')
    assert not INLINE_HANDLER.search("<p>Someone = said</p>")


@pytest.mark.parametrize("template", template_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_hold_no_inline_script_handlers_or_styles(template):
    source = template.read_text()
    for name, pattern in [("inline event handler", INLINE_HANDLER), ("javascript: URL", JS_URL),
                          ("inline style", INLINE_STYLE), ("hx-on attribute", HX_ON),
                          ("script without nonce", SCRIPT_WITHOUT_NONCE)]:
        match = pattern.search(source)
        assert match is None, f"{name} in {template.name}: {match.group(0)[:80]!r}"


# --- error pages -------------------------------------------------------------------------------

def boom(request):
    raise RuntimeError("secret-internal-detail: password=hunter2")


urlpatterns = [path("boom/", boom), *factcheck.urls.urlpatterns]


@pytest.mark.django_db
def test_a_missing_page_gives_the_plain_not_found_page(client, editor, settings):
    settings.DEBUG = False
    client.force_login(editor)
    response = client.get("/articles/987654/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "There is nothing at this address" in body
    assert "URLconf" not in body and "Traceback" not in body


@pytest.mark.urls("tests.test_security")
@pytest.mark.django_db
def test_a_crash_gives_the_plain_server_error_page_without_details(editor, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "secret-internal-detail" not in body and "Traceback" not in body and "hunter2" not in body


def test_the_server_error_page_renders_without_touching_the_database(settings):
    from django.views.defaults import server_error

    settings.DEBUG = False
    # No django_db mark: pytest-django makes any query here raise, as a dead database would.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.mark.django_db
def test_a_forbidden_action_gives_the_plain_forbidden_page(client, editor, settings):
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    settings.DEBUG = False
    request = RequestFactory().get("/")
    request.user = editor
    response = permission_denied(request, PermissionDenied("internal reason"))
    assert response.status_code == 403
    assert "Your account may not do this" in response.content.decode()


# --- stored HTML snapshots ---------------------------------------------------------------------

HOSTILE_PAGE = b"""<!doctype html><html><head><title>Bridge <script>window.x=1</script></title></head><body>
<article><h1>Bridge row</h1>
<p>The transport minister said on Monday that the Elm Street bridge was safe for heavy traffic.
<script>alert('script')</script></p>
<p>Engineers denied that the bridge was safe <img src="x" onerror="alert('onerror')"></p>
<p><a href="javascript:alert('link')">Read the report</a></p>
<p onmouseover="alert('hover')">The union said repairs would take two years.</p>
<iframe src="javascript:alert('iframe')"></iframe></article></body></html>"""
TRACES = ("<script", "onerror", "onmouseover", "javascript:", "<iframe")


@pytest.mark.django_db
def test_an_imported_web_page_is_stored_sanitised():
    from factcheck.importing import import_entry
    from factcheck.parsers import parse_file

    outcome = import_entry(next(iter(parse_file(HOSTILE_PAGE, "bridge.html"))), analyse=False)
    assert outcome.status == "imported"
    stored = outcome.article.html.lower()
    assert "elm street bridge" in stored
    assert [t for t in TRACES if t in stored] == []


@pytest.mark.django_db
def test_html_handed_straight_to_import_text_is_stored_sanitised():
    # Article.html is documented as "never shown unsanitised": the service every import path
    # ends in must clean it, not only the HTML file parser that calls it.
    from factcheck.importing import import_text
    from factcheck.models import Article

    outcome = import_text(text="The minister said the bridge was safe.", html=HOSTILE_PAGE.decode(), analyse=False)
    stored = Article.objects.get(pk=outcome.article.pk).html.lower()
    assert [t for t in TRACES if t in stored] == []

"""Fetching articles by URL: pages served by a local http.server in a thread."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from factcheck.fetching import FetchError, check_url, fetch
from factcheck.importing import import_url
from factcheck.models import Article

from .import_support import BRIDGE

PAGE = (
    "<html><head><title>Harbour bridge closed</title>"
    "<link rel='canonical' href='https://news.example/bridge'>"
    "<meta name='author' content='Ann Reporter'><script>window.__pwned=1</script></head>"
    "<body><article><h1>Harbour bridge closed</h1>"
    + "".join(f"<p>{p}</p>" for p in BRIDGE.split("\n\n")[1:])
    + "</article></body></html>"
).encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, code, body=b"", ctype="text/html; charset=utf-8", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path
        if path == "/article":
            self.send(200, PAGE)
        elif path == "/nocanonical":
            self.send(200, PAGE.replace(b"<link rel='canonical' href='https://news.example/bridge'>", b""))
        elif path == "/plain":
            self.send(200, BRIDGE.encode(), "text/plain; charset=utf-8")
        elif path == "/slow":
            time.sleep(2)
            self.send(200, PAGE)
        elif path == "/missing":
            self.send(404, b"<h1>Not found</h1>")
        elif path == "/doc.pdf":
            self.send(200, b"%PDF-1.4 ...", "application/pdf")
        elif path == "/photo":
            self.send(200, b"\x89PNG\r\n", "image/png")
        elif path == "/big":
            self.send(200, b"<p>" + b"x" * 50_000 + b"</p>")
        elif path == "/big-undeclared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(20):
                self.wfile.write(b"<p>" + b"y" * 5_000 + b"</p>")
        elif path == "/redirect":
            self.send(302, headers=[("Location", "/article")])
        elif path.startswith("/loop"):
            n = int(path[5:] or 0)
            self.send(302, headers=[("Location", f"/loop{n + 1}")])
        elif path == "/to-metadata":
            self.send(302, headers=[("Location", "http://169.254.169.254/latest/meta-data/")])
        else:
            self.send(404)


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the fetcher hangs up on oversized pages on purpose


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def local_allowed(settings):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = ["127.0.0.1"]
    settings.FACTCHECK_FETCH_TIMEOUT = 0.5
    settings.FACTCHECK_FETCH_MAX_BYTES = 20_000
    settings.FACTCHECK_FETCH_MAX_REDIRECTS = 3


def test_it_fetches_an_html_page(server):
    page = fetch(f"{server}/article")
    assert page.content_type == "text/html" and page.charset == "utf-8"
    assert b"Harbour bridge closed" in page.body


def test_redirects_are_followed_and_the_final_url_kept(server):
    assert fetch(f"{server}/redirect").url == f"{server}/article"


def test_too_many_redirects_give_up(server):
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch(f"{server}/loop")


def test_a_redirect_to_a_link_local_address_is_refused_at_that_hop(server):
    with pytest.raises(FetchError, match=r"169\.254\.169\.254.*not fetched"):
        fetch(f"{server}/to-metadata")


def test_a_slow_server_times_out(server):
    with pytest.raises(FetchError, match="did not answer within 0.5 seconds"):
        fetch(f"{server}/slow")


def test_a_404_is_reported(server):
    with pytest.raises(FetchError, match="answered 404"):
        fetch(f"{server}/missing")


@pytest.mark.parametrize(("path", "kind"), [("/doc.pdf", "a PDF"), ("/photo", "an image")])
def test_pdfs_and_images_are_refused(server, path, kind):
    with pytest.raises(FetchError, match=f"is {kind}, not a web page"):
        fetch(f"{server}{path}")


def test_a_page_over_the_size_cap_is_refused_by_its_declared_length(server):
    with pytest.raises(FetchError, match="50,007 bytes; the limit is 20,000"):
        fetch(f"{server}/big")


def test_a_page_over_the_size_cap_is_refused_while_reading(server):
    with pytest.raises(FetchError, match="larger than the limit of 20,000 bytes"):
        fetch(f"{server}/big-undeclared")


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/", "http://10.1.2.3/", "http://192.168.0.1/", "http://169.254.169.254/",
    "http://[::1]/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/",
])
def test_private_loopback_and_link_local_addresses_are_refused(settings, url):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = []
    with pytest.raises(FetchError, match="private, loopback or link-local"):
        check_url(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "http://user:pw@example.com/"])
def test_other_schemes_and_credentials_are_refused(url):
    with pytest.raises(FetchError):
        check_url(url)


@pytest.mark.django_db
def test_importing_a_url_stores_the_canonical_url_and_sanitised_html(server):
    outcome = import_url(url=f"{server}/article")
    assert outcome.status == "imported", outcome.message
    article = outcome.article
    assert article.url == f"{server}/article"
    assert article.canonical_url == "https://news.example/bridge"
    assert article.title == "Harbour bridge closed" and article.author == "Ann Reporter"
    assert "transport ministry said" in article.text
    assert "<script" not in article.html and "__pwned" not in article.html and "<p>" in article.html


@pytest.mark.django_db
def test_without_a_canonical_link_the_final_url_is_the_canonical_one(server):
    outcome = import_url(url=f"{server}/nocanonical")
    assert outcome.article.canonical_url == f"{server}/nocanonical"


@pytest.mark.django_db
def test_a_plain_text_page_is_imported(server):
    outcome = import_url(url=f"{server}/plain")
    assert outcome.status == "imported" and outcome.article.text == BRIDGE


@pytest.mark.django_db
def test_a_failed_fetch_is_a_rejected_outcome_and_stores_nothing(server):
    outcome = import_url(url=f"{server}/doc.pdf")
    assert outcome.status == "rejected" and "PDF" in outcome.message
    assert Article.objects.count() == 0


def test_the_request_goes_to_the_address_that_was_checked(server, monkeypatch):
    # DNS rebinding: the name resolves to a public address for the check and to a private one
    # a moment later. The fetcher must connect to what it checked, never resolve again.
    import socket as socket_module

    from factcheck import fetching

    port = int(server.rsplit(":", 1)[1])
    answers = iter(["127.0.0.1"] + ["10.9.9.9"] * 10)
    real = socket_module.getaddrinfo

    def rebinding(host, *args, **kwargs):
        if host == "news.example":
            return [(socket_module.AF_INET, socket_module.SOCK_STREAM, 6, "", (next(answers), port))]
        return real(host, *args, **kwargs)

    connected = []
    real_connect = socket_module.create_connection
    monkeypatch.setattr(fetching.socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(fetching.socket, "create_connection",
                        lambda address, *a, **k: connected.append(address[0]) or real_connect(address, *a, **k))
    page = fetch(f"http://news.example:{port}/article")
    assert b"Harbour bridge closed" in page.body
    assert connected == ["127.0.0.1"]

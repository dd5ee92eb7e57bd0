"""Fetch an article by URL, defensively.

Every hop (the first request and each redirect) is checked the same way: http(s) only, the host
resolved and every address it resolves to public (private, loopback, link-local and reserved
ranges are refused unless settings.FACTCHECK_FETCH_ALLOW_HOSTS names the host or address), a
timeout on connect and read, a byte cap on the body, HTML or plain text only.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings

from .parsers import ImportRejected

USER_AGENT = "factcheck-importer/1.0 (+newsroom fact-check desk)"
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


class FetchError(ImportRejected):
    """The URL could not be fetched; the message says why, for the editor."""


@dataclass
class Fetched:
    url: str  # the final URL after redirects
    content_type: str  # "text/html" or "text/plain"
    charset: str
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # Redirects are followed by hand so each hop is checked before it is requested.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _allowed(host: str) -> bool:
    allow = {h.lower() for h in settings.FACTCHECK_FETCH_ALLOW_HOSTS}
    return host.lower() in allow


def check_url(url: str) -> None:
    """Refuse what we will not request: other schemes, credentials, private addresses."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"Only http and https addresses can be fetched, not “{parts.scheme or url}”.")
    host = parts.hostname
    if not host:
        raise FetchError(f"“{url}” has no host name.")
    if parts.username or parts.password:
        raise FetchError("Addresses with a user name or password in them are not fetched.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"“{url}” has an invalid port.") from None
    if _allowed(host):
        return
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError):
        raise FetchError(f"The host “{host}” could not be found.") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if _allowed(str(address)):
            continue
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"“{host}” resolves to a private, loopback or link-local address ({address}); "
                "such addresses are not fetched."
            )


def fetch(url: str) -> Fetched:
    url = url.strip()
    timeout = settings.FACTCHECK_FETCH_TIMEOUT
    limit = settings.FACTCHECK_FETCH_MAX_BYTES
    for _hop in range(settings.FACTCHECK_FETCH_MAX_REDIRECTS + 1):
        check_url(url)
        request = urllib.request.Request(url, headers={
            "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
        })
        try:
            response = _opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as exc:
            if exc.code in (301, 302, 303, 307, 308) and exc.headers.get("Location"):
                url = urllib.parse.urljoin(url, exc.headers["Location"])
                exc.close()
                continue
            exc.close()
            raise FetchError(f"The server answered {exc.code} {exc.reason} for {url}.") from None
        except (TimeoutError, socket.timeout):
            raise FetchError(f"{url} did not answer within {timeout:g} seconds.") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                raise FetchError(f"{url} did not answer within {timeout:g} seconds.") from None
            raise FetchError(f"{url} could not be fetched: {exc.reason}.") from None
        except (http.client.HTTPException, OSError, ValueError) as exc:
            raise FetchError(f"{url} could not be fetched ({exc.__class__.__name__}).") from None
        with response:
            return _read(response, url, limit, timeout)
    raise FetchError(f"{url}: more than {settings.FACTCHECK_FETCH_MAX_REDIRECTS} redirects; gave up.")


def _read(response, url: str, limit: int, timeout: float) -> Fetched:
    content_type = response.headers.get_content_type()
    if content_type not in ACCEPTED_TYPES:
        kind = "a PDF" if content_type == "application/pdf" else (
            "an image" if content_type.startswith("image/") else f"“{content_type}”")
        raise FetchError(f"{url} is {kind}, not a web page; only HTML and plain text can be imported.")
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(f"{url} is {int(declared):,} bytes; the limit is {limit:,}.")
    chunks, size = [], 0
    # The socket timeout is per read; a server dripping bytes slowly is bounded by a deadline too.
    deadline = time.monotonic() + 3 * timeout
    try:
        while True:
            if time.monotonic() > deadline:
                raise FetchError(f"{url} took too long to send the page.")
            chunk = response.read(64 * 1024)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise FetchError(f"{url} is larger than the limit of {limit:,} bytes.")
            chunks.append(chunk)
    except (TimeoutError, socket.timeout):
        raise FetchError(f"{url} did not answer within {timeout:g} seconds.") from None
    except (http.client.HTTPException, OSError) as exc:
        raise FetchError(f"{url}: the download broke off ({exc.__class__.__name__}).") from None
    return Fetched(
        url=response.geturl() or url,
        content_type=content_type,
        charset=response.headers.get_content_charset() or "",
        body=b"".join(chunks),
    )

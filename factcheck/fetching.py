"""Fetch an article by URL, defensively.

Every hop (the first request and each redirect) is checked the same way: http(s) only, the host
resolved and every address it resolves to public (private, loopback, link-local and reserved
ranges are refused unless settings.FACTCHECK_FETCH_ALLOW_HOSTS names the host or address), a
timeout on connect and read, a byte cap on the body, HTML or plain text only. The connection goes
to the address that was checked, so DNS cannot swap in a private one between check and request.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.parse
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


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, not to whatever DNS says a moment later
    (no rebinding window between the check and the request)."""

    def __init__(self, host, port, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        # Certificate and SNI are checked against the host name, as a browser would.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _allowed(host: str) -> bool:
    allow = {h.lower() for h in settings.FACTCHECK_FETCH_ALLOW_HOSTS}
    return host.lower() in allow


def check_url(url: str) -> str:
    """Refuse what we will not request: other schemes, credentials, private addresses.
    Returns the address to connect to."""
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
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError):
        raise FetchError(f"The host “{host}” could not be found.") from None
    addresses = [info[4][0].split("%", 1)[0] for info in infos]
    if _allowed(host):
        return addresses[0]
    for raw in addresses:
        address = ipaddress.ip_address(raw)
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if _allowed(str(address)):
            continue
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"“{host}” resolves to a private, loopback or link-local address ({address}); "
                "such addresses are not fetched."
            )
    return addresses[0]


def fetch(url: str) -> Fetched:
    url = url.strip()
    timeout = settings.FACTCHECK_FETCH_TIMEOUT
    limit = settings.FACTCHECK_FETCH_MAX_BYTES
    for _hop in range(settings.FACTCHECK_FETCH_MAX_REDIRECTS + 1):
        address = check_url(url)
        parts = urllib.parse.urlsplit(url)
        https = parts.scheme == "https"
        connection_class = _PinnedHTTPSConnection if https else _PinnedHTTPConnection
        connection = connection_class(parts.hostname, parts.port or (443 if https else 80),
                                      address=address, timeout=timeout)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request("GET", target, headers={
                "Host": parts.netloc, "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
            })
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urllib.parse.urljoin(url, response.getheader("Location").strip())
                continue
            if response.status >= 400:
                raise FetchError(f"The server answered {response.status} {response.reason} for {url}.")
            if response.status != 200:
                raise FetchError(f"The server answered {response.status} {response.reason} for {url}; expected a page.")
            return _read(response, url, limit, timeout)
        except FetchError:
            raise
        except (TimeoutError, socket.timeout):
            raise FetchError(f"{url} did not answer within {timeout:g} seconds.") from None
        except ssl.SSLError as exc:
            raise FetchError(f"{url}: the secure connection failed ({exc.reason or exc.__class__.__name__}).") from None
        except (http.client.HTTPException, OSError, ValueError) as exc:
            raise FetchError(f"{url} could not be fetched ({exc.__class__.__name__}: {exc}).") from None
        finally:
            connection.close()
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
        url=url,
        content_type=content_type,
        charset=response.headers.get_content_charset() or "",
        body=b"".join(chunks),
    )

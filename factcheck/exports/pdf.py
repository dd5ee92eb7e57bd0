"""The HTML report as PDF, with WeasyPrint.

Rendering never touches the network: the URL fetcher serves our own static files from disk and
refuses everything else (article links stay links; nothing is fetched).
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import html
from .context import Report


def static_dir() -> Path:
    return Path(settings.STATICFILES_DIRS[0]).resolve()


class StaticFilesOnly(URLFetcher):
    """Serves file:// URLs inside the static directory; refuses every other URL."""

    def __init__(self, root: Path):
        super().__init__(allowed_protocols=["file"], allow_redirects=False)
        self.root = root

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"Refused to fetch {url!r} while rendering a PDF.")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise ValueError(f"Refused to fetch {url!r}: not one of our static files.")
        content_type = "text/css" if path.suffix == ".css" else "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def render(report: Report) -> bytes:
    root = static_dir()
    text = html.render_text(report, css_href=html.STYLESHEET)
    document = HTML(string=text, base_url=root.as_uri() + "/", url_fetcher=StaticFilesOnly(root))
    return document.write_pdf()

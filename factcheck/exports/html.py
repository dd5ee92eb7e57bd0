"""The printable HTML report: templates/factcheck/report.html with static/factcheck/report.css.

A downloaded file must stand alone, so the stylesheet is embedded; the public pages (served under
our CSP, which forbids inline styles) and the PDF link it instead.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from .context import Report

STYLESHEET = "factcheck/report.css"


def stylesheet_text() -> str:
    path = finders.find(STYLESHEET)
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def render_text(report: Report, *, css_href: str | None = None, request=None) -> str:
    """The report as HTML; with `css_href` the stylesheet is linked, else embedded."""
    context = {
        "report": report,
        "css_href": css_href,
        "inline_css": None if css_href else stylesheet_text(),
        "newsroom": settings.FACTCHECK_NEWSROOM_NAME,
        "newsroom_url": settings.FACTCHECK_NEWSROOM_URL,
    }
    return render_to_string("factcheck/report.html", context, request=request)


def render(report: Report) -> bytes:
    return render_text(report).encode("utf-8")

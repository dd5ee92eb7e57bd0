"""Admin actions on ArticleAdmin: the verdict report for the selected articles, as a download."""
from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpResponse

from . import EXPORTERS, build_report, render


def _action(fmt: str, name: str, description: str):
    @admin.action(description=description, permissions=["view"])
    def action(modeladmin, request, queryset) -> HttpResponse | None:
        from ..export_views import PDF_MAX_CLAIMS, attachment, too_large_for_web

        report = build_report(scope="articles", pks=queryset.values("pk"))
        if too_large_for_web(report, fmt):
            modeladmin.message_user(
                request, f"{len(report.assertions):,} claims are too many for a PDF from the web (at most "
                f"{PDF_MAX_CLAIMS}): select fewer articles or use `manage.py export_report`.", messages.ERROR)
            return None
        return attachment(render(report, fmt), f"factcheck-articles.{EXPORTERS[fmt].extension}")

    action.__name__ = name
    return action


export_report = _action("html", "export_report", "Export report (HTML) of the selected articles")
export_report_pdf = _action("pdf", "export_report_pdf", "Export report (PDF) of the selected articles")
export_report_csv = _action("csv", "export_report_csv", "Export report (CSV) of the selected articles")
export_report_json = _action("json", "export_report_json", "Export report (JSON) of the selected articles")

ARTICLE_ACTIONS = [export_report, export_report_pdf, export_report_csv, export_report_json]

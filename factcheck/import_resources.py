"""Bulk import in the admin site (django-import-export): CSV, JSON or XLSX, dry run, then confirm.

Every row goes through importing.import_text(), the same service as every other path, so rows are
deduplicated by content hash, revisions recognised by URL, and analysed. The import-export
semantics hold: the dry run runs in a transaction that is rolled back and shows each row as new,
duplicate (skipped, with the article it duplicates) or invalid (with the reason per column); a file
with invalid rows cannot be confirmed; on confirm every row is its own savepoint inside one
transaction, so an error in any row leaves nothing half-imported.
"""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from import_export import fields, resources, widgets

from .importing import ImportRejected, import_text
from .models import Article, content_hash
from .parsers import from_html, parse_date


class PassThroughDateTimeWidget(widgets.DateTimeWidget):
    """before_import_row has already parsed the date (with the importer's formats)."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if hasattr(value, "tzinfo"):
            return value
        return super().clean(value, row=row, **kwargs)


def _text(value) -> str:
    return "" if value is None else str(value)


class ArticleResource(resources.ModelResource):
    published = fields.Field(attribute="published_at", column_name="published", widget=PassThroughDateTimeWidget())
    # Shown in the dry-run preview only: what will happen to the row and why.
    import_note = fields.Field(attribute="import_note", column_name="import note", readonly=False)

    class Meta:
        model = Article
        fields = ("title", "url", "outlet", "author", "published", "text", "html", "import_note")
        export_order = ("title", "url", "outlet", "author", "published", "text", "html")
        import_id_fields = ()
        skip_unchanged = False
        report_skipped = True
        use_bulk = False
        clean_model_instances = False

    def __init__(self, **kwargs):
        super().__init__()
        self.user = None
        self.inline_analysis = True
        self.to_analyse: list[int] = []

    # --- the import flow ---------------------------------------------------------------------

    def get_export_fields(self, selected_fields=None):
        return [f for f in super().get_export_fields(selected_fields) if f.column_name != "import note"]

    def before_import(self, dataset, **kwargs):
        self.user = kwargs.get("user")
        # Thousands of rows: store them now, analyse them on the task queue after commit.
        self.inline_analysis = len(dataset) <= settings.FACTCHECK_BACKGROUND_IMPORT_THRESHOLD
        self.to_analyse = []
        missing = {"text", "html"} - set(h.strip().lower() for h in (dataset.headers or []))
        if len(missing) == 2:
            raise ValidationError(
                "The file needs a “text” or “html” column; expected columns: title, url, outlet, author, published, text, html."
            )

    def before_import_row(self, row, **kwargs):
        """Normalise one row the way the other import paths do; invalid rows raise with the reason."""
        for key in list(row.keys()):
            if key is not None and key != key.strip().lower():
                row[key.strip().lower()] = row.pop(key)
        errors = {}
        text, html = _text(row.get("text")).strip(), _text(row.get("html")).strip()
        if html:
            extracted = from_html(html, url=_text(row.get("url")))
            row["html"] = extracted["html"]
            if not text:
                text = extracted["text"]
            for key in ("title", "author", "outlet"):
                if not _text(row.get(key)).strip() and extracted.get(key):
                    row[key] = extracted[key]
        row["text"] = text
        if not text:
            errors["text"] = "The row has no text (fill the “text” or “html” column)."
        elif len(text) > settings.FACTCHECK_MAX_ARTICLE_CHARS:
            errors["text"] = f"The text is {len(text):,} characters long; the limit is {settings.FACTCHECK_MAX_ARTICLE_CHARS:,}."
        url = _text(row.get("url")).strip()
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                errors["url"] = f"“{url[:100]}” is not an http(s) address."
        row["url"] = url
        try:
            row["published"] = parse_date(row.get("published") if not hasattr(row.get("published"), "tzinfo")
                                          else row["published"].isoformat())
        except ValueError as exc:
            errors["published"] = str(exc).capitalize() + "; use YYYY-MM-DD."
        for key in ("title", "outlet", "author"):
            row[key] = " ".join(_text(row.get(key)).split())
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Duplicates (same text as a stored article, or as an earlier row) are skipped and say so."""
        if import_validation_errors:
            return False
        existing = Article.objects.filter(content_hash=content_hash(instance.text)).only("pk", "title").first()
        if existing is not None:
            instance.import_note = f"Duplicate of article #{existing.pk} “{existing.title[:80]}”: not imported again."
            return True
        previous = Article.objects.filter(canonical_url=instance.url).only("pk").first() if instance.url else None
        instance.import_note = f"New revision of article #{previous.pk}." if previous else "New article."
        return False

    def save_instance(self, instance, is_create, row, **kwargs):
        dry_run = kwargs.get("dry_run", False)
        if dry_run and not kwargs.get("using_transactions", True):
            return  # no transaction to roll back: validate only
        try:
            outcome = import_text(
                text=instance.text, title=instance.title, url=instance.url, outlet=instance.outlet,
                author=instance.author, published_at=instance.published_at, html=instance.html,
                user=self.user, analyse=self.inline_analysis and not dry_run,
                name=f"admin import row {kwargs.get('row_number', '?')}",
            )
        except ImportRejected as exc:
            raise ValidationError({"text": str(exc)}) from None
        article = outcome.article
        instance.pk = article.pk
        instance.content_hash = article.content_hash
        instance._state.adding = False
        if outcome.message:
            instance.import_note = f"{instance.import_note} {outcome.message}".strip()
        if not dry_run and not self.inline_analysis and outcome.status != "duplicate":
            self.to_analyse.append(article.pk)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if kwargs.get("dry_run") or not self.to_analyse:
            return
        from .tasks import analyse_articles

        ids, user_id = list(self.to_analyse), getattr(self.user, "pk", None)
        transaction.on_commit(lambda: analyse_articles.enqueue(ids, user_id))


def rerun_analysis(modeladmin, request, queryset):
    """Admin action: run the analysis engine again on the selected articles. Results no editor
    has touched are replaced; reviewed assertions, verdicts, notes and sources are kept."""
    from django.contrib import messages

    from .analyzing import analyze_article
    from .tasks import analyse_articles

    ids = list(queryset.values_list("pk", flat=True))
    if len(ids) > settings.FACTCHECK_BACKGROUND_IMPORT_THRESHOLD:
        user_id = request.user.pk
        transaction.on_commit(lambda: analyse_articles.enqueue(ids, user_id, True))
        modeladmin.message_user(request, f"Analysis of {len(ids)} articles was queued.", messages.INFO)
        return
    found, failed = 0, []
    for article in queryset:
        try:
            found += analyze_article(article=article, user=request.user).assertions
        except Exception as exc:  # one article's failure is rolled back alone
            failed.append(f"“{article.title[:60]}” ({exc.__class__.__name__})")
    modeladmin.message_user(request, f"Re-ran analysis on {len(ids) - len(failed)} article(s); "
                                     f"{found} new assertion(s) found.", messages.SUCCESS)
    if failed:
        modeladmin.message_user(request, "Analysis failed for " + ", ".join(failed) + ".", messages.ERROR)


rerun_analysis.short_description = "Re-run analysis"
rerun_analysis.allowed_permissions = ("change",)

from django.contrib import admin
from import_export.admin import ImportExportMixin

from .exports.admin_actions import ARTICLE_ACTIONS
from .import_resources import ArticleResource, rerun_analysis
from .models import (
    Annotation,
    Article,
    Assertion,
    Dispute,
    History,
    ImportBatch,
    LoginAttempt,
    Opposition,
    Side,
    SourceLink,
    Speaker,
    VerdictRating,
)


@admin.register(Article)
class ArticleAdmin(ImportExportMixin, admin.ModelAdmin):
    list_display = ["title", "outlet", "published_at", "imported_at", "imported_by"]
    list_filter = ["outlet", "published_at", "imported_at"]
    search_fields = ["title", "url", "canonical_url", "outlet", "author"]
    readonly_fields = ["content_hash", "imported_at", "imported_by", "batch", "analysed_at", "revision_of"]
    date_hierarchy = "imported_at"
    actions = [*ARTICLE_ACTIONS, rerun_analysis]
    # Bulk import (CSV/JSON/XLSX) with a dry-run preview; rows go through importing.import_text.
    resource_classes = [ArticleResource]

    def has_import_permission(self, request):
        return request.user.has_perm("factcheck.add_article")


@admin.register(Side)
class SideAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "colour"]
    search_fields = ["name", "key"]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "side", "key"]
    list_filter = ["side"]
    search_fields = ["name", "key", "aliases"]
    list_select_related = ["side"]


@admin.register(Assertion)
class AssertionAdmin(admin.ModelAdmin):
    list_display = ["short_quote", "speaker_text", "side", "cue", "stance", "status", "verdict", "checkworthiness"]
    list_filter = ["status", "stance", "verdict", "side", "origin"]
    search_fields = ["quote", "speaker_text", "article__title"]
    list_select_related = ["side", "verdict"]
    # What an assertion says and what the desk decided change only through the workbench
    # (review.py): there each change is checked against the role, the version and the publish
    # lock, and leaves a History row. The admin shows them.
    readonly_fields = ["article", "speaker", "side", "speaker_text", "cue", "stance", "start", "end", "quote",
                       "status", "verdict", "rationale", "origin", "version", "created_at", "updated_at"]


@admin.register(Opposition)
class OppositionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "relation", "score", "decision", "origin", "cross_article", "dispute"]
    list_filter = ["relation", "decision", "origin", "cross_article"]
    search_fields = ["reason", "note", "a__quote", "b__quote"]
    raw_id_fields = ["dispute"]
    # Decided and explained in the workbench, where every change leaves a History row.
    readonly_fields = ["a", "b", "relation", "score", "reason", "origin", "decision", "decided_by", "decided_at",
                       "note", "created_by", "cross_article", "version"]


@admin.register(Dispute)
class DisputeAdmin(admin.ModelAdmin):
    list_display = ["title", "score", "updated_at"]
    search_fields = ["title"]
    filter_horizontal = []
    raw_id_fields = ["assertions"]


@admin.register(Annotation)
class AnnotationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "author", "orphaned", "created_at"]
    list_filter = ["orphaned"]
    search_fields = ["quote", "body"]
    raw_id_fields = ["article", "assertion", "carried_from"]


@admin.register(SourceLink)
class SourceLinkAdmin(admin.ModelAdmin):
    list_display = ["__str__", "publisher", "role", "assertion", "added_by"]
    list_filter = ["role"]
    search_fields = ["url", "title", "publisher", "note"]
    raw_id_fields = ["assertion"]


@admin.register(History)
class HistoryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "action", "field", "from_value", "to_value"]
    list_filter = ["action", "field"]
    search_fields = ["note", "from_value", "to_value", "user__username", "assertion__quote"]
    raw_id_fields = ["article", "assertion", "opposition", "dispute"]
    date_hierarchy = "created_at"

    # The audit trail is written by the services only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VerdictRating)
class VerdictRatingAdmin(admin.ModelAdmin):
    list_display = ["label", "key", "rating_value", "order"]
    list_editable = ["rating_value", "order"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "total", "imported", "duplicates", "rejected", "created_by", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["errors", "pending"]


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    list_display = ["username", "ip", "created_at"]
    search_fields = ["username", "ip"]

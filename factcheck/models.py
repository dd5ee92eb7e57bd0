"""The domain: articles, who said what in them, which assertions oppose each other, and what
the desk decided about it.

Writes go through service functions (importing.py, analyzing.py, review.py); models hold data,
constraints and small helpers only.
"""
from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse


def content_hash(text: str) -> str:
    """Hash of an article's text with white space folded, so re-pasted copies match."""
    folded = " ".join(text.split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def check_span(text: str, start: int, end: int, quote: str) -> None:
    """Offsets must lie inside the article's text and point at the quote."""
    if not (0 <= start < end <= len(text)):
        raise ValidationError(f"The span {start}–{end} lies outside the article's text (length {len(text)}).")
    if text[start:end] != quote:
        raise ValidationError("The quoted text does not match the article's text at those offsets.")


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    source = models.CharField(max_length=300, help_text="What was imported: file names, a URL, 'pasted text'.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    # [{"item": "file.csv row 3", "error": "bad date '31/31/2020'"}, ...]
    errors = models.JSONField(default=list, blank=True)
    # Items not yet processed, so an interrupted import can resume: [{"name":..., "path":...}]
    pending = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"Import #{self.pk} ({self.source})"

    def get_absolute_url(self) -> str:
        return reverse("import-batch", args=[self.pk])

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else (100 if self.status == "done" else 0)


class Article(models.Model):
    title = models.CharField(max_length=500)
    url = models.URLField(max_length=2000, blank=True)
    canonical_url = models.URLField(max_length=2000, blank=True, db_index=True)
    outlet = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # The plain text is an immutable snapshot: every offset in the database points into it.
    # A changed version of the same URL is imported as a new revision, never edited in place.
    text = models.TextField()
    html = models.TextField(blank=True, help_text="Sanitised HTML snapshot (nh3); never shown unsanitised.")
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    revision_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="revisions"
    )
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    imported_at = models.DateTimeField(auto_now_add=True)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    analysed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-imported_at"]
        indexes = [models.Index(fields=["-imported_at"]), models.Index(fields=["outlet"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("article", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values, *args, **kwargs):
        instance = super().from_db(db, field_names, values, *args, **kwargs)
        instance._loaded_text = instance.__dict__.get("text")
        return instance

    def save(self, *args, **kwargs):
        # Guard, not business logic: offsets of assertions and annotations depend on the text.
        loaded = getattr(self, "_loaded_text", None)
        if self.pk and loaded is not None and self.text != loaded:
            raise ValueError("An article's text is an immutable snapshot; import a new revision instead.")
        if not self.content_hash:
            self.content_hash = content_hash(self.text)
        super().save(*args, **kwargs)
        self._loaded_text = self.text

    @property
    def date(self):
        return self.published_at or self.imported_at


class Side(models.Model):
    """A party to a dispute: the speakers who speak for it ("Russia": Moscow, the Kremlin, ...)."""

    key = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    colour = models.PositiveSmallIntegerField(default=0, help_text="Index into the palette of side colours.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Speaker(models.Model):
    key = models.SlugField(max_length=200, unique=True)
    name = models.CharField(max_length=300)
    aliases = models.JSONField(default=list, blank=True, help_text="Other names seen for this speaker.")
    side = models.ForeignKey(Side, null=True, blank=True, on_delete=models.SET_NULL, related_name="speakers")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class VerdictRating(models.Model):
    """One step of the verdict scale. Data, so a desk can use its own scale."""

    key = models.SlugField(max_length=50, unique=True)
    label = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    # schema.org reviewRating.ratingValue; empty for verdicts with no place on the scale
    # ("unverified", "conflicting"), which then carry only alternateName.
    rating_value = models.PositiveSmallIntegerField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class Status(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    IN_PROGRESS = "in_progress", "In progress"
    REVIEWED = "reviewed", "Reviewed"
    PUBLISHED = "published", "Published"
    PAUSED = "paused", "Paused"


class Stance(models.TextChoices):
    ASSERT = "assert", "Asserts"
    DENY = "deny", "Denies"
    DISPUTE = "dispute", "Disputes"
    CONFIRM = "confirm", "Confirms"


class AssertionQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("article", "speaker", "side", "verdict")

    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Assertion(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="assertions")
    speaker = models.ForeignKey(Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="assertions")
    side = models.ForeignKey(Side, null=True, blank=True, on_delete=models.SET_NULL, related_name="assertions")
    speaker_text = models.CharField("speaker as written", max_length=500)
    cue = models.CharField("reporting cue", max_length=100)
    stance = models.CharField(max_length=10, choices=Stance, default=Stance.ASSERT)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField(help_text="The asserted text: article.text[start:end].")
    speaker_start = models.IntegerField(default=-1)
    speaker_end = models.IntegerField(default=-1)
    cue_start = models.IntegerField(default=-1)
    cue_end = models.IntegerField(default=-1)
    checkworthiness = models.FloatField(default=0.0)
    status = models.CharField(max_length=12, choices=Status, default=Status.UNREVIEWED, db_index=True)
    verdict = models.ForeignKey(VerdictRating, null=True, blank=True, on_delete=models.PROTECT)
    rationale = models.TextField(blank=True)
    origin = models.CharField(max_length=10, default="auto", choices=[("auto", "Automatic"), ("editor", "Editor")])
    # Optimistic locking: every edit sends the version it was based on; a stale one is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssertionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        indexes = [
            models.Index(fields=["-checkworthiness", "-created_at"]),
            models.Index(fields=["article", "start"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="assertion_span_not_empty"),
        ]
        permissions = [("publish_verdict", "Can publish, pause and unpublish verdicts")]

    def __str__(self) -> str:
        return f"{self.speaker_name}: {self.short_quote}"

    def get_absolute_url(self) -> str:
        return reverse("article", args=[self.article_id]) + f"?assertion={self.pk}#assertion-{self.pk}"

    def clean(self):
        check_span(self.article.text, self.start, self.end, self.quote)

    @property
    def speaker_name(self) -> str:
        return self.speaker.name if self.speaker_id else self.speaker_text

    @property
    def short_quote(self) -> str:
        return self.quote if len(self.quote) <= 90 else self.quote[:87].rstrip() + "…"


class AssertionKey(models.Model):
    """Blocking keys (places, actors, dates, key terms) used to find assertions about the same
    event in other articles without comparing every pair."""

    assertion = models.ForeignKey(Assertion, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=120, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assertion", "key"], name="assertion_key_unique")]

    def __str__(self) -> str:
        return self.key


class Dispute(models.Model):
    title = models.CharField(max_length=300)
    score = models.FloatField(default=0.0, help_text="Highest check-worthiness among its assertions.")
    assertions = models.ManyToManyField(Assertion, related_name="disputes", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-score", "-updated_at"]
        # The queue walks disputes in this order and stops at a page.
        indexes = [models.Index(fields=["-score", "-updated_at"], name="dispute_queue_order")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dispute", args=[self.pk])


class Opposition(models.Model):
    class Relation(models.TextChoices):
        CONTRADICTS = "contradicts", "contradicts"
        DENIES = "denies", "denies"
        DISPUTES = "disputes", "disputes"

    class Decision(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    # Stored with a.pk < b.pk: one row per unordered pair, and never a pair of one assertion.
    a = models.ForeignKey(Assertion, on_delete=models.CASCADE, related_name="oppositions_as_a")
    b = models.ForeignKey(Assertion, on_delete=models.CASCADE, related_name="oppositions_as_b")
    relation = models.CharField(max_length=12, choices=Relation)
    score = models.FloatField(default=0.0)
    reason = models.TextField(blank=True)
    origin = models.CharField(max_length=10, default="auto", choices=[("auto", "Automatic"), ("editor", "Editor")])
    decision = models.CharField(max_length=10, choices=Decision, default=Decision.PENDING, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dispute = models.ForeignKey(Dispute, null=True, blank=True, on_delete=models.SET_NULL, related_name="oppositions")
    cross_article = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(a__lt=F("b")), name="opposition_ordered_distinct_pair"),
            models.UniqueConstraint(fields=["a", "b"], name="opposition_unique_pair"),
        ]
        # The queue counts the pairs still to decide per dispute.
        indexes = [models.Index(fields=["dispute", "decision"], name="opposition_dispute_decision")]

    def __str__(self) -> str:
        return f"#{self.a_id} {self.relation} #{self.b_id}"

    def other(self, assertion: Assertion) -> Assertion:
        return self.b if assertion.pk == self.a_id else self.a


class Annotation(models.Model):
    """A note anchored to a span of an article, with W3C-style selectors (exact quote with
    prefix/suffix, and offsets) so it can be re-anchored on a new revision."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="annotations")
    assertion = models.ForeignKey(Assertion, null=True, blank=True, on_delete=models.SET_NULL, related_name="annotations")
    quote = models.TextField()
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    body = models.TextField("note")
    orphaned = models.BooleanField(default=False, help_text="Its quote no longer matches the article's text.")
    carried_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "start"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="annotation_span_not_empty")]

    def __str__(self) -> str:
        return f"“{self.quote[:40]}”: {self.body[:40]}"

    def clean(self):
        if not self.orphaned:
            check_span(self.article.text, self.start, self.end, self.quote)


class SourceLink(models.Model):
    class Role(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        REFUTES = "refutes", "Refutes"
        CONTEXT = "context", "Context"

    assertion = models.ForeignKey(Assertion, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=10, choices=Role, default=Role.CONTEXT)
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.title or self.url


class History(models.Model):
    """One row per change, written in the same transaction as the change."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=50)  # "status", "verdict", "decide-pair", "annotate", ...
    field = models.CharField(max_length=50, blank=True)
    from_value = models.TextField(blank=True)
    to_value = models.TextField(blank=True)
    note = models.TextField(blank=True)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.CASCADE, related_name="history")
    assertion = models.ForeignKey(Assertion, null=True, blank=True, on_delete=models.CASCADE, related_name="history")
    opposition = models.ForeignKey(Opposition, null=True, blank=True, on_delete=models.SET_NULL, related_name="history")
    dispute = models.ForeignKey(Dispute, null=True, blank=True, on_delete=models.SET_NULL, related_name="history")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "history"

    def __str__(self) -> str:
        change = f"{self.from_value!r} → {self.to_value!r}" if self.field else ""
        return f"{self.action} {self.field} {change}".strip()


class LoginAttempt(models.Model):
    """Failed logins, for throttling that works across processes and restarts."""

    username = models.CharField(max_length=150, db_index=True)
    ip = models.CharField(max_length=45)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} from {self.ip}"

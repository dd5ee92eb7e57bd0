"""Editor actions: decide pairs, pair by hand, correct extractions, annotate, link sources, set
status and verdict.

Every service is keyword-only, runs in one transaction, checks the user's permission itself (the
views check too, but a service must be safe to call from anywhere) and writes one History row per
changed field through audit.record. Edits of versioned rows (Assertion, Opposition) are
conditional UPDATEs on the version the editor saw: a stale version raises StaleEdit and changes
nothing, so two editors never silently overwrite each other.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from . import audit
from .analyzing import attach_disputes
from .models import (
    Annotation,
    Article,
    Assertion,
    Opposition,
    Side,
    SourceLink,
    Speaker,
    Stance,
    Status,
    VerdictRating,
)
from .revisions import locate

EDIT_ASSERTION = "factcheck.change_assertion"
EDIT_OPPOSITION = "factcheck.change_opposition"
ADD_ANNOTATION = "factcheck.add_annotation"
ADD_SOURCE = "factcheck.add_sourcelink"
PUBLISH = "factcheck.publish_verdict"

# What an editor may set; published and paused belong to reviewers.
EDITOR_STATUSES = {Status.UNREVIEWED, Status.IN_PROGRESS, Status.REVIEWED}


class StaleEdit(Exception):
    """Someone saved a newer version first. `current` is the row as it is now."""

    def __init__(self, current):
        super().__init__("Someone else changed this while you were editing it.")
        self.current = current


class Locked(PermissionDenied):
    """A published verdict: a reviewer has to unpublish it before it can change."""


def require(user, perm: str) -> None:
    if user is None or not user.is_authenticated or not user.has_perm(perm):
        raise PermissionDenied("You are not allowed to do that.")


def can_edit(user) -> bool:
    return user.has_perm(EDIT_ASSERTION)


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH)


def _current_assertion(assertion: Assertion, version: int) -> Assertion:
    current = Assertion.objects.select_related("article", "speaker", "side", "verdict").get(pk=assertion.pk)
    if current.version != int(version):
        raise StaleEdit(current)
    return current


def _update_assertion(current: Assertion, version: int, **changes) -> None:
    """The conditional UPDATE: it matches no row when another edit got in first."""
    updated = Assertion.objects.filter(pk=current.pk, version=version).update(
        **changes, version=F("version") + 1, updated_at=timezone.now()
    )
    if updated == 0:
        raise StaleEdit(Assertion.objects.select_related("article", "speaker", "side", "verdict").get(pk=current.pk))


def _refresh(assertion: Assertion) -> None:
    fresh = Assertion.objects.select_related("article", "speaker", "side", "verdict").get(pk=assertion.pk)
    for name in ("speaker", "side", "verdict", "speaker_text", "stance", "start", "end", "quote", "status",
                 "rationale", "version", "updated_at"):
        setattr(assertion, name, getattr(fresh, name))


@transaction.atomic
def decide_opposition(*, opposition: Opposition, decision: str, user, version: int, note: str = "") -> Opposition:
    """Accept or reject a pair the engine proposed (or put it back to pending)."""
    require(user, EDIT_OPPOSITION)
    if decision not in Opposition.Decision.values:
        raise ValidationError(f"Unknown decision “{decision}”.")
    current = Opposition.objects.get(pk=opposition.pk)
    if current.version != int(version):
        raise StaleEdit(current)
    now = timezone.now()
    updated = Opposition.objects.filter(pk=current.pk, version=version).update(
        decision=decision, decided_by=user if decision != "pending" else None,
        decided_at=now if decision != "pending" else None, note=note or current.note, version=F("version") + 1,
    )
    if updated == 0:
        raise StaleEdit(Opposition.objects.get(pk=current.pk))
    first = Assertion.objects.select_related("article").get(pk=current.a_id)
    audit.record(user=user, action="decide-pair", field="decision", from_value=current.decision, to_value=decision,
                 note=note, opposition=current, dispute=current.dispute, article=first.article)
    opposition.refresh_from_db()
    return opposition


@transaction.atomic
def pair_by_hand(*, a: Assertion, b: Assertion, relation: str, note: str, user) -> Opposition:
    """An editor pairs two assertions the engine missed; the pair joins (or starts) a dispute."""
    require(user, EDIT_OPPOSITION)
    if a.pk == b.pk:
        raise ValidationError("An assertion cannot oppose itself.")
    if relation not in Opposition.Relation.values:
        raise ValidationError(f"Unknown relation “{relation}”.")
    first, second = (a, b) if a.pk < b.pk else (b, a)
    if Opposition.objects.filter(a=first, b=second).exists():
        raise ValidationError("These two assertions are already paired.")
    now = timezone.now()
    try:
        with transaction.atomic():
            opposition = Opposition.objects.create(
                a=first, b=second, relation=relation, score=1.0, origin="editor",
                reason=note or f"Paired by hand by {user.get_username()}.", note=note,
                decision=Opposition.Decision.ACCEPTED, decided_by=user, decided_at=now, created_by=user,
                cross_article=first.article_id != second.article_id,
            )
    except IntegrityError:
        raise ValidationError("These two assertions are already paired.") from None
    title = f"{first.speaker_name} v. {second.speaker_name}"
    attach_disputes([opposition], {opposition.pk: title}, user=user)
    opposition.refresh_from_db()
    audit.record(user=user, action="pair-by-hand", field="relation", to_value=relation, note=note,
                 opposition=opposition, dispute=opposition.dispute, assertion=first)
    return opposition


def _speaker_named(name: str, side: Side | None) -> Speaker:
    key = slugify(name)[:200]
    if not key:
        raise ValidationError("The speaker needs a name.")
    speaker, _ = Speaker.objects.get_or_create(key=key, defaults={"name": name[:300], "side": side})
    return speaker


_UNCHANGED = object()


@transaction.atomic
def correct_assertion(*, assertion: Assertion, user, version: int, speaker_name: str | None = None,
                      side=_UNCHANGED, stance: str | None = None, start: int | None = None,
                      end: int | None = None, note: str = "") -> Assertion:
    """Correct what the engine extracted. Arguments left out stay as they are; `side=None` clears
    the side. A new span must lie inside the article's text; the quote is re-derived from it."""
    require(user, EDIT_ASSERTION)
    current = _current_assertion(assertion, version)
    if current.status == Status.PUBLISHED:
        raise Locked("This verdict is published: a reviewer has to unpublish it before the extraction can change.")
    changes: dict = {}
    history: list[tuple[str, object, object]] = []

    if side is not _UNCHANGED and (side.pk if side else None) != current.side_id:
        changes["side"] = side
        history.append(("side", current.side, side))
    new_side = changes.get("side", current.side)
    if speaker_name is not None and speaker_name.strip() and speaker_name.strip() != current.speaker_name:
        speaker = _speaker_named(speaker_name.strip(), new_side)
        changes["speaker"] = speaker
        history.append(("speaker", current.speaker_name, speaker.name))
    if stance is not None and stance != current.stance:
        if stance not in Stance.values:
            raise ValidationError(f"Unknown stance “{stance}”.")
        changes["stance"] = stance
        history.append(("stance", current.stance, stance))
    new_start = current.start if start is None else int(start)
    new_end = current.end if end is None else int(end)
    if (new_start, new_end) != (current.start, current.end):
        text = current.article.text
        if not (0 <= new_start < new_end <= len(text)):
            raise ValidationError(f"The span {new_start}–{new_end} lies outside the article's text (length {len(text)}).")
        changes.update(start=new_start, end=new_end, quote=text[new_start:new_end])
        history.append(("span", f"{current.start}–{current.end}", f"{new_start}–{new_end}"))
    if not changes:
        return current
    _update_assertion(current, version, **changes)
    for field, old, new in history:
        audit.record(user=user, action="correct", field=field, from_value=old, to_value=new, note=note,
                     assertion=current, article=current.article)
    _refresh(assertion)
    return assertion


@transaction.atomic
def annotate(*, article: Article, quote: str, prefix: str, suffix: str, start: int, end: int, body: str, user,
             assertion: Assertion | None = None) -> Annotation:
    """A note on a span the editor selected. The offsets come from the browser; when they do not
    point at the quote (an edited form, a stale page) the quote is re-anchored by its context."""
    require(user, ADD_ANNOTATION)
    body = (body or "").strip()
    if not body:
        raise ValidationError("Write a note.")
    if not quote:
        raise ValidationError("Select the text the note is about.")
    text = article.text
    start, end = int(start), int(end)
    if not (0 <= start < end <= len(text) and text[start:end] == quote):
        pos = locate(text, quote, prefix or "", suffix or "", start)
        if pos < 0:
            raise ValidationError("The selected text is not in this article.")
        start, end = pos, pos + len(quote)
    if assertion is not None and assertion.article_id != article.pk:
        raise ValidationError("That assertion belongs to another article.")
    note = Annotation.objects.create(
        article=article, assertion=assertion, quote=quote, prefix=(prefix or "")[-64:], suffix=(suffix or "")[:64],
        start=start, end=end, body=body, author=user,
    )
    audit.record(user=user, action="annotate", field="note", to_value=body[:500], note=f"“{quote[:200]}”",
                 article=article, assertion=assertion)
    return note


@transaction.atomic
def link_source(*, assertion: Assertion, url: str, title: str, publisher: str, role: str, note: str,
                user) -> SourceLink:
    """A source that supports, refutes or gives context to an assertion."""
    require(user, ADD_SOURCE)
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError("Enter a full web address (http:// or https://).") from None
    if role not in SourceLink.Role.values:
        raise ValidationError(f"Unknown role “{role}”.")
    source = SourceLink.objects.create(
        assertion=assertion, url=url, title=(title or "")[:500], publisher=(publisher or "")[:200], role=role,
        note=note or "", added_by=user,
    )
    audit.record(user=user, action="source", field=role, to_value=url, note=title or "", assertion=assertion,
                 article=assertion.article)
    return source


@transaction.atomic
def set_status(*, assertion: Assertion, status: str, user, version: int, note: str = "") -> Assertion:
    """Move an assertion through the workflow. Editors work up to "reviewed"; publishing, pausing
    and unpublishing (published -> reviewed) are a reviewer's."""
    require(user, EDIT_ASSERTION)
    if status not in Status.values:
        raise ValidationError(f"Unknown status “{status}”.")
    current = _current_assertion(assertion, version)
    if status == current.status:
        return current
    reviewer_move = status not in EDITOR_STATUSES or current.status not in EDITOR_STATUSES
    if reviewer_move and not can_publish(user):
        raise PermissionDenied("Only a reviewer can publish, pause or unpublish a verdict.")
    if current.status == Status.PUBLISHED and status not in (Status.REVIEWED, Status.PAUSED):
        raise Locked("This verdict is published: unpublish it (back to reviewed) first.")
    if status == Status.PUBLISHED and current.verdict_id is None:
        raise ValidationError("Set a verdict before publishing.")
    _update_assertion(current, version, status=status)
    action = {"published": "publish", "paused": "pause"}.get(status, "status")
    if current.status == Status.PUBLISHED and status != Status.PAUSED:
        action = "unpublish"
    audit.record(user=user, action=action, field="status", from_value=current.get_status_display(),
                 to_value=Status(status).label, note=note, assertion=current, article=current.article)
    _refresh(assertion)
    return assertion


@transaction.atomic
def set_verdict(*, assertion: Assertion, verdict: VerdictRating | None, rationale: str, user,
                version: int) -> Assertion:
    """Record what the desk found. A published verdict is locked."""
    require(user, EDIT_ASSERTION)
    current = _current_assertion(assertion, version)
    if current.status == Status.PUBLISHED:
        raise Locked("This verdict is published: a reviewer has to unpublish it before it can change.")
    rationale = (rationale or "").strip()
    changes: dict = {}
    if (verdict.pk if verdict else None) != current.verdict_id:
        changes["verdict"] = verdict
    if rationale != current.rationale:
        changes["rationale"] = rationale
    if not changes:
        return current
    _update_assertion(current, version, **changes)
    if "verdict" in changes:
        audit.record(user=user, action="verdict", field="verdict", from_value=current.verdict, to_value=verdict,
                     assertion=current, article=current.article)
    if "rationale" in changes:
        audit.record(user=user, action="verdict", field="rationale", from_value=current.rationale,
                     to_value=rationale, assertion=current, article=current.article)
    _refresh(assertion)
    return assertion

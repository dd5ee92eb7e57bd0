"""One report context for every export format.

A scope ("dispute", "article", "queue", "all") selects assertions. A dispute is shown with all its
members; an article's claims are shown in their disputes whole, so each side's quote stands next
to the other side's; a queue filter is exact (the export holds what the filter matches, grouped by
dispute). The context is built with a fixed number of queries, whatever the size of the export.

`public=True` keeps only published assertions (public report pages, ClaimReview): drafts never
leave the building. Internal exports keep drafts and mark them.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date

from ..models import (
    Annotation,
    Article,
    Assertion,
    Dispute,
    History,
    Opposition,
    Side,
    SourceLink,
    Speaker,
    Status,
    VerdictRating,
)

SCOPES = ("dispute", "article", "queue", "all")
# Also accepted by build_report: "articles" with `pks` (ids or a values("pk") queryset), the
# admin action's selection.
# The queue's GET parameters; anything else in a query string is ignored.
FILTER_PARAMS = ("status", "verdict", "side", "speaker", "outlet", "date_from", "date_to", "q")
# History rows shown per claim in the printable report (the JSON export carries all of them).
SHORT_HISTORY = 6

DisputeMember = Dispute.assertions.through


def _values(params, name: str) -> list[str]:
    if params is None:
        return []
    if hasattr(params, "getlist"):
        raw = params.getlist(name)
    else:
        value = params.get(name)
        raw = value if isinstance(value, (list, tuple)) else ([] if value is None else [value])
    return [str(v).strip() for v in raw if str(v).strip()]


def _by_key_or_pk(values: list[str], field_name: str) -> Q:
    """Sides, speakers and verdicts may be given by slug key or by id."""
    q = Q()
    for value in values:
        q |= Q(**{f"{field_name}__pk": int(value)}) if value.isdigit() else Q(**{f"{field_name}__key": value})
    return q


def search(qs: QuerySet, term: str) -> QuerySet:
    """The queue's search, which its export has to match exactly (views.queue uses this too)."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        # Same expression as the GIN index of migration 0003, so the index is used.
        return qs.annotate(
            search=SearchVector("quote", "speaker_text", config="english")
        ).filter(search=SearchQuery(term, config="english", search_type="websearch"))
    # Elsewhere (SQLite): every word must appear in the quote or the speaker, as in a web search.
    for word in term.split()[:8]:
        qs = qs.filter(Q(quote__icontains=word) | Q(speaker_text__icontains=word))
    return qs


def filter_assertions(params, queryset: QuerySet | None = None) -> QuerySet:
    """The queue filter: status, verdict, side, speaker, outlet, date_from, date_to, q.

    Same meaning as the queue's form: verdict and side by key (or id; "none" as a verdict means
    no verdict yet), speaker by id or as text found in the speaker's name, outlet exact (any
    case), dates (YYYY-MM-DD, inclusive) on the article's publication date, q a search in the
    quote and the speaker as written. Several values of one parameter are alternatives
    (status=reviewed&status=published); different parameters narrow each other. Values that
    cannot be read (a bad date, an unknown status) are ignored.
    """
    qs = Assertion.objects.all() if queryset is None else queryset
    if statuses := [s for s in _values(params, "status") if s in Status.values]:
        qs = qs.filter(status__in=statuses)
    if verdicts := _values(params, "verdict"):
        q = _by_key_or_pk([v for v in verdicts if v != "none"], "verdict")
        if "none" in verdicts:
            q |= Q(verdict__isnull=True)
        qs = qs.filter(q)
    if sides := _values(params, "side"):
        qs = qs.filter(_by_key_or_pk(sides, "side"))
    if speakers := _values(params, "speaker"):
        q = Q()
        for value in speakers:
            q |= Q(speaker__pk=int(value)) if value.isdigit() else (
                Q(speaker__name__icontains=value) | Q(speaker_text__icontains=value))
        qs = qs.filter(q)
    if outlets := _values(params, "outlet"):
        q = Q()
        for outlet in outlets:
            q |= Q(article__outlet__iexact=outlet)
        qs = qs.filter(q)
    for name, lookup in (("date_from", "gte"), ("date_to", "lte")):
        for value in _values(params, name)[:1]:
            try:
                day = parse_date(value)
            except ValueError:
                day = None
            if day is not None:
                qs = qs.filter(**{f"article__published_at__date__{lookup}": day})
    for term in _values(params, "q")[:1]:
        qs = search(qs, term)
    return qs


def clean_params(params) -> dict[str, list[str]]:
    """The filter parameters actually given, for the report header and the JSON scope."""
    return {name: values for name in FILTER_PARAMS if (values := _values(params, name))}


@dataclass
class SideColumn:
    name: str
    side: Side | None
    assertions: list[Assertion]


@dataclass
class DisputeEntry:
    dispute: Dispute
    sides: list[SideColumn]
    oppositions: list[Opposition]
    history: list[History]


@dataclass
class Report:
    scope: str
    pk: int | None
    params: dict[str, list[str]]
    title: str
    public: bool
    generated_at: datetime
    articles: list[Article]
    assertions: list[Assertion]
    disputes: list[DisputeEntry]
    loose: list[Assertion]  # assertions in no dispute
    oppositions: list[Opposition]
    sources: list[SourceLink]
    annotations: list[Annotation]
    history: list[History]
    scale: list[VerdictRating]
    speakers: list[Speaker] = field(default_factory=list)
    sides: list[Side] = field(default_factory=list)

    @property
    def best_rating(self) -> int | None:
        return max((v.rating_value for v in self.scale if v.rating_value is not None), default=None)

    @property
    def worst_rating(self) -> int | None:
        return min((v.rating_value for v in self.scale if v.rating_value is not None), default=None)

    @property
    def article_notes(self) -> list[Annotation]:
        return [n for n in self.annotations if n.assertion_id is None]

    @property
    def drafts(self) -> int:
        return sum(1 for a in self.assertions if a.status != Status.PUBLISHED)

    @property
    def slug(self) -> str:
        """The base of download file names: factcheck-dispute-12, factcheck-queue, ..."""
        return f"factcheck-{self.scope}" + (f"-{self.pk}" if self.pk is not None else "")


def _scope_selection(scope: str, pk: int | None, params, pks=()) -> QuerySet:
    if scope == "dispute":
        return Assertion.objects.filter(
            Q(pk__in=DisputeMember.objects.filter(dispute_id=pk).values("assertion_id"))
            | Q(pk__in=Opposition.objects.filter(dispute_id=pk).values("a_id"))
            | Q(pk__in=Opposition.objects.filter(dispute_id=pk).values("b_id"))
        )
    if scope == "article":
        return Assertion.objects.filter(article_id=pk)
    if scope == "articles":
        return Assertion.objects.filter(article_id__in=pks)
    if scope == "queue":
        return filter_assertions(params)
    if scope == "all":
        return Assertion.objects.all()
    raise ValueError(f"Unknown scope {scope!r}; expected one of {', '.join(SCOPES)}.")


def _title(scope: str, pk: int | None, params: dict) -> str:
    if scope == "dispute":
        dispute = Dispute.objects.filter(pk=pk).only("title").first()
        if dispute is None:
            raise Dispute.DoesNotExist(f"No dispute #{pk}.")
        return dispute.title
    if scope == "article":
        article = Article.objects.filter(pk=pk).only("title").first()
        if article is None:
            raise Article.DoesNotExist(f"No article #{pk}.")
        return article.title
    if scope == "articles":
        return "Verdict report: selected articles"
    if scope == "queue":
        shown = "; ".join(f"{k}: {', '.join(v)}" for k, v in params.items())
        return "Verdict report: " + (shown or "the whole queue")
    return "Verdict report: everything"


def _published_on(history: list[History]) -> date | None:
    """The date the verdict was published: the latest History row that set status to published."""
    published = {Status.PUBLISHED.value.casefold(), Status.PUBLISHED.label.casefold()}
    for row in history:  # newest first; review.set_status writes labels ("Published")
        if row.field == "status" and row.to_value.casefold() in published:
            return timezone.localdate(row.created_at)
    return None


def build_report(*, scope: str, pk: int | None = None, params=None, pks=(), public: bool = False) -> Report:
    """Everything any format needs, for one scope. Raises DoesNotExist for a missing dispute/article."""
    if scope in ("dispute", "article") and pk is None:
        raise ValueError(f"The {scope} scope needs an id.")
    cleaned = clean_params(params) if scope == "queue" else {}
    title = _title(scope, pk, cleaned)

    selected = _scope_selection(scope, pk, params, pks)
    if public:
        selected = selected.filter(status=Status.PUBLISHED)
    if scope in ("article", "articles"):
        # An article's claims are shown in their disputes whole, next to the other side's quotes.
        touched = DisputeMember.objects.filter(assertion_id__in=selected.values("pk")).values("dispute_id")
        members = DisputeMember.objects.filter(dispute_id__in=touched).values("assertion_id")
        wanted = Assertion.objects.filter(Q(pk__in=selected.values("pk")) | Q(pk__in=members))
        if public:
            wanted = wanted.filter(status=Status.PUBLISHED)
    else:
        # A queue filter is exact: the export holds what the filter matches, grouped by dispute.
        wanted = Assertion.objects.filter(pk__in=selected.values("pk"))

    assertions = list(
        wanted.select_related("article", "speaker__side", "side", "verdict")
        .defer("article__text", "article__html")
        .prefetch_related(
            Prefetch("sources", queryset=SourceLink.objects.select_related("added_by")),
            Prefetch("disputes", queryset=Dispute.objects.only("pk")),
        )
        .order_by("article__published_at", "article_id", "start", "pk")
    )
    ids = {a.pk for a in assertions}
    wanted_ids = wanted.values("pk")

    dispute_rows = list(Dispute.objects.filter(assertions__in=wanted_ids).distinct().order_by("-score", "pk"))
    # Both ends must be in the report; SQLite plans a second IN-subquery badly, so b is checked here.
    oppositions = [
        o for o in Opposition.objects.filter(a_id__in=wanted_ids).select_related("decided_by").order_by("pk")
        if o.b_id in ids
    ]
    # Subqueries, never lists of ids: an "all" export must not hit SQLite's limit on parameters.
    in_scope = Q(pk__in=wanted.values("article_id"))
    if scope == "article":
        in_scope |= Q(pk=pk)  # shown even when it has no claims
    if scope == "articles":
        in_scope |= Q(pk__in=pks)
    article_ids = Article.objects.filter(in_scope).values("pk")
    dispute_ids = DisputeMember.objects.filter(assertion_id__in=wanted_ids).values("dispute_id")
    articles = list(Article.objects.filter(pk__in=article_ids).defer("text", "html").order_by("published_at", "pk"))
    annotations = list(
        Annotation.objects.filter(article_id__in=article_ids)
        .filter(Q(assertion__isnull=True) | Q(assertion_id__in=wanted_ids))
        .select_related("author")
        .order_by("article_id", "start", "pk")
    )
    history = list(
        History.objects.filter(
            Q(assertion_id__in=wanted_ids)
            | Q(opposition__a_id__in=wanted_ids, opposition__b_id__in=wanted_ids)
            | Q(dispute_id__in=dispute_ids)
            | Q(article_id__in=article_ids, assertion__isnull=True, opposition__isnull=True, dispute__isnull=True)
        )
        .select_related("user")
        .order_by("-created_at", "-pk")
    )
    scale = list(VerdictRating.objects.order_by("order", "label"))

    if public:
        # Editors' notes and who-did-what stay inside; the public sees the verdicts and sources.
        annotations = []
    _attach(assertions, oppositions, annotations, history, public)

    entries = []
    in_dispute: set[int] = set()
    members_of: dict[int, list[Assertion]] = defaultdict(list)
    for a in assertions:
        for d in a.disputes.all():
            members_of[d.pk].append(a)
    opp_by_dispute: dict[int, list[Opposition]] = defaultdict(list)
    for o in oppositions:
        if o.dispute_id:
            opp_by_dispute[o.dispute_id].append(o)
    history_of: dict[tuple[str, int], list[History]] = defaultdict(list)
    for h in history:
        for kind, value in (("d", h.dispute_id), ("o", h.opposition_id), ("a", h.assertion_id)):
            if value:
                history_of[kind, value].append(h)
    for d in dispute_rows:
        shown = members_of.get(d.pk, [])
        if not shown:
            continue
        in_dispute.update(a.pk for a in shown)
        columns: dict[object, SideColumn] = {}
        for a in shown:
            side = a.side or (a.speaker.side if a.speaker_id else None)
            key = side.pk if side else f"speaker:{a.speaker_name}"
            if key not in columns:
                columns[key] = SideColumn(name=side.name if side else a.speaker_name, side=side, assertions=[])
            columns[key].assertions.append(a)
        opp = opp_by_dispute.get(d.pk, [])
        rows = {h.pk: h for h in history_of.get(("d", d.pk), [])}
        for o in opp:
            rows.update((h.pk, h) for h in history_of.get(("o", o.pk), []))
        for a in shown:
            rows.update((h.pk, h) for h in history_of.get(("a", a.pk), []))
        d_history = sorted(rows.values(), key=lambda h: (h.created_at, h.pk), reverse=True)[: SHORT_HISTORY * 2]
        entries.append(DisputeEntry(dispute=d, sides=list(columns.values()), oppositions=opp,
                                    history=[] if public else d_history))

    speakers = {a.speaker.pk: a.speaker for a in assertions if a.speaker_id}
    sides = {s.pk: s for a in assertions for s in (a.side, a.speaker.side if a.speaker_id else None) if s}
    return Report(
        scope=scope,
        pk=pk,
        params=cleaned,
        title=title,
        public=public,
        generated_at=timezone.now(),
        articles=articles,
        assertions=assertions,
        disputes=entries,
        loose=[a for a in assertions if a.pk not in in_dispute],
        oppositions=oppositions,
        sources=[s for a in assertions for s in a.source_list],
        annotations=annotations,
        history=[] if public else history,
        scale=scale,
        speakers=sorted(speakers.values(), key=lambda s: s.pk),
        sides=sorted(sides.values(), key=lambda s: s.pk),
    )


def _attach(assertions, oppositions, annotations, history, public: bool) -> None:
    """Hang the related rows on each assertion, so templates and writers never query."""
    opposing: dict[int, list[int]] = defaultdict(list)
    for o in oppositions:
        if o.decision != Opposition.Decision.REJECTED:
            opposing[o.a_id].append(o.b_id)
            opposing[o.b_id].append(o.a_id)
    notes: dict[int, list[Annotation]] = defaultdict(list)
    for n in annotations:
        if n.assertion_id:
            notes[n.assertion_id].append(n)
    trail: dict[int, list[History]] = defaultdict(list)
    for h in history:
        if h.assertion_id:
            trail[h.assertion_id].append(h)
    for a in assertions:
        a.source_list = list(a.sources.all())
        a.dispute_ids = sorted(d.pk for d in a.disputes.all())
        a.opposing_ids = sorted(opposing.get(a.pk, []))
        a.annotation_list = notes.get(a.pk, [])
        a.history_list = trail.get(a.pk, [])
        a.is_published = a.status == Status.PUBLISHED
        a.published_on = (_published_on(a.history_list) or timezone.localdate(a.updated_at)) if a.is_published else None
        a.short_history = [] if public else a.history_list[:SHORT_HISTORY]

"""The editors' workbench pages: queue, article reader with its side panel, dispute view.

Thin function views; htmx requests get a partial of the same template. Reads are open to every
signed-in user; the actions (POSTs) live in review_views.py. Every page runs a constant number
of queries however large the desk's database grows (tests/test_queries.py, bench/pages.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.auth.models import Permission
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, StringAgg, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.vary import vary_on_headers

from . import review
from .conflict_map import layout
from .exports.context import search
from .forms import (
    AnnotationForm,
    CorrectionForm,
    PairForm,
    QueueFilterForm,
    SourceForm,
    StatusForm,
    VerdictForm,
)
from .highlight import highlight
from .models import Annotation, Article, Assertion, Dispute, History, Opposition, Side, Status, VerdictRating

PAGE_SIZE = 25
SEARCH_IDS = 5000  # see queue(); with many more ids SQLite picks a poor plan
DisputeMembership = Dispute.assertions.through
# The reader and the lists never need an article's full text or HTML snapshot.
LIGHT_ARTICLE = ("article__text", "article__html")


def _load_permissions(user) -> None:
    """Load the user's permissions, direct and through groups, in one query instead of
    ModelBackend's two; it keeps them in the same per-request cache (`_perm_cache`)."""
    if not user.is_active or user.is_superuser or hasattr(user, "_perm_cache"):
        return
    rows = (
        Permission.objects.filter(Q(group__user=user) | Q(user=user))
        .values_list("content_type__app_label", "codename").distinct()
    )
    user._perm_cache = {f"{app}.{codename}" for app, codename in rows}


# ---------------------------------------------------------------------------------------- queue

def _filtered(filters: dict, verdicts=(), sides=()) -> QuerySet:
    """Assertions matching every filter except the status (the status counts need that set).
    Keys become ids through the choice lists the page has anyway, so no join is needed."""
    qs = Assertion.objects.all()
    if filters.get("verdict"):
        qs = qs.filter(verdict_id__in=[pk for pk, key, _ in verdicts if key == filters["verdict"]])
    if filters.get("side"):
        qs = qs.filter(side_id__in=[pk for pk, key, _ in sides if key == filters["side"]])
    if filters.get("speaker"):
        qs = qs.filter(Q(speaker__name__icontains=filters["speaker"]) | Q(speaker_text__icontains=filters["speaker"]))
    if filters.get("outlet"):
        qs = qs.filter(article_id__in=Article.objects.filter(outlet__iexact=filters["outlet"]).values("pk"))
    if filters.get("date_from"):
        qs = qs.filter(article__published_at__gte=timezone.make_aware(datetime.combine(filters["date_from"], time.min)))
    if filters.get("date_to"):
        qs = qs.filter(article__published_at__lte=timezone.make_aware(datetime.combine(filters["date_to"], time.max)))
    if filters.get("q"):
        qs = search(qs, filters["q"])
    return qs


def _id_list(ids: list[int]) -> RawSQL:
    """Thousands of ids as one parameter: Django would otherwise prepare each of them, in every
    query that uses them (a JSON array on SQLite, an array on PostgreSQL)."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])


def scale_and_sides() -> tuple[list, list]:
    """The verdict scale and the sides in one query: both only fill select boxes."""
    rows = VerdictRating.objects.order_by().values_list("pk", "key", "label", "order", Value("v")).union(
        Side.objects.order_by().values_list("pk", "key", "name", Value(0), Value("s")), all=True
    )
    verdicts = sorted((r for r in rows if r[4] == "v"), key=lambda r: (r[3], r[2]))
    sides = sorted((r for r in rows if r[4] == "s"), key=lambda r: r[2].casefold())
    return [(pk, key, label) for pk, key, label, *_ in verdicts], [(pk, key, name) for pk, key, name, *_ in sides]


def _count(qs: QuerySet, field: str = "pk"):
    return Coalesce(Subquery(qs.order_by().values(field).annotate(n=Count("pk")).values("n")[:1]), 0,
                    output_field=IntegerField())


OPEN = (Status.UNREVIEWED, Status.IN_PROGRESS)


@dataclass
class PeekPage:
    """A page that knows whether another follows without counting every row: counting the
    assertions in no dispute means a look-up per assertion, too slow on a big desk."""

    object_list: list
    number: int
    has_next: bool
    paginator = None

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def peek_page(qs: QuerySet, number: str | None, size: int = PAGE_SIZE) -> PeekPage:
    page = int(number) if number and number.isdigit() and 0 < int(number) < 10_000 else 1
    rows = list(qs[(page - 1) * size: page * size + 1])
    return PeekPage(rows[:size], page, len(rows) > size)


def queue(request: HttpRequest) -> HttpResponse:
    _load_permissions(request.user)
    verdicts, sides = scale_and_sides()
    form = QueueFilterForm(request.GET or None, verdicts=[(k, label) for _, k, label in verdicts],
                           sides=[(k, name) for _, k, name in sides])
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    matching = _filtered(filters, verdicts, sides)
    common = False
    if filters:
        # Find the matches once (for words: one scan on SQLite, the GIN index on PostgreSQL) and,
        # when they are not too many, let the three queries below use their ids: otherwise SQLite
        # scans every assertion three times, and PostgreSQL, walking the queue order for the
        # unpaired list, computes the text vector of every row it passes.
        ids = list(matching.order_by().values_list("pk", flat=True)[: SEARCH_IDS + 1])
        common = len(ids) > SEARCH_IDS
        if not common:
            matching = Assertion.objects.filter(pk__in=_id_list(ids))
    in_dispute = Exists(DisputeMembership.objects.filter(assertion_id=OuterRef("pk")))
    # Unfiltered, the status index answers alone; filtered, grouping by an expression keeps SQLite
    # from walking that index and looking up every row out of order.
    status_column = Coalesce("status", Value("")) if filters else "status"
    counted = matching
    if filters.get("q") and common:
        # Counting every assertion a common word is in means reading (and on PostgreSQL
        # re-tokenising) all of them; the pills say "at least" instead.
        counted = Assertion.objects.filter(pk__in=_id_list(ids))
    counts = dict(counted.order_by().values_list(status_column).annotate(n=Count("*")))
    status_counts = [(value, label, counts.get(value, 0)) for value, label in Status.choices]
    if filters.get("status"):
        matching = matching.filter(status=filters["status"])

    members = DisputeMembership.objects.filter(dispute_id=OuterRef("pk"))
    disputes = Dispute.objects.order_by("-score", "-updated_at").annotate(
        n_assertions=_count(members, "dispute_id"),
        n_open=_count(members.filter(assertion__status__in=OPEN), "dispute_id"),
        n_pending=_count(Opposition.objects.filter(dispute_id=OuterRef("pk"), decision="pending"), "dispute_id"),
        side_list=Subquery(
            members.filter(assertion__side__isnull=False).order_by().values("dispute_id")
            .annotate(names=StringAgg("assertion__side__name", delimiter=Value("|"))).values("names")[:1]
        ),
    )
    if common:
        # Matches everywhere: walk the disputes in queue order and stop at a page full, instead
        # of collecting every match first.
        disputes = disputes.filter(Exists(matching.filter(disputes=OuterRef("pk"))))
    elif filters:
        # Few matches: find their disputes once, not once per dispute.
        disputes = disputes.filter(pk__in=DisputeMembership.objects.filter(assertion__in=matching).values("dispute_id"))
    if filters:  # counting the disputes a search matches costs one more pass over the matches
        dispute_page = peek_page(disputes, request.GET.get("page"))
    else:
        dispute_page = Paginator(disputes, PAGE_SIZE).get_page(request.GET.get("page"))
    for d in dispute_page:
        d.side_names = sorted(set(filter(None, (d.side_list or "").split("|"))))

    unpaired = (
        matching.filter(~in_dispute)
        .select_related("article", "speaker", "side", "verdict").defer(*LIGHT_ARTICLE)
        .order_by("-checkworthiness", "-created_at")
    )
    unpaired_page = peek_page(unpaired, request.GET.get("apage"))

    articles = Article.objects.order_by("-imported_at").only("pk", "title", "outlet", "published_at", "imported_at")
    if filters.get("outlet"):
        articles = articles.filter(outlet__iexact=filters["outlet"])
    query = request.GET.copy()
    for key in ("page", "apage"):
        query.pop(key, None)
    status_query = query.copy()
    status_query.pop("status", None)
    context = {
        "form": form,
        "filtered": bool(filters),
        "status_counts": status_counts,
        "counts_at_least": bool(filters.get("q")) and common,
        "disputes": dispute_page,
        "unpaired": unpaired_page,
        "articles": articles[:10],
        "query": query.urlencode(),
        "status_query": status_query.urlencode(),
    }
    if request.htmx and request.htmx.target == "queue-results":
        # The download menu sits outside the results: it comes along out of band, with the new filter.
        return render(request, "factcheck/queue.html#results", {**context, "oob_downloads": True})
    return render(request, "factcheck/queue.html", context)


# --------------------------------------------------------------------------------------- reader

def _assertions_of(article_id: int) -> list[Assertion]:
    return list(Assertion.objects.filter(article_id=article_id).select_related("speaker", "side", "verdict"))


def _panel_context(request: HttpRequest, assertion: Assertion, *, notes: list | None = None, **extra) -> dict:
    """Everything the side panel shows. `notes`: the article's notes when the caller has them."""
    user = request.user
    oppositions = list(
        Opposition.objects.filter(Q(a=assertion) | Q(b=assertion))
        .select_related("a__speaker", "a__side", "a__article", "b__speaker", "b__side", "b__article", "decided_by",
                        "dispute")
        .defer("a__article__text", "a__article__html", "b__article__text", "b__article__html")
    )
    # Every dispute an assertion is in holds one of its pairs: no need to ask the m2m table.
    disputes = list({o.dispute_id: o.dispute for o in oppositions if o.dispute_id}.values())
    history = (
        History.objects.filter(Q(assertion=assertion) | Q(opposition__a=assertion) | Q(opposition__b=assertion))
        .select_related("user")[:50]
    )
    if notes is None:
        notes = Annotation.objects.filter(
            Q(assertion=assertion) | Q(article_id=assertion.article_id, start__lt=assertion.end, end__gt=assertion.start)
        ).select_related("author")
    else:
        notes = [n for n in notes if n.assertion_id == assertion.pk or (n.start < assertion.end and n.end > assertion.start)]
    verdicts, sides = scale_and_sides()

    status_form = extra.pop("status_form", None) or StatusForm(
        initial={"status": assertion.status, "version": assertion.version}, auto_id="status_%s")
    allowed = [(v, label) for v, label in Status.choices
               if review.can_publish(user) or (v in review.EDITOR_STATUSES or v == assertion.status)]
    status_form.fields["status"].widget.choices = allowed
    verdict_form = extra.pop("verdict_form", None) or VerdictForm(
        initial={"verdict": assertion.verdict_id, "rationale": assertion.rationale, "version": assertion.version},
        auto_id="verdict_%s")
    verdict_form.fields["verdict"].choices = [("", "No verdict yet"), *((pk, label) for pk, _, label in verdicts)]
    correction_form = extra.pop("correction_form", None) or CorrectionForm(
        initial={"speaker_name": assertion.speaker_name, "side": assertion.side_id, "stance": assertion.stance,
                 "start": assertion.start, "end": assertion.end, "version": assertion.version},
        auto_id="correct_%s")
    correction_form.fields["side"].choices = [("", "No side"), *((pk, name) for pk, _, name in sides)]
    context = {
        "assertion": assertion,
        "oppositions": oppositions,
        "sources": list(assertion.sources.all()),
        "notes": list(notes),
        "history": list(history),
        "disputes": disputes,
        "can_edit": review.can_edit(user),
        "can_publish": review.can_publish(user),
        "locked": assertion.status == Status.PUBLISHED,
        "status_form": status_form,
        "verdict_form": verdict_form,
        "correction_form": correction_form,
        "source_form": extra.pop("source_form", None) or SourceForm(auto_id="source_%s"),
        "pair_form": extra.pop("pair_form", None) or PairForm(auto_id="pair_%s"),
        "next": f"{reverse('article', args=[assertion.article_id])}?assertion={assertion.pk}#panel",
    }
    context.update(extra)
    return context


@vary_on_headers("HX-Request")
def article(request: HttpRequest, pk: int) -> HttpResponse:
    _load_permissions(request.user)
    selected = request.GET.get("assertion", "")
    if request.htmx and selected.isdigit():
        assertion = get_object_or_404(
            Assertion.objects.select_related("article", "speaker", "side", "verdict").defer(*LIGHT_ARTICLE),
            pk=selected, article_id=pk,
        )
        return render(request, "factcheck/article.html#assertion-panel", _panel_context(request, assertion))
    return _render_reader(request, pk, int(selected) if selected.isdigit() else None)


def _render_reader(request: HttpRequest, pk: int, selected: int | None, *, status: int = 200,
                   panel: dict | None = None, annotation_form: AnnotationForm | None = None) -> HttpResponse:
    obj = get_object_or_404(Article, pk=pk)
    assertions = _assertions_of(obj.pk)
    assertion = next((a for a in assertions if a.pk == selected), None)
    if selected is not None and assertion is None:
        raise Http404("No such assertion in this article.")
    notes = list(Annotation.objects.filter(article=obj, orphaned=False).select_related("author"))
    context = {
        "article": obj,
        "assertions": assertions,
        "text_html": highlight(obj.text, assertions, notes, selected=selected),
        "notes": notes,
        "annotation_form": annotation_form or AnnotationForm(
            initial={"assertion": selected}, auto_id="note_%s"),
        "can_annotate": request.user.has_perm(review.ADD_ANNOTATION),
    }
    if assertion is not None:
        assertion.article = obj
        context.update(panel or _panel_context(request, assertion, notes=notes))
    return render(request, "factcheck/article.html", context, status=status)


# -------------------------------------------------------------------------------------- dispute

STANCE_ROLE = {"assert": "Claim", "confirm": "Confirmation", "dispute": "Counter-claim", "deny": "Denial"}


def dispute(request: HttpRequest, pk: int) -> HttpResponse:
    _load_permissions(request.user)
    obj = Dispute.objects.filter(pk=pk).first()
    if obj is None:
        # A dispute merged into another (two of its assertions were paired): follow it there.
        merged = History.objects.filter(action="merge-dispute", from_value=str(pk)).only("to_value").first()
        if merged is None:
            raise Http404("No such dispute.")
        return redirect("dispute", pk=int(merged.to_value))
    return render(request, "factcheck/dispute.html", _dispute_context(obj))


def _dispute_context(obj: Dispute) -> dict:
    assertions = list(
        obj.assertions.select_related("article", "speaker", "side", "verdict").defer(*LIGHT_ARTICLE)
        .order_by("side__name", "article__published_at", "start")
    )
    oppositions = list(
        Opposition.objects.filter(Q(dispute=obj) | Q(a__in=assertions, b__in=assertions)).distinct()
        .select_related("decided_by")
    )
    by_pk = {a.pk: a for a in assertions}
    for o in oppositions:
        o.a, o.b = by_pk.get(o.a_id) or o.a, by_pk.get(o.b_id) or o.b
    columns: dict = {}
    for a in assertions:
        a.role = STANCE_ROLE.get(a.stance, a.get_stance_display())
        columns.setdefault(a.side_id, (a.side, []))[1].append(a)
    sides = sorted(columns.values(), key=lambda c: (c[0] is None, c[0].name if c[0] else ""))
    return {
        "dispute": obj,
        "sides": sides,
        "oppositions": oppositions,
        "map": layout(sides, oppositions),
        "pending": sum(1 for o in oppositions if o.decision == "pending"),
    }

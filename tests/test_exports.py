"""The verdict report exports: HTML, PDF, CSV, JSON, and who may download them."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from datetime import timezone as dt_timezone

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from factcheck.exports import EXPORTERS, build_report, export, filter_assertions
from factcheck.exports.csv_export import safe
from factcheck.models import (
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

PUBLISHED_QUOTE = "the air force struck 86 terrorist targets overnight"
DRAFT_QUOTE = "Russian jets hit a bakery and two schools in Talbiseh"
FORMULA_QUOTE = '=HYPERLINK("http://evil.example/","click")'
LOOSE_QUOTE = "talks would resume in Geneva next week"


def _article(title, outlet, url, day, pieces):
    """An article whose text holds the given quotes; returns it and each quote's span."""
    text, spans = "", {}
    for piece in pieces:
        text += "Officials spoke on Tuesday. "
        spans[piece] = (len(text), len(text) + len(piece))
        text += piece + ". "
    article = Article.objects.create(
        title=title, outlet=outlet, url=url, text=text,
        published_at=datetime(2015, 10, day, 12, tzinfo=dt_timezone.utc),
    )
    return article, spans


def _assertion(article, spans, quote, speaker, side, **extra):
    start, end = spans[quote]
    return Assertion.objects.create(
        article=article, quote=quote, start=start, end=end, speaker=speaker, side=side,
        speaker_text=speaker.name if speaker else "a witness", cue="said", **extra,
    )


def ensure_scale() -> None:
    """The verdict scale (made by migration and after every flush) is there, whatever ran before."""
    from django.apps import apps

    from factcheck.defaults import ensure_defaults

    ensure_defaults(apps)


def build_dispute(user=None) -> dict:
    """One dispute across two articles: a published verdict, a draft one, a published claim whose
    verdict has no place on the scale (and whose quote looks like a formula), and one claim in no
    dispute."""
    ensure_scale()
    russia = Side.objects.create(key="russia", name="Russia", colour=1)
    rebels = Side.objects.create(key="opposition", name="Syrian opposition", colour=2)
    ministry = Speaker.objects.create(key="russian-defence-ministry", name="Russian Defence Ministry", side=russia)
    country = Speaker.objects.create(key="russia", name="Russia", side=russia)
    activist = Speaker.objects.create(key="ahmad-ramadan", name="Ahmad Ramadan", side=rebels)

    reuters, r_spans = _article("Russia says it struck 86 targets", "Reuters", "https://example.com/reuters/86",
                                13, [PUBLISHED_QUOTE, FORMULA_QUOTE, LOOSE_QUOTE])
    bbc, b_spans = _article("Activists say Russian jets hit a bakery", "BBC", "https://example.com/bbc/bakery",
                            14, [DRAFT_QUOTE])
    false = VerdictRating.objects.get(key="false")
    mostly_true = VerdictRating.objects.get(key="mostly-true")
    unverified = VerdictRating.objects.get(key="unverified")

    published = _assertion(reuters, r_spans, PUBLISHED_QUOTE, ministry, russia, status=Status.PUBLISHED,
                           verdict=false, rationale="Satellite images show no strikes on 40 of the named sites.")
    formula = _assertion(reuters, r_spans, FORMULA_QUOTE, country, russia, status=Status.PUBLISHED,
                         verdict=unverified, rationale="-No independent access to the area.")
    draft = _assertion(bbc, b_spans, DRAFT_QUOTE, activist, rebels, status=Status.REVIEWED,
                       verdict=mostly_true, rationale="Two schools confirmed by UNICEF; the bakery not yet.")
    loose = _assertion(reuters, r_spans, LOOSE_QUOTE, ministry, russia)

    dispute = Dispute.objects.create(title="Russian strikes near Homs", score=0.9)
    dispute.assertions.add(published, formula, draft)
    opp1 = Opposition.objects.create(a=published, b=draft, relation="contradicts", score=0.8,
                                     reason="86 terrorist targets vs a bakery and schools", dispute=dispute,
                                     decision=Opposition.Decision.ACCEPTED, decided_by=user)
    opp2 = Opposition.objects.create(a=formula, b=draft, relation="denies", score=0.5, dispute=dispute,
                                     decision=Opposition.Decision.REJECTED)
    SourceLink.objects.create(assertion=published, url="https://example.org/satellite", title="Satellite imagery",
                              publisher="Example Labs", role=SourceLink.Role.REFUTES, added_by=user)
    SourceLink.objects.create(assertion=draft, url="https://example.org/unicef", title="UNICEF statement",
                              role=SourceLink.Role.SUPPORTS, added_by=user)
    start, end = r_spans[PUBLISHED_QUOTE]
    Annotation.objects.create(article=reuters, assertion=published, quote=PUBLISHED_QUOTE, start=start, end=end,
                              body="Ask the ministry for the list of targets.", author=user)
    # As review.set_status writes it: status labels, action "publish".
    row = History.objects.create(user=user, action="publish", field="status", from_value="Reviewed",
                                 to_value="Published", assertion=published, article=reuters)
    History.objects.filter(pk=row.pk).update(created_at=datetime(2015, 10, 20, 9, tzinfo=dt_timezone.utc))
    History.objects.create(user=user, action="decide-pair", field="decision", from_value="pending",
                           to_value="accepted", opposition=opp1, dispute=dispute)
    return {"dispute": dispute, "published": published, "formula": formula, "draft": draft, "loose": loose,
            "reuters": reuters, "bbc": bbc, "opp1": opp1, "opp2": opp2, "russia": russia, "ministry": ministry}


@pytest.fixture
def data(editor):
    return build_dispute(editor)


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


def _csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


# --- the shared context -------------------------------------------------------------------

def test_the_dispute_report_shows_each_side_with_its_quotes(data):
    report = build_report(scope="dispute", pk=data["dispute"].pk)
    (entry,) = report.disputes
    columns = {c.name: [a.quote for a in c.assertions] for c in entry.sides}
    assert columns == {"Russia": [PUBLISHED_QUOTE, FORMULA_QUOTE], "Syrian opposition": [DRAFT_QUOTE]}
    assert report.loose == []


def test_the_article_report_pulls_in_the_whole_dispute_and_lists_loose_claims_after(data):
    report = build_report(scope="article", pk=data["reuters"].pk)
    assert {a.pk for a in report.assertions} == {data[k].pk for k in ("published", "formula", "draft", "loose")}
    assert [a.pk for a in report.loose] == [data["loose"].pk]


def test_a_rejected_pair_does_not_count_as_opposing(data):
    report = build_report(scope="dispute", pk=data["dispute"].pk)
    by_pk = {a.pk: a for a in report.assertions}
    assert by_pk[data["draft"].pk].opposing_ids == [data["published"].pk]
    assert by_pk[data["formula"].pk].opposing_ids == []


def test_the_queue_filter_narrows_by_each_parameter(data):
    def pks(**params):
        return set(filter_assertions(params).values_list("pk", flat=True))

    assert pks(status="reviewed") == {data["draft"].pk}
    assert pks(verdict="false") == {data["published"].pk}
    assert pks(verdict="none") == {data["loose"].pk}
    assert pks(side="opposition") == {data["draft"].pk}
    assert pks(speaker=str(data["ministry"].pk)) == {data["published"].pk, data["loose"].pk}
    assert pks(outlet="bbc") == {data["draft"].pk}
    assert pks(date_from="2015-10-14") == {data["draft"].pk}
    assert pks(date_to="2015-10-13", q="geneva") == {data["loose"].pk}
    assert pks(date_from="not-a-date") == {a.pk for a in Assertion.objects.all()}


def _another_dispute(n: int, user) -> None:
    side_a = Side.objects.create(key=f"side-a-{n}", name=f"Side A{n}")
    side_b = Side.objects.create(key=f"side-b-{n}", name=f"Side B{n}")
    speaker = Speaker.objects.create(key=f"speaker-{n}", name=f"Speaker {n}", side=side_a)
    article, spans = _article(f"Article {n}", "Outlet", f"https://example.com/{n}", 15, [f"claim {n} one", f"claim {n} two"])
    one = _assertion(article, spans, f"claim {n} one", speaker, side_a, status=Status.PUBLISHED,
                     verdict=VerdictRating.objects.get(key="true"))
    two = _assertion(article, spans, f"claim {n} two", None, side_b, status=Status.REVIEWED)
    dispute = Dispute.objects.create(title=f"Dispute {n}")
    dispute.assertions.add(one, two)
    opposition = Opposition.objects.create(a=one, b=two, relation="denies", dispute=dispute, decided_by=user)
    SourceLink.objects.create(assertion=one, url=f"https://example.org/{n}", added_by=user)
    Annotation.objects.create(article=article, assertion=two, quote=f"claim {n} two", start=spans[f"claim {n} two"][0],
                              end=spans[f"claim {n} two"][1], body="note", author=user)
    History.objects.create(user=user, action="status", field="status", to_value="published", assertion=one)
    History.objects.create(user=user, action="decide-pair", opposition=opposition, dispute=dispute)


def test_the_report_takes_the_same_number_of_queries_for_one_dispute_or_many(data, editor):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            for fmt in EXPORTERS:
                if fmt != "pdf":
                    export(scope="all", fmt=fmt)
        return len(ctx.captured_queries)

    few = count()
    for n in range(5):
        _another_dispute(n, editor)
    assert len(build_report(scope="all").disputes) == 6
    assert count() == few


# --- HTML ---------------------------------------------------------------------------------

def test_the_html_report_has_quotes_verdicts_sources_notes_and_anchors(data):
    page = export(scope="dispute", fmt="html", pk=data["dispute"].pk).content.decode()
    for text in (PUBLISHED_QUOTE, DRAFT_QUOTE, "Russian Defence Ministry", "Ahmad Ramadan", "False",
                 "Mostly true", "Satellite images show no strikes", "Satellite imagery", "Refutes",
                 "Ask the ministry for the list of targets.", "Russia says it struck 86 targets", "13 October 2015"):
        assert text in page
    assert f'id="claim-{data["published"].pk}"' in page
    assert f'id="claim-{data["draft"].pk}"' in page
    assert "@media print" in page  # the stylesheet travels with the downloaded file


def test_the_html_report_marks_drafts_as_drafts(data):
    page = export(scope="dispute", fmt="html", pk=data["dispute"].pk).content.decode()
    draft_block = page.split(f'id="claim-{data["draft"].pk}"')[1].split("</article>")[0]
    published_block = page.split(f'id="claim-{data["published"].pk}"')[1].split("</article>")[0]
    assert "Draft · Reviewed" in draft_block
    assert "Draft" not in published_block and "Published 20 Oct 2015" in published_block


def test_the_html_report_names_a_changed_field_once(data, editor):
    History.objects.create(user=editor, action="status", field="status", from_value="Unreviewed",
                           to_value="In progress", assertion=data["draft"], article=data["bbc"])
    html = export(scope="dispute", pk=data["dispute"].pk, fmt="html").content.decode()
    assert "status Unreviewed → In progress" in html and "status status" not in html
    assert "publish status Reviewed → Published" in html


def test_the_html_report_shows_who_decided_what(data, editor):
    page = export(scope="dispute", fmt="html", pk=data["dispute"].pk).content.decode()
    assert f"{editor.username}: publish status Reviewed → Published" in page
    assert f"accepted by {editor.username}" in page


def test_the_article_report_lists_claims_outside_any_dispute_after_the_disputes(data):
    page = export(scope="article", fmt="html", pk=data["reuters"].pk).content.decode()
    assert page.index("Russian strikes near Homs") < page.index("Other claims") < page.index(LOOSE_QUOTE)


# --- PDF ----------------------------------------------------------------------------------

def test_the_pdf_holds_the_quotes_and_the_verdicts(data):
    result = export(scope="dispute", fmt="pdf", pk=data["dispute"].pk)
    assert result.content.startswith(b"%PDF")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(result.content)).pages)
    for quote in ("86 terrorist targets overnight", "a bakery and two schools in Talbiseh"):
        assert quote in text
    for verdict in ("False", "Mostly true", "Unverified"):
        assert f"Verdict: {verdict}" in text
    assert "Draft" in text


def test_the_pdf_renderer_fetches_nothing_but_our_static_files(data, tmp_path):
    from factcheck.exports.pdf import StaticFilesOnly, static_dir

    fetcher = StaticFilesOnly(static_dir())
    css = fetcher.fetch((static_dir() / "factcheck" / "report.css").as_uri())
    assert b"@media print" in css.read()
    secret = tmp_path / "secret.css"
    secret.write_text("body{}")
    for url in ("https://example.com/x.css", "http://127.0.0.1/x.png", secret.as_uri(),
                (static_dir() / ".." / "manage.py").as_uri(), "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_an_image_in_a_rationale_is_not_fetched_while_rendering(data, monkeypatch):
    from factcheck.exports import pdf

    asked = []
    original = pdf.StaticFilesOnly.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf.StaticFilesOnly, "fetch", spy)
    report = build_report(scope="dispute", pk=data["dispute"].pk)
    monkeypatch.setattr(pdf.html, "render_text", lambda r, **kw: '<link rel="stylesheet" href="factcheck/report.css">'
                        '<img src="https://example.com/track.png"><p>hello</p>')
    assert pdf.render(report).startswith(b"%PDF")
    assert asked[0].endswith("/static/factcheck/report.css")
    assert "https://example.com/track.png" in asked  # asked, and refused: the fetcher raised


# --- CSV ----------------------------------------------------------------------------------

def test_the_csv_has_one_row_per_assertion_with_its_verdict_and_sources(data):
    rows = _csv_rows(export(scope="article", fmt="csv", pk=data["reuters"].pk).content)
    assert len(rows) == 4
    row = next(r for r in rows if r["assertion id"] == str(data["published"].pk))
    assert row["article"] == "Russia says it struck 86 targets"
    assert row["article url"] == "https://example.com/reuters/86"
    assert row["date"] == "2015-10-13"
    assert (row["speaker"], row["side"], row["cue"], row["stance"]) == ("Russian Defence Ministry", "Russia", "said", "Asserts")
    assert row["quote"] == PUBLISHED_QUOTE
    assert (row["status"], row["verdict"]) == ("Published", "False")
    assert row["sources"] == "Refutes: https://example.org/satellite"
    assert row["opposing assertion ids"] == str(data["draft"].pk)


def test_csv_cells_that_look_like_formulas_are_escaped(data):
    rows = _csv_rows(export(scope="dispute", fmt="csv", pk=data["dispute"].pk).content)
    row = next(r for r in rows if r["assertion id"] == str(data["formula"].pk))
    assert row["quote"] == "'" + FORMULA_QUOTE
    assert row["rationale"] == "'-No independent access to the area."
    assert [safe(v) for v in ("+1", "@SUM(A1)", "\tx", "\rx", "plain", "1-2")] == ["'+1", "'@SUM(A1)", "'\tx", "'\rx", "plain", "1-2"]


# --- JSON ---------------------------------------------------------------------------------

def test_the_json_export_reads_back_complete(data, editor):
    doc = json.loads(export(scope="dispute", fmt="json", pk=data["dispute"].pk).content)
    assert (doc["format"], doc["version"]) == ("factcheck-report", 1)
    assert doc["scope"] == {"kind": "dispute", "id": data["dispute"].pk, "filter": {}}
    assert [a["id"] for a in doc["assertions"]] == sorted(data[k].pk for k in ("published", "formula", "draft"))
    published = next(a for a in doc["assertions"] if a["id"] == data["published"].pk)
    assert published["verdict"] == "false" and published["draft"] is False
    assert published["published_on"] == "2015-10-20"
    assert published["quote"] == data["reuters"].text[published["start"]:published["end"]]
    draft = next(a for a in doc["assertions"] if a["id"] == data["draft"].pk)
    assert draft["draft"] is True and draft["status"] == "reviewed"
    assert {(o["a_id"], o["b_id"], o["decision"]) for o in doc["oppositions"]} == {
        (data["published"].pk, data["draft"].pk, "accepted"), (data["formula"].pk, data["draft"].pk, "rejected")}
    assert doc["disputes"][0]["title"] == "Russian strikes near Homs"
    assert {s["url"] for s in doc["sources"]} == {"https://example.org/satellite", "https://example.org/unicef"}
    assert doc["annotations"][0]["body"] == "Ask the ministry for the list of targets."
    assert {(h["action"], h["user"]) for h in doc["history"]} >= {("publish", editor.username), ("decide-pair", editor.username)}
    assert [v["key"] for v in doc["verdict_scale"]][:2] == ["true", "mostly-true"]
    assert {s["name"]: s["kind"] for s in doc["speakers"]} == {
        "Russian Defence Ministry": "Organization", "Russia": "Organization", "Ahmad Ramadan": "Person"}


def test_the_json_export_is_stable_between_runs(data):
    def without_time(raw):
        doc = json.loads(raw)
        doc.pop("generated_at")
        return doc

    first = export(scope="all", fmt="json").content
    assert without_time(first) == without_time(export(scope="all", fmt="json").content)


# --- who may download ---------------------------------------------------------------------

@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_a_viewer_downloads_every_format_as_an_attachment(viewer_client, data, fmt):
    response = viewer_client.get(reverse("export-dispute", args=[data["dispute"].pk, fmt]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=\"factcheck-dispute-")
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("url", ["export-all", "export-queue"])
def test_internal_exports_need_a_login(client, data, url):
    response = client.get(reverse(url, args=["json"]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_dispute_export_needs_a_login_too(client, data):
    response = client.get(reverse("export-dispute", args=[data["dispute"].pk, "csv"]))
    assert response.status_code == 302


def test_the_queue_export_applies_the_queue_filter(viewer_client, data):
    response = viewer_client.get(reverse("export-queue", args=["json"]), {"status": "reviewed", "side": "opposition"})
    doc = json.loads(response.content)
    assert doc["scope"]["filter"] == {"status": ["reviewed"], "side": ["opposition"]}
    assert data["draft"].pk in [a["id"] for a in doc["assertions"]]
    assert data["loose"].pk not in [a["id"] for a in doc["assertions"]]


def test_the_queue_export_finds_what_the_queue_search_finds(viewer_client, data):
    # Two words apart in the quote: the queue matches every word, so must its export.
    params = {"q": "bakery schools"}
    queue = viewer_client.get(reverse("queue"), params)
    assert data["dispute"].title in queue.content.decode()
    doc = json.loads(viewer_client.get(reverse("export-queue", args=["json"]), params).content)
    assert data["draft"].pk in [a["id"] for a in doc["assertions"]]


def test_a_pdf_too_large_for_the_web_is_refused_with_the_command_to_run(viewer_client, data, monkeypatch):
    from factcheck import export_views

    monkeypatch.setattr(export_views, "PDF_MAX_CLAIMS", 3)
    response = viewer_client.get(reverse("export-all", args=["pdf"]))
    assert response.status_code == 413
    assert "manage.py export_report --scope all --format pdf" in response.content.decode()
    assert viewer_client.get(reverse("export-dispute", args=[data["dispute"].pk, "pdf"])).status_code == 200


def test_an_unknown_format_or_object_is_not_found(viewer_client, data):
    assert viewer_client.get(reverse("export-dispute", args=[data["dispute"].pk, "docx"])).status_code == 404
    assert viewer_client.get(reverse("export-article", args=[999999, "csv"])).status_code == 404


def test_the_download_menu_sits_on_the_queue_article_and_dispute_pages(viewer_client, data):
    article = viewer_client.get(reverse("article", args=[data["reuters"].pk])).content.decode()
    assert f'href="/export/article/{data["reuters"].pk}/pdf/" download' in article
    dispute = viewer_client.get(reverse("dispute", args=[data["dispute"].pk])).content.decode()
    for fmt in EXPORTERS:
        assert f'href="/export/dispute/{data["dispute"].pk}/{fmt}/" download' in dispute
    queue = viewer_client.get(reverse("queue"), {"status": "reviewed", "q": "bakery"}).content.decode()
    assert 'href="/export/queue/csv/?status=reviewed&amp;q=bakery" download' in queue
    assert 'aria-label="Download the queue report as CSV, one row per assertion"' in queue


# --- public report pages ------------------------------------------------------------------

def test_the_public_dispute_page_needs_no_login_and_shows_published_verdicts_only(client, data):
    response = client.get(reverse("public-dispute-report", args=[data["dispute"].pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert PUBLISHED_QUOTE in page and f'id="claim-{data["published"].pk}"' in page
    assert DRAFT_QUOTE not in page and "Mostly true" not in page.split("<footer")[0]
    assert "Ask the ministry" not in page  # editors' notes stay inside
    assert "Satellite imagery" in page


def test_the_public_article_page_hides_drafts_and_unreviewed_claims(client, data):
    page = client.get(reverse("public-article-report", args=[data["reuters"].pk])).content.decode()
    assert PUBLISHED_QUOTE in page
    assert LOOSE_QUOTE not in page and DRAFT_QUOTE not in page


def test_a_public_page_with_nothing_published_is_not_found(client, data):
    assert client.get(reverse("public-article-report", args=[data["bbc"].pk])).status_code == 404


def test_the_public_page_obeys_the_content_security_policy(client, data):
    response = client.get(reverse("public-dispute-report", args=[data["dispute"].pk]))
    page = response.content.decode()
    assert "<style" not in page and "style=" not in page
    assert "/static/factcheck/report.css" in page
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert re.findall(r"<script\b[^>]*>", page) == [f'<script type="application/ld+json" nonce="{nonce}">']


# --- command and admin --------------------------------------------------------------------

def test_the_export_report_command_writes_a_file(data, tmp_path):
    out = tmp_path / "report.csv"
    call_command("export_report", "--scope", "queue", "--filter", "status=published&q=air force",
                 "--format", "csv", "-o", str(out), stdout=io.StringIO())
    rows = _csv_rows(out.read_bytes())
    assert [r["quote"] for r in rows] == [PUBLISHED_QUOTE]


def test_the_export_report_command_refuses_a_scope_without_its_id(data, tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("export_report", "--scope", "dispute", "--format", "json", "-o", str(tmp_path / "x.json"))


def test_the_admin_action_exports_the_selected_articles(client, admin_user, data):
    client.force_login(admin_user)
    response = client.post(reverse("admin:factcheck_article_changelist"), {
        "action": "export_report", "_selected_action": [data["reuters"].pk, data["bbc"].pk],
    })
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="factcheck-articles.html"'
    page = response.content.decode()
    assert PUBLISHED_QUOTE in page and DRAFT_QUOTE in page and LOOSE_QUOTE in page


def test_the_admin_refuses_a_pdf_too_large_for_the_web(client, admin_user, data, monkeypatch):
    from factcheck import export_views

    monkeypatch.setattr(export_views, "PDF_MAX_CLAIMS", 2)
    client.force_login(admin_user)
    response = client.post(reverse("admin:factcheck_article_changelist"), {
        "action": "export_report_pdf", "_selected_action": [data["reuters"].pk],
    }, follow=True)
    assert "too many for a PDF" in response.content.decode()
    assert "Content-Disposition" not in response

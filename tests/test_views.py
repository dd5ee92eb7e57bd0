"""The workbench pages and actions over HTTP: roles, htmx partials, redirects, conflicts."""
import re

import pytest
from django.urls import reverse

from factcheck.models import Annotation, Assertion, History, Opposition, SourceLink, VerdictRating
from tests import workbench_factories as make

HX = {"HX-Request": "true"}


@pytest.fixture
def d(db):
    return make.palmyra_dispute()


def status_url(a):
    return reverse("assertion-status", args=[a.pk])


# ---- pages

def test_the_queue_lists_disputes_unpaired_assertions_and_recent_articles(client, viewer, d):
    loose = make.assertion(make.article(title="Bus strike"), "its jets destroyed a fortification near Palmyra", "Moscow")
    client.force_login(viewer)
    page = client.get("/").content.decode()
    assert "Strikes near Palmyra" in page
    assert loose.short_quote in page
    assert 'href="/articles/%d/">Bus strike</a>' % loose.article_id in page
    assert re.search(r"Unreviewed\s*<strong>4</strong>", page)


def test_the_queue_filters_by_status_side_and_words(client, viewer, d):
    make.assertion(make.article(title="Other"), "Monitors said the strikes", "Monitors", side_obj=d["monitors"])
    client.force_login(viewer)
    assert "Strikes near Palmyra" not in client.get("/?status=published").content.decode()
    by_side = client.get("/?side=monitors").content.decode()
    assert "Monitors said the strikes" in by_side and "Strikes near Palmyra" in by_side
    words = client.get("/?q=citadel").content.decode()
    assert "Strikes near Palmyra" in words and "Monitors said the strikes" not in words


def test_the_queue_answers_its_filter_form_with_just_the_results_for_htmx(client, viewer, d):
    client.force_login(viewer)
    response = client.get("/?q=citadel", headers={**HX, "HX-Target": "queue-results"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="queue-results"') and "<html" not in body


def test_the_queues_download_links_follow_a_filter_applied_with_htmx(client, viewer, d):
    client.force_login(viewer)
    body = client.get("/?side=russia", headers={**HX, "HX-Target": "queue-results"}).content.decode()
    menu = re.search(r'<nav class="downloads" id="report-downloads"[^>]*hx-swap-oob="true".*?</nav>', body, re.S)
    assert menu and '/export/queue/csv/?side=russia"' in menu.group(0)
    assert 'id="report-downloads"' in client.get("/").content.decode()  # the target of that swap


def test_the_reader_marks_each_assertion_with_its_side_and_escapes_the_text(client, viewer, db):
    art = make.article(text='Officials said <script>alert("x")</script> never happened. Moscow said it was fine.')
    a = make.assertion(art, "it was fine", "Moscow", side_obj=make.side("russia", "Russia", 3))
    client.force_login(viewer)
    page = client.get(art.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert f'id="assertion-{a.pk}"' in page and 'data-label="Russia"' in page and "side-3" in page
    assert 'class="speaker side-3"' in page


def test_the_readers_text_content_is_exactly_the_article_text(client, viewer, d):
    client.force_login(viewer)
    page = client.get(d["article"].get_absolute_url()).content.decode()
    block = re.search(r'data-article-text>(.*?)</div>', page, re.S).group(1)
    from html import unescape
    assert unescape(re.sub(r"<[^>]+>", "", block)) == d["article"].text


def test_an_assertion_opens_in_the_panel_as_a_partial_for_htmx_and_in_the_page_without(client, viewer, d):
    client.force_login(viewer)
    url = f"{d['article'].get_absolute_url()}?assertion={d['counter'].pk}"
    partial = client.get(url, headers=HX).content.decode()
    assert partial.lstrip().startswith('<aside id="panel"') and "<html" not in partial
    assert d["first"].reason in partial and "History" in partial
    full = client.get(url).content.decode()
    assert "<html" in full and f"Assertion #{d['counter'].pk}" in full


def test_the_dispute_view_shows_the_sides_the_pairs_and_a_map(client, viewer, d):
    client.force_login(viewer)
    page = client.get(d["dispute"].get_absolute_url()).content.decode()
    assert "Russia" in page and "Monitors" in page
    assert "Denial" in page and "Claim" in page
    assert "<svg" in page and "edge-pending" in page and "? pending" in page
    assert d["second"].reason.replace("'", "&#x27;") in page


def test_a_viewer_sees_no_action_forms(client, viewer, d):
    client.force_login(viewer)
    page = client.get(f"{d['article'].get_absolute_url()}?assertion={d['claim'].pk}").content.decode()
    assert "Set status" not in page and "Save verdict" not in page and "data-accept" not in page
    assert reverse("assertion-status", args=[d["claim"].pk]) not in page


# ---- roles: forbidden actions answer 403 and change nothing

def test_every_action_is_refused_to_a_viewer(client, viewer, d):
    client.force_login(viewer)
    claim = d["claim"]
    posts = [
        (status_url(claim), {"status": "reviewed", "version": 1}),
        (reverse("assertion-verdict", args=[claim.pk]), {"verdict": VerdictRating.objects.first().pk, "version": 1}),
        (reverse("assertion-correct", args=[claim.pk]), {"speaker_name": "X", "stance": "deny", "start": 0, "end": 6, "version": 1}),
        (reverse("assertion-source", args=[claim.pk]), {"url": "https://example.org", "role": "supports"}),
        (reverse("assertion-pair", args=[claim.pk]), {"other": d["denial"].pk, "relation": "denies"}),
        (reverse("opposition-decide", args=[d["first"].pk]), {"decision": "accepted", "version": 1}),
        (reverse("annotate", args=[d["article"].pk]), {"quote": "Moscow", "start": 0, "end": 6, "body": "x"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
        assert client.post(url, data, headers=HX).status_code == 403, url
    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.version, claim.speaker.name) == ("unreviewed", None, 1, "Moscow")
    assert Opposition.objects.filter(decision="pending").count() == 2 and Opposition.objects.count() == 2
    assert not SourceLink.objects.exists() and not Annotation.objects.exists() and not History.objects.exists()


def test_an_editor_is_refused_publishing_with_a_reason(client, editor, d):
    client.force_login(editor)
    Assertion.objects.filter(pk=d["claim"].pk).update(verdict=VerdictRating.objects.get(key="false"))
    response = client.post(status_url(d["claim"]), {"status": "published", "version": 1}, headers=HX)
    assert response.status_code == 403
    assert response["HX-Retarget"] == "#flash" and "reviewer" in response.content.decode()
    d["claim"].refresh_from_db()
    assert d["claim"].status == "unreviewed"


def test_a_published_verdict_cannot_be_changed_over_http(client, reviewer, d):
    Assertion.objects.filter(pk=d["claim"].pk).update(verdict=VerdictRating.objects.get(key="false"), status="published")
    client.force_login(reviewer)
    response = client.post(reverse("assertion-verdict", args=[d["claim"].pk]),
                           {"verdict": VerdictRating.objects.get(key="true").pk, "rationale": "x", "version": 1})
    assert response.status_code == 403 and "unpublish" in response.content.decode()
    d["claim"].refresh_from_db()
    assert d["claim"].verdict.key == "false"


# ---- without JavaScript: POST, then redirect

def test_a_plain_post_redirects_back_to_the_panel(client, editor, d):
    client.force_login(editor)
    response = client.post(status_url(d["claim"]), {"status": "in_progress", "version": 1})
    assert response.status_code == 302
    assert response["Location"].endswith(f"?assertion={d['claim'].pk}#panel")
    d["claim"].refresh_from_db()
    assert d["claim"].status == "in_progress"


def test_deciding_a_pair_without_javascript_returns_to_that_pair_on_the_dispute(client, editor, d):
    client.force_login(editor)
    response = client.post(reverse("opposition-decide", args=[d["first"].pk]), {"decision": "accepted", "version": 1})
    assert response.status_code == 302
    assert response["Location"] == f"{d['dispute'].get_absolute_url()}#pair-{d['first'].pk}"


def test_deciding_a_pair_from_the_panel_without_javascript_keeps_the_panels_anchor(client, editor, d):
    client.force_login(editor)
    panel = f"{d['article'].get_absolute_url()}?assertion={d['claim'].pk}#panel"
    response = client.post(reverse("opposition-decide", args=[d["first"].pk]),
                           {"decision": "accepted", "version": 1, "next": panel})
    assert response["Location"] == panel


def test_a_redirect_never_leaves_the_site(client, editor, d):
    client.force_login(editor)
    response = client.post(reverse("opposition-decide", args=[d["first"].pk]),
                           {"decision": "accepted", "version": 1, "next": "https://evil.example/"})
    assert response["Location"] == f"{d['dispute'].get_absolute_url()}#pair-{d['first'].pk}"


def test_annotating_without_javascript_saves_the_note_and_redirects(client, editor, d):
    client.force_login(editor)
    start, end = make.span(d["article"].text, "historic citadel")
    response = client.post(reverse("annotate", args=[d["article"].pk]),
                           {"quote": "historic citadel", "prefix": "", "suffix": "", "start": start, "end": end,
                            "body": "Which one?"})
    assert response.status_code == 302
    note = Annotation.objects.get()
    assert (note.start, note.end, note.body) == (start, end, "Which one?")
    page = client.get(d["article"].get_absolute_url()).content.decode()
    assert '<mark class="note"' in page and "Which one?" in page


# ---- htmx: partials

def test_an_htmx_decision_swaps_just_the_pair_and_the_map(client, editor, d):
    client.force_login(editor)
    response = client.post(reverse("opposition-decide", args=[d["first"].pk]),
                           {"decision": "rejected", "version": 1, "view": "dispute"}, headers=HX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<li class="pair decision-rejected" id="pair-{d["first"].pk}"')
    assert 'id="conflict-map" hx-swap-oob="true"' in body and "edge-rejected" in body
    assert 'id="dispute-meta" hx-swap-oob="true"' in body and "1 to decide" in body
    assert "<html" not in body


def test_an_htmx_status_change_returns_the_refreshed_panel(client, editor, d):
    client.force_login(editor)
    response = client.post(status_url(d["claim"]), {"status": "in_progress", "version": 1}, headers=HX)
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith('<aside id="panel"')
    assert "In progress" in body and 'name="version" value="2"' in body
    assert "status" in body and "eddie" in body  # the history names who did it
    assert 'status: <span class="from">Unreviewed</span> → <span class="to">In progress</span>' in body


def test_the_panels_message_is_not_repeated_on_each_of_its_pairs(client, editor, d):
    client.force_login(editor)
    response = client.post(status_url(d["claim"]), {"status": "in_progress", "version": 1}, headers=HX)
    assert response.content.decode().count("Status: In progress.") == 1


def test_linking_a_source_shows_it_in_the_panel(client, editor, d):
    client.force_login(editor)
    response = client.post(reverse("assertion-source", args=[d["claim"].pk]),
                           {"url": "https://example.org/sat", "title": "Satellite images", "role": "refutes"},
                           headers=HX)
    assert "Satellite images" in response.content.decode()


def test_a_source_address_without_https_is_let_through_the_browser_and_completed(client, editor, d):
    client.force_login(editor)
    panel = client.get(d["claim"].get_absolute_url()).content.decode()
    field = re.search(r'<input[^>]*name="url"[^>]*>', panel).group(0)
    assert 'type="text"' in field and 'inputmode="url"' in field  # type="url" refuses "example.org/x"
    client.post(reverse("assertion-source", args=[d["claim"].pk]),
                {"url": "example.org/satellite", "role": "refutes"}, headers=HX)
    assert SourceLink.objects.get().url == "https://example.org/satellite"


def test_an_invalid_source_keeps_the_input_and_says_why(client, editor, d):
    client.force_login(editor)
    response = client.post(reverse("assertion-source", args=[d["claim"].pk]),
                           {"url": "not a url at all", "title": "Kept title", "role": "refutes"}, headers=HX)
    assert response.status_code == 422
    assert 'value="Kept title"' in response.content.decode()


def test_a_pairing_refused_keeps_the_pair_form_open_with_the_number_typed(client, editor, d):
    client.force_login(editor)
    url = reverse("assertion-pair", args=[d["claim"].pk])
    for other in (99_999, d["claim"].pk):  # no such assertion; the assertion itself
        response = client.post(url, {"other": other, "relation": "denies"}, headers=HX)
        body = response.content.decode()
        assert response.status_code == 422
        assert '<details class="pair-by-hand" open>' in body and f'value="{other}"' in body


def test_a_source_the_service_refuses_keeps_the_source_form_open(client, editor, d):
    client.force_login(editor)
    response = client.post(reverse("assertion-source", args=[d["claim"].pk]),
                           {"url": "ftp://example.org/report", "title": "Kept title", "role": "refutes"}, headers=HX)
    body = response.content.decode()
    assert response.status_code == 422
    assert '<details class="add-source" open>' in body and 'value="Kept title"' in body


def test_pairing_by_hand_over_http(client, editor, d):
    client.force_login(editor)
    response = client.post(reverse("assertion-pair", args=[d["claim"].pk]),
                           {"other": d["denial"].pk, "relation": "denies", "note": "same event"}, headers=HX)
    assert response.status_code == 200
    assert Opposition.objects.filter(a=d["claim"], b=d["denial"], origin="editor").exists()


# ---- stale edits: 409 with both sides shown

def test_a_stale_status_edit_answers_409_and_keeps_the_users_input(client, editor, reviewer, d):
    client.force_login(reviewer)
    client.post(status_url(d["claim"]), {"status": "reviewed", "version": 1, "note": "theirs"})
    client.force_login(editor)
    response = client.post(status_url(d["claim"]), {"status": "in_progress", "version": 1, "note": "my own note"},
                           headers=HX)
    body = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved a change first" in body
    assert "<dt>Status</dt><dd>Reviewed</dd>" in body  # their value
    assert 'value="my own note"' in body  # my input
    assert re.search(r'<option value="in_progress" selected>', body)
    assert 'name="version" value="2"' in body  # sending again is a deliberate overwrite
    d["claim"].refresh_from_db()
    assert d["claim"].status == "reviewed"


def test_a_stale_verdict_without_javascript_answers_409_with_the_whole_page(client, editor, d):
    client.force_login(editor)
    false, true = VerdictRating.objects.get(key="false"), VerdictRating.objects.get(key="true")
    url = reverse("assertion-verdict", args=[d["claim"].pk])
    client.post(url, {"verdict": false.pk, "rationale": "first", "version": 1})
    response = client.post(url, {"verdict": true.pk, "rationale": "my rationale", "version": 1})
    body = response.content.decode()
    assert response.status_code == 409 and "<html" in body
    assert "my rationale" in body and "<dt>Rationale</dt><dd>first</dd>" in body
    d["claim"].refresh_from_db()
    assert d["claim"].rationale == "first"


def test_a_stale_pair_decision_answers_409_with_the_current_decision(client, editor, d):
    client.force_login(editor)
    url = reverse("opposition-decide", args=[d["first"].pk])
    client.post(url, {"decision": "accepted", "version": 1}, headers=HX)
    response = client.post(url, {"decision": "rejected", "version": 1, "note": "mine"}, headers=HX)
    assert response.status_code == 409
    assert "it is now accepted" in response.content.decode() and 'value="mine"' in response.content.decode()
    d["first"].refresh_from_db()
    assert d["first"].decision == "accepted"


# ---- corrections, notes and paging

def test_correcting_a_span_over_htmx_reloads_the_reader_and_without_js_redirects(client, editor, d):
    client.force_login(editor)
    start, end = make.span(d["article"].text, "the strikes hit the historic citadel")
    data = {"speaker_name": "Monitors", "side": d["monitors"].pk, "stance": "assert", "start": start, "end": end,
            "version": 1}
    response = client.post(reverse("assertion-correct", args=[d["counter"].pk]), data, headers=HX)
    assert response.status_code == 204 and response["HX-Refresh"] == "true"
    assert "Extraction corrected." in client.get(d["counter"].get_absolute_url()).content.decode()
    d["counter"].refresh_from_db()
    assert d["counter"].quote == "the strikes hit the historic citadel"
    data.update(end=end + 3, version=2)
    assert client.post(reverse("assertion-correct", args=[d["counter"].pk]), data).status_code == 302


def test_a_span_past_the_end_of_the_text_is_refused_with_422(client, editor, d):
    client.force_login(editor)
    response = client.post(reverse("assertion-correct", args=[d["counter"].pk]),
                           {"speaker_name": "Monitors", "stance": "assert", "start": 5, "end": 99_999, "version": 1},
                           headers=HX)
    assert response.status_code == 422 and "outside the article" in response.content.decode()
    assert "<details open>" in response.content.decode()  # the correction form stays open
    d["counter"].refresh_from_db()
    assert d["counter"].version == 1


def test_a_note_saved_over_htmx_is_confirmed_on_the_reloaded_page(client, editor, d):
    client.force_login(editor)
    start, end = make.span(d["article"].text, "historic citadel")
    response = client.post(reverse("annotate", args=[d["article"].pk]),
                           {"quote": "historic citadel", "start": start, "end": end, "body": "Which one?"}, headers=HX)
    assert response.status_code == 204
    assert "Note saved." in client.get(response["HX-Redirect"]).content.decode()


def test_a_note_on_text_that_is_not_in_the_article_is_refused_and_kept(client, editor, d):
    client.force_login(editor)
    response = client.post(reverse("annotate", args=[d["article"].pk]),
                           {"quote": "words nobody wrote", "start": 0, "end": 18, "body": "my careful note"}, headers=HX)
    body = response.content.decode()
    assert response.status_code == 422
    assert "not in this article" in body and "my careful note" in body
    assert not Annotation.objects.exists()


def test_notes_and_claims_that_overlap_keep_the_text_whole(client, viewer, d):
    Annotation.objects.create(article=d["article"], quote="near Palmyra. Monitors", start=d["claim"].end - 12,
                              end=d["claim"].end + 10, body="spans two sentences", author=viewer)
    client.force_login(viewer)
    page = client.get(d["article"].get_absolute_url()).content.decode()
    block = re.search(r'data-article-text>(.*?)</div>', page, re.S).group(1)
    from html import unescape
    assert unescape(re.sub(r"<[^>]+>", "", block)) == d["article"].text
    assert block.count('<mark class="note"') == 2  # split at the claim's end, inside and outside the link


def test_the_unpaired_list_pages_without_counting(client, viewer, db):
    art = make.article(text=" ".join(f"Moscow said claim number {i} is true." for i in range(30)))
    for i in range(30):
        make.assertion(art, f"claim number {i} is true", "Moscow", checkworthiness=i / 100)
    client.force_login(viewer)
    first = client.get("/").content.decode()
    assert "claim number 29 is true" in first and "claim number 4 is true" not in first
    assert 'rel="next" href="?apage=2"' in first
    second = client.get("/?apage=2").content.decode()
    assert "claim number 4 is true" in second and 'rel="next"' not in second


def test_permissions_loaded_in_one_query_are_the_ones_django_would_load(editor, reviewer, viewer):
    from django.contrib.auth.backends import ModelBackend
    from django.contrib.auth.models import Permission

    from factcheck.views import _load_permissions

    editor.user_permissions.add(Permission.objects.get(codename="publish_verdict"))
    for user in (editor, reviewer, viewer):
        fresh = type(user).objects.get(pk=user.pk)
        _load_permissions(fresh)
        assert fresh._perm_cache == ModelBackend().get_all_permissions(type(user).objects.get(pk=user.pk))


def test_a_stale_pair_decision_without_javascript_answers_409_on_the_dispute_page(client, editor, d):
    client.force_login(editor)
    url = reverse("opposition-decide", args=[d["first"].pk])
    client.post(url, {"decision": "accepted", "version": 1})
    response = client.post(url, {"decision": "rejected", "version": 1, "note": "my reason to reject"})
    body = response.content.decode()
    assert response.status_code == 409 and "<html" in body
    assert "it is now accepted" in body and 'value="my reason to reject"' in body
    d["first"].refresh_from_db()
    assert d["first"].decision == "accepted"


def test_a_search_for_a_common_word_still_finds_its_disputes_and_says_at_least(client, viewer, d, monkeypatch):
    from factcheck import views

    monkeypatch.setattr(views, "SEARCH_IDS", 1)  # two matches are "many": take the common-word path
    make.assertion(make.article(title="Elsewhere"), "the strikes hit the historic citadel instead", "Monitors")
    client.force_login(viewer)
    page = client.get("/?q=historic").content.decode()
    assert "Strikes near Palmyra" in page
    assert re.search(r"Unreviewed\s*<strong>\d+\+</strong>", page)
    assert "the strikes hit the historic citadel instead" in page  # the loose one, among the unpaired

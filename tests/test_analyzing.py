"""Saving the engine's results: assertions, pairs in and across articles, disputes, re-runs."""
import pytest

from factcheck import analyzing
from factcheck.analyzing import analyze_article
from factcheck.importing import import_text
from factcheck.models import Assertion, AssertionKey, Dispute, History, Opposition, Status

ARMY = ("Army strikes hit Qasra\n\nThe army said on Monday that its air strikes near the town of Qasra "
        "killed 12 militants and destroyed a weapons depot.")
MONITORS = ("Monitors: civilians killed in Qasra raid\n\nThe Syrian Observatory for Human Rights said on "
            "Tuesday that air strikes near the town of Qasra killed 9 civilians, including three children.")
OTHER = ("Harbour reopens\n\nThe port authority said on Friday that the harbour at Tellin would reopen "
         "to cargo ships next month after repairs.")

pytestmark = pytest.mark.django_db


def test_an_assertion_is_stored_with_its_speaker_side_span_and_keys():
    article = import_text(text=ARMY, title="Army").article
    stored = Assertion.objects.get(article=article)
    assert stored.quote == article.text[stored.start:stored.end]
    assert "Qasra killed 12 militants" in stored.quote
    assert stored.side is not None and stored.speaker is not None
    assert "place:qasra" in set(AssertionKey.objects.filter(assertion=stored).values_list("key", flat=True))


def test_a_new_article_is_paired_with_a_stored_one_about_the_same_event():
    first = import_text(text=ARMY, title="Army").article
    second = import_text(text=MONITORS, title="Monitors").article
    pair = Opposition.objects.get()
    assert pair.cross_article and pair.relation == "contradicts"
    assert {pair.a.article_id, pair.b.article_id} == {first.pk, second.pk}
    assert pair.reason.startswith("Across articles")
    dispute = Dispute.objects.get()
    assert set(dispute.assertions.values_list("pk", flat=True)) == {pair.a_id, pair.b_id}
    assert pair.dispute == dispute


def test_an_article_about_something_else_is_not_paired():
    import_text(text=ARMY, title="Army")
    import_text(text=OTHER, title="Harbour")
    assert not Opposition.objects.exists()


def test_a_key_most_stored_assertions_share_does_not_find_candidates(monkeypatch):
    import_text(text=ARMY, title="Army")
    monkeypatch.setattr(analyzing, "COMMON_KEY_MIN_POSTINGS", 0)
    monkeypatch.setattr(analyzing, "COMMON_KEY_SHARE", 0.0)
    import_text(text=MONITORS, title="Monitors")
    assert not Opposition.objects.exists()


def test_rerunning_the_analysis_keeps_what_an_editor_touched_and_adds_no_duplicates():
    import_text(text=ARMY, title="Army")
    article = import_text(text=MONITORS, title="Monitors").article
    reviewed = Assertion.objects.get(article=article)
    reviewed.status = Status.REVIEWED
    reviewed.save(update_fields=["status"])
    analyze_article(article=article)
    assert Assertion.objects.filter(article=article).count() == 1
    assert Assertion.objects.get(article=article).pk == reviewed.pk
    assert Opposition.objects.count() == 1
    assert History.objects.filter(article=article, action="analysed").count() == 2


def test_an_untouched_assertion_is_replaced_on_a_rerun():
    article = import_text(text=ARMY, title="Army").article
    before = Assertion.objects.get(article=article).pk
    analyze_article(article=article)
    after = Assertion.objects.get(article=article)
    assert after.pk != before
    assert after.quote.endswith("weapons depot")


def _loose_pair(text, first, second):
    from factcheck.analyzing import attach_disputes
    from factcheck.models import Article

    article = Article.objects.create(title=text[:20], text=text)
    rows = []
    for quote in (first, second):
        start = text.index(quote)
        rows.append(Assertion.objects.create(article=article, speaker_text="x", cue="said", start=start,
                                             end=start + len(quote), quote=quote))
    pair = Opposition.objects.create(a=rows[0], b=rows[1], relation="contradicts")
    attach_disputes([pair], {pair.pk: text[:20]})
    return rows


def test_pairing_across_two_disputes_merges_them_and_the_old_address_follows(client, editor):
    from django.urls import reverse

    from factcheck import review

    one = _loose_pair("The port said the harbour was open. Pilots said it was closed.", "the harbour was open", "it was closed")
    two = _loose_pair("The mayor said the bridge was safe. Engineers said it was cracked.", "the bridge was safe", "it was cracked")
    kept, gone = Dispute.objects.get(assertions=one[0]), Dispute.objects.get(assertions=two[0])
    review.pair_by_hand(a=one[0], b=two[0], relation="contradicts", note="same storm", user=editor)
    assert list(Dispute.objects.all()) == [kept]
    assert kept.assertions.count() == 4
    merge = History.objects.get(action="merge-dispute")
    assert (merge.from_value, merge.to_value, merge.dispute, merge.user) == (str(gone.pk), str(kept.pk), kept, editor)
    client.force_login(editor)
    response = client.get(reverse("dispute", args=[gone.pk]))
    assert response.status_code == 302 and response.url == reverse("dispute", args=[kept.pk])
    assert client.get(reverse("dispute", args=[99999])).status_code == 404

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

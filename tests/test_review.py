"""The editor actions in factcheck/review.py: what each changes, what it refuses, what it records."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from factcheck import review
from factcheck.models import Annotation, Dispute, History, Opposition, SourceLink, Status, VerdictRating
from factcheck.review import Locked, StaleEdit
from tests import workbench_factories as make


@pytest.fixture
def d(db):
    return make.palmyra_dispute()


def verdict(key="false"):
    return VerdictRating.objects.get(key=key)


# ---- decide_opposition

def test_an_editor_accepts_a_pair_and_it_is_recorded(d, editor):
    review.decide_opposition(opposition=d["first"], decision="accepted", user=editor, version=1, note="checked")
    d["first"].refresh_from_db()
    assert d["first"].decision == "accepted"
    assert d["first"].decided_by == editor
    assert d["first"].version == 2
    h = History.objects.get(opposition=d["first"])
    assert (h.action, h.field, h.from_value, h.to_value, h.user) == ("decide-pair", "decision", "pending", "accepted", editor)
    assert h.article == d["article"] and h.dispute == d["dispute"]


def test_deciding_a_pair_on_a_stale_version_changes_nothing(d, editor):
    review.decide_opposition(opposition=d["first"], decision="rejected", user=editor, version=1)
    with pytest.raises(StaleEdit) as stale:
        review.decide_opposition(opposition=d["first"], decision="accepted", user=editor, version=1)
    assert stale.value.current.decision == "rejected"
    d["first"].refresh_from_db()
    assert d["first"].decision == "rejected"
    assert History.objects.filter(opposition=d["first"]).count() == 1


def test_a_viewer_cannot_decide_a_pair(d, viewer):
    with pytest.raises(PermissionDenied):
        review.decide_opposition(opposition=d["first"], decision="accepted", user=viewer, version=1)
    d["first"].refresh_from_db()
    assert d["first"].decision == "pending"
    assert not History.objects.exists()


# ---- pair_by_hand

def test_pairing_by_hand_stores_the_lower_pk_first_and_joins_the_dispute(d, editor):
    other_article = make.article(title="Follow-up")
    extra = make.assertion(other_article, "its jets destroyed a fortification near Palmyra", "Moscow",
                           side_obj=d["russia"])
    opposition = review.pair_by_hand(a=extra, b=d["counter"], relation="contradicts", note="same strike", user=editor)
    assert (opposition.a, opposition.b) == (d["counter"], extra)
    assert opposition.origin == "editor" and opposition.decision == "accepted" and opposition.cross_article
    assert opposition.dispute == d["dispute"]
    assert extra in d["dispute"].assertions.all()
    assert History.objects.filter(action="pair-by-hand", opposition=opposition).count() == 1


def test_pairing_two_loose_assertions_starts_a_new_dispute(db, editor):
    art = make.article()
    a = make.assertion(art, "its jets destroyed a fortification near Palmyra", "Moscow")
    b = make.assertion(art, "the strikes hit the historic citadel instead", "Monitors")
    opposition = review.pair_by_hand(a=a, b=b, relation="contradicts", note="", user=editor)
    assert Dispute.objects.count() == 1
    assert set(opposition.dispute.assertions.all()) == {a, b}


def test_an_assertion_cannot_be_paired_with_itself_or_twice(d, editor):
    with pytest.raises(ValidationError):
        review.pair_by_hand(a=d["claim"], b=d["claim"], relation="contradicts", note="", user=editor)
    with pytest.raises(ValidationError):
        review.pair_by_hand(a=d["counter"], b=d["claim"], relation="denies", note="", user=editor)
    assert Opposition.objects.count() == 2


# ---- correct_assertion

def test_correcting_the_span_re_derives_the_quote_from_the_text(d, editor):
    text = d["article"].text
    start, end = make.span(text, "the strikes hit the historic citadel")
    review.correct_assertion(assertion=d["counter"], user=editor, version=1, start=start, end=end)
    d["counter"].refresh_from_db()
    assert d["counter"].quote == "the strikes hit the historic citadel"
    assert d["counter"].version == 2
    h = History.objects.get(assertion=d["counter"])
    assert h.field == "span" and h.action == "correct"


def test_a_span_outside_the_text_is_refused(d, editor):
    with pytest.raises(ValidationError):
        review.correct_assertion(assertion=d["claim"], user=editor, version=1, start=5, end=10_000)
    d["claim"].refresh_from_db()
    assert d["claim"].version == 1


def test_correcting_speaker_side_and_stance_writes_one_history_row_each(d, editor):
    review.correct_assertion(assertion=d["claim"], user=editor, version=1, speaker_name="Russian Defence Ministry",
                             side=d["monitors"], stance="confirm")
    d["claim"].refresh_from_db()
    assert d["claim"].speaker.name == "Russian Defence Ministry"
    assert d["claim"].side == d["monitors"] and d["claim"].stance == "confirm"
    assert sorted(History.objects.filter(assertion=d["claim"]).values_list("field", flat=True)) == ["side", "speaker", "stance"]


# ---- annotate

def test_an_annotation_is_kept_at_the_offsets_given(d, editor):
    text = d["article"].text
    start, end = make.span(text, "historic citadel")
    note = review.annotate(article=d["article"], quote="historic citadel", prefix="hit the ", suffix=" instead",
                           start=start, end=end, body="Which citadel?", user=editor)
    assert (note.start, note.end) == (start, end)
    assert History.objects.filter(action="annotate", article=d["article"]).count() == 1


def test_an_annotation_with_wrong_offsets_is_re_anchored_by_its_quote(d, editor):
    text = d["article"].text
    start, _ = make.span(text, "historic citadel")
    note = review.annotate(article=d["article"], quote="historic citadel", prefix="hit the ", suffix="",
                           start=3, end=19, body="re-anchored", user=editor)
    assert (note.start, note.end) == (start, start + len("historic citadel"))


def test_an_annotation_whose_quote_is_not_in_the_text_is_refused(d, editor):
    with pytest.raises(ValidationError):
        review.annotate(article=d["article"], quote="not in there", prefix="", suffix="", start=0, end=12,
                        body="x", user=editor)
    assert not Annotation.objects.exists() and not History.objects.exists()


def test_a_viewer_cannot_annotate(d, viewer):
    with pytest.raises(PermissionDenied):
        review.annotate(article=d["article"], quote="Moscow", prefix="", suffix="", start=0, end=6, body="x",
                        user=viewer)


# ---- link_source

def test_a_source_is_linked_with_its_role(d, editor):
    source = review.link_source(assertion=d["claim"], url="https://example.org/report", title="Report",
                                publisher="Example", role="refutes", note="", user=editor)
    assert source.role == "refutes" and source.added_by == editor
    assert History.objects.filter(action="source", assertion=d["claim"]).count() == 1


def test_a_source_without_a_web_address_is_refused(d, editor):
    with pytest.raises(ValidationError):
        review.link_source(assertion=d["claim"], url="javascript:alert(1)", title="", publisher="", role="context",
                           note="", user=editor)
    assert not SourceLink.objects.exists()


# ---- set_status / set_verdict and the published lock

def test_an_editor_moves_an_assertion_to_reviewed(d, editor):
    review.set_status(assertion=d["claim"], status="in_progress", user=editor, version=1)
    review.set_status(assertion=d["claim"], status="reviewed", user=editor, version=2)
    d["claim"].refresh_from_db()
    assert d["claim"].status == "reviewed" and d["claim"].version == 3
    assert History.objects.filter(assertion=d["claim"], field="status").count() == 2


def test_an_editor_cannot_publish(d, editor):
    review.set_verdict(assertion=d["claim"], verdict=verdict(), rationale="No fortification there.", user=editor, version=1)
    with pytest.raises(PermissionDenied):
        review.set_status(assertion=d["claim"], status="published", user=editor, version=2)
    d["claim"].refresh_from_db()
    assert d["claim"].status == "unreviewed"


def test_publishing_needs_a_verdict(d, reviewer):
    with pytest.raises(ValidationError):
        review.set_status(assertion=d["claim"], status="published", user=reviewer, version=1)


def test_a_published_verdict_is_locked_until_a_reviewer_unpublishes_it(d, editor, reviewer):
    review.set_verdict(assertion=d["claim"], verdict=verdict("false"), rationale="r", user=editor, version=1)
    review.set_status(assertion=d["claim"], status="published", user=reviewer, version=2)
    for user in (editor, reviewer):
        with pytest.raises(Locked):
            review.set_verdict(assertion=d["claim"], verdict=verdict("true"), rationale="changed", user=user, version=3)
        with pytest.raises(Locked):
            review.correct_assertion(assertion=d["claim"], user=user, version=3, start=0, end=6)
    with pytest.raises(PermissionDenied):
        review.set_status(assertion=d["claim"], status="reviewed", user=editor, version=3)
    d["claim"].refresh_from_db()
    assert (d["claim"].verdict.key, d["claim"].status, d["claim"].version) == ("false", "published", 3)

    review.set_status(assertion=d["claim"], status="reviewed", user=reviewer, version=3, note="new evidence")
    review.set_verdict(assertion=d["claim"], verdict=verdict("true"), rationale="changed", user=editor, version=4)
    d["claim"].refresh_from_db()
    assert d["claim"].verdict.key == "true"
    assert History.objects.filter(assertion=d["claim"], action="unpublish", note="new evidence").count() == 1


def test_a_reviewer_pauses_a_published_verdict(d, reviewer):
    review.set_verdict(assertion=d["claim"], verdict=verdict(), rationale="", user=reviewer, version=1)
    review.set_status(assertion=d["claim"], status="published", user=reviewer, version=2)
    review.set_status(assertion=d["claim"], status="paused", user=reviewer, version=3)
    d["claim"].refresh_from_db()
    assert d["claim"].status == Status.PAUSED
    # The history says what happened: paused, not unpublished.
    assert History.objects.filter(assertion=d["claim"]).values_list("action", flat=True)[0] == "pause"


def test_a_stale_status_change_raises_and_keeps_the_other_editors_value(d, editor, reviewer):
    review.set_status(assertion=d["claim"], status="in_progress", user=reviewer, version=1)
    with pytest.raises(StaleEdit) as stale:
        review.set_status(assertion=d["claim"], status="reviewed", user=editor, version=1)
    assert stale.value.current.status == "in_progress" and stale.value.current.version == 2
    d["claim"].refresh_from_db()
    assert d["claim"].status == "in_progress"
    assert History.objects.filter(assertion=d["claim"]).count() == 1


def test_a_stale_verdict_raises(d, editor):
    review.set_verdict(assertion=d["claim"], verdict=verdict("false"), rationale="a", user=editor, version=1)
    with pytest.raises(StaleEdit):
        review.set_verdict(assertion=d["claim"], verdict=verdict("true"), rationale="b", user=editor, version=1)
    d["claim"].refresh_from_db()
    assert (d["claim"].verdict.key, d["claim"].rationale) == ("false", "a")


def test_setting_verdict_and_rationale_writes_a_history_row_for_each(d, editor):
    review.set_verdict(assertion=d["claim"], verdict=verdict("mixed"), rationale="Partly", user=editor, version=1)
    rows = History.objects.filter(assertion=d["claim"], action="verdict")
    assert sorted(rows.values_list("field", "to_value")) == [("rationale", "Partly"), ("verdict", "Mixed")]


def test_the_conditional_update_refuses_a_version_that_moved_on_underneath(d, editor):
    # The service read version 1, but another transaction commits version 2 before the UPDATE.
    from factcheck.models import Assertion

    current = review._current_assertion(d["claim"], 1)
    Assertion.objects.filter(pk=d["claim"].pk).update(version=2, status="reviewed")
    with pytest.raises(StaleEdit) as stale:
        review._update_assertion(current, 1, status="in_progress")
    assert stale.value.current.status == "reviewed"

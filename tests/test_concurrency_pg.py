"""Two editors saving the same assertion at the same moment, on PostgreSQL for real: each thread
has its own database connection and transaction, a barrier releases them together, and the
optimistic lock (conditional UPDATE on `version`) must let exactly one of them win."""
import threading

import pytest
from django.db import connection, connections

from factcheck import review
from factcheck.models import Article, Assertion, History, Status, VerdictRating
from tests.browser.migrated_data import migrated_data  # noqa: F401  (fixture: groups and verdicts)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migrated_data"),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs PostgreSQL's row locks and real concurrency"),
]

ROUNDS = 10


def skip_unless_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


def make_assertion(n: int) -> Assertion:
    article = Article.objects.create(title=f"Race {n}", text=f"The mayor said the budget {n} was balanced.")
    start = article.text.index("the budget")
    return Assertion.objects.create(article=article, speaker_text="The mayor", cue="said", start=start,
                                    end=len(article.text) - 1, quote=article.text[start:-1])


def race(*calls):
    """Run each call in its own thread and connection, released together; return results."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            results[i] = call()
        except Exception as exc:  # the outcome under test, collected for the main thread
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    return results


def test_two_status_changes_from_the_same_version_let_exactly_one_win(editor, reviewer):
    skip_unless_postgresql()
    for n in range(ROUNDS):
        row = make_assertion(n)
        seen_by_a = Assertion.objects.get(pk=row.pk)
        seen_by_b = Assertion.objects.get(pk=row.pk)
        results = race(
            lambda: review.set_status(assertion=seen_by_a, status=Status.IN_PROGRESS, user=editor, version=1),
            lambda: review.set_status(assertion=seen_by_b, status=Status.REVIEWED, user=reviewer, version=1),
        )
        stale = [r for r in results if isinstance(r, review.StaleEdit)]
        won = [(i, r) for i, r in enumerate(results) if isinstance(r, Assertion)]
        assert len(won) == 1 and len(stale) == 1, results
        winner_status = [Status.IN_PROGRESS, Status.REVIEWED][won[0][0]]

        row.refresh_from_db()
        assert row.status == winner_status
        assert row.version == 2
        history = list(History.objects.filter(assertion=row, field="status"))
        assert len(history) == 1
        assert history[0].to_value == Status(winner_status).label
        assert history[0].user_id == [editor, reviewer][won[0][0]].pk


def test_two_verdicts_from_the_same_version_let_exactly_one_win(editor, reviewer):
    skip_unless_postgresql()
    true, false = VerdictRating.objects.get(key="true"), VerdictRating.objects.get(key="false")
    for n in range(ROUNDS):
        row = make_assertion(n)
        seen_by_a = Assertion.objects.get(pk=row.pk)
        seen_by_b = Assertion.objects.get(pk=row.pk)
        results = race(
            lambda: review.set_verdict(assertion=seen_by_a, verdict=true, rationale="Audited accounts.", user=editor, version=1),
            lambda: review.set_verdict(assertion=seen_by_b, verdict=false, rationale="A deficit.", user=reviewer, version=1),
        )
        stale = [r for r in results if isinstance(r, review.StaleEdit)]
        won = [i for i, r in enumerate(results) if isinstance(r, Assertion)]
        assert len(won) == 1 and len(stale) == 1, results
        expected_verdict, expected_rationale = [(true, "Audited accounts."), (false, "A deficit.")][won[0]]

        row.refresh_from_db()
        assert row.verdict == expected_verdict and row.rationale == expected_rationale
        assert row.version == 2
        history = History.objects.filter(assertion=row)
        assert history.count() >= 1
        assert {h.user_id for h in history} == {[editor, reviewer][won[0]].pk}  # nothing from the loser


def test_a_status_change_and_a_verdict_from_the_same_version_do_not_both_land(editor, reviewer):
    skip_unless_postgresql()
    false = VerdictRating.objects.get(key="false")
    for n in range(ROUNDS):
        row = make_assertion(n)
        seen_by_a = Assertion.objects.get(pk=row.pk)
        seen_by_b = Assertion.objects.get(pk=row.pk)
        results = race(
            lambda: review.set_status(assertion=seen_by_a, status=Status.IN_PROGRESS, user=editor, version=1),
            lambda: review.set_verdict(assertion=seen_by_b, verdict=false, rationale="No.", user=reviewer, version=1),
        )
        assert sum(isinstance(r, review.StaleEdit) for r in results) == 1, results
        row.refresh_from_db()
        assert row.version == 2
        assert (row.status == Status.IN_PROGRESS) != (row.verdict_id == false.pk)
        assert len({h.user_id for h in History.objects.filter(assertion=row)}) == 1

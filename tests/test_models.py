import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from factcheck.models import Annotation, Article, Assertion, Opposition, VerdictRating, content_hash

TEXT = "The ministry said the strikes hit only military targets. Monitors said civilians were killed."


@pytest.fixture
def article(db):
    return Article.objects.create(title="Strikes", text=TEXT)


def make_assertion(article, quote, **extra):
    start = article.text.index(quote)
    return Assertion.objects.create(
        article=article, speaker_text="someone", cue="said", start=start, end=start + len(quote), quote=quote, **extra
    )


def test_the_content_hash_ignores_white_space_and_case():
    assert content_hash("A  b\nC") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")


def test_two_articles_with_the_same_text_cannot_both_be_stored(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(title="Copy", text=TEXT.upper())


def test_an_articles_text_cannot_be_edited_in_place(article):
    article.text = "Something else."
    with pytest.raises(ValueError, match="immutable"):
        article.save()
    article.refresh_from_db()
    assert article.text == TEXT


def test_an_articles_metadata_can_still_change(article):
    article.title = "New title"
    article.save()
    article.refresh_from_db()
    assert article.title == "New title"


def test_assertion_offsets_must_point_into_the_text(article):
    bad = Assertion(article=article, speaker_text="x", cue="said", start=10, end=len(TEXT) + 5, quote="zzz")
    with pytest.raises(ValidationError, match="outside"):
        bad.full_clean()


def test_assertion_quote_must_match_the_text_at_its_offsets(article):
    bad = Assertion(article=article, speaker_text="x", cue="said", start=0, end=5, quote="Hello")
    with pytest.raises(ValidationError, match="does not match"):
        bad.full_clean()


def test_a_good_span_validates(article):
    quote = "the strikes hit only military targets"
    start = TEXT.index(quote)
    Assertion(article=article, speaker_text="the ministry", cue="said", start=start, end=start + len(quote), quote=quote).full_clean()


def test_an_empty_span_is_refused_by_the_database(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assertion.objects.create(article=article, speaker_text="x", cue="said", start=5, end=5, quote="")


def test_a_pair_never_joins_an_assertion_with_itself(article):
    one = make_assertion(article, "the strikes hit only military targets")
    with pytest.raises(IntegrityError), transaction.atomic():
        Opposition.objects.create(a=one, b=one, relation="contradicts")


def test_a_pair_is_stored_once_whatever_the_order(article):
    one = make_assertion(article, "the strikes hit only military targets")
    two = make_assertion(article, "civilians were killed")
    Opposition.objects.create(a=one, b=two, relation="contradicts")
    with pytest.raises(IntegrityError), transaction.atomic():
        Opposition.objects.create(a=one, b=two, relation="denies")
    with pytest.raises(IntegrityError), transaction.atomic():
        Opposition.objects.create(a=two, b=one, relation="denies")  # reversed order is refused too


def test_annotation_offsets_must_match_their_quote(article):
    note = Annotation(article=article, quote="civilians", start=0, end=9, body="check")
    with pytest.raises(ValidationError):
        note.full_clean()


def test_the_default_verdict_scale_is_data_with_claimreview_values(db):
    scale = {v.key: v.rating_value for v in VerdictRating.objects.all()}
    assert scale["true"] == 5 and scale["false"] == 1
    assert scale["unverified"] is None and scale["conflicting"] is None
    assert list(VerdictRating.objects.values_list("key", flat=True))[:2] == ["true", "mostly-true"]


def test_the_role_groups_exist_with_rising_permissions(db):
    from django.contrib.auth.models import Group

    counts = {g.name: g.permissions.count() for g in Group.objects.all()}
    assert counts["Viewer"] < counts["Editor"] < counts["Reviewer"]
    reviewer = Group.objects.get(name="Reviewer")
    assert reviewer.permissions.filter(codename="publish_verdict").exists()
    assert not Group.objects.get(name="Editor").permissions.filter(codename="publish_verdict").exists()


@pytest.mark.django_db(transaction=True)
def test_the_roles_and_the_verdict_scale_come_back_after_a_flush():
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    assert Group.objects.get(name="Reviewer").permissions.filter(codename="publish_verdict").exists()
    assert VerdictRating.objects.get(key="false").rating_value == 1

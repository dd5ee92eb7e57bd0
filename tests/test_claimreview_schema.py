"""schema.org ClaimReview JSON-LD: valid against the schema, published verdicts only."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from django.urls import reverse

from factcheck.exports import export
from factcheck.exports.claimreview import author_kind
from factcheck.models import Status, VerdictRating
from tests.test_exports import DRAFT_QUOTE, FORMULA_QUOTE, LOOSE_QUOTE, PUBLISHED_QUOTE, build_dispute

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "claimreview.schema.json").read_text())


def _rating_within_scale(validator, enabled, rating, schema):
    if enabled and isinstance(rating, dict) and "ratingValue" in rating:
        low, high = rating.get("worstRating"), rating.get("bestRating")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)):
            if low > high:
                yield jsonschema.ValidationError(f"worstRating {low} is above bestRating {high}")
            elif not low <= rating["ratingValue"] <= high:
                yield jsonschema.ValidationError(f"ratingValue {rating['ratingValue']} lies outside {low}–{high}")


Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"ratingWithinScale": _rating_within_scale})


def errors(doc) -> list[str]:
    return [e.message for e in Validator(SCHEMA).iter_errors(doc)]


@pytest.fixture
def data(editor):
    return build_dispute(editor)


def reviews(**kw) -> list[dict]:
    return json.loads(export(fmt="claimreview", **kw).content)


def by_quote(docs) -> dict[str, dict]:
    return {d["claimReviewed"]: d for d in docs}


def test_every_scope_gives_claimreviews_that_validate_against_the_schema(data):
    for kw in ({"scope": "dispute", "pk": data["dispute"].pk}, {"scope": "article", "pk": data["reuters"].pk},
               {"scope": "queue", "params": {"q": "air"}}, {"scope": "all"}):
        docs = reviews(**kw)
        assert docs, kw
        assert errors(docs) == [], kw


def test_drafts_and_claims_without_a_verdict_never_leave(data):
    quotes = set(by_quote(reviews(scope="all")))
    assert quotes == {PUBLISHED_QUOTE, FORMULA_QUOTE}
    assert DRAFT_QUOTE not in quotes and LOOSE_QUOTE not in quotes


def test_a_published_claim_without_a_verdict_is_left_out(data):
    data["loose"].status = Status.PUBLISHED
    data["loose"].save()
    assert LOOSE_QUOTE not in by_quote(reviews(scope="all"))


def test_the_rating_comes_from_the_verdict_scale(data):
    review = by_quote(reviews(scope="all"))[PUBLISHED_QUOTE]
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "False", "ratingValue": 1,
                                      "bestRating": 5, "worstRating": 1}


def test_a_verdict_with_no_place_on_the_scale_carries_no_numbers(data):
    rating = by_quote(reviews(scope="all"))[FORMULA_QUOTE]["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "Unverified"}


def test_a_desk_with_its_own_scale_gets_its_own_best_and_worst(data):
    VerdictRating.objects.filter(key="true").update(rating_value=10)
    VerdictRating.objects.filter(key="false").update(rating_value=2)
    rating = by_quote(reviews(scope="all"))[PUBLISHED_QUOTE]["reviewRating"]
    assert (rating["ratingValue"], rating["worstRating"], rating["bestRating"]) == (2, 2, 10)


def test_the_claim_is_by_the_speaker_and_appeared_in_the_article(data):
    claim = by_quote(reviews(scope="all"))[PUBLISHED_QUOTE]["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"] == {"@type": "Organization", "name": "Russian Defence Ministry"}
    assert claim["datePublished"] == "2015-10-13"
    assert claim["appearance"]["url"] == "https://example.com/reuters/86"
    assert claim["appearance"]["datePublished"] == "2015-10-13"


def test_a_person_is_a_person_and_a_country_speaking_for_itself_an_organisation(data):
    data["draft"].status = Status.PUBLISHED
    data["draft"].save()
    docs = by_quote(reviews(scope="all"))
    assert docs[DRAFT_QUOTE]["itemReviewed"]["author"] == {"@type": "Person", "name": "Ahmad Ramadan"}
    assert docs[FORMULA_QUOTE]["itemReviewed"]["author"]["@type"] == "Organization"  # "Russia" of side Russia


@pytest.mark.parametrize("name,side,kind", [
    ("Syrian Observatory for Human Rights", "", "Organization"),
    ("the city council", "Council", "Organization"),
    ("Bus drivers' union", "Union", "Organization"),
    ("Ukraine", "Ukraine", "Organization"),
    ("Sergei Lavrov", "Russia", "Person"),
    ("Maria Zakharova", "", "Person"),
])
def test_the_speaker_kind_rule(name, side, kind):
    assert author_kind(name, side) == kind


def test_the_review_date_is_when_the_verdict_was_published(data):
    docs = by_quote(reviews(scope="all"))
    assert docs[PUBLISHED_QUOTE]["datePublished"] == "2015-10-20"
    # No History row set it to published: the claim's last change stands in.
    data["formula"].refresh_from_db()
    assert docs[FORMULA_QUOTE]["datePublished"] == data["formula"].updated_at.date().isoformat()


def test_the_review_is_by_the_newsroom(data, settings):
    settings.FACTCHECK_NEWSROOM_NAME = "Example Checks"
    settings.FACTCHECK_NEWSROOM_URL = "https://checks.example/"
    author = reviews(scope="all")[0]["author"]
    assert author == {"@type": "Organization", "name": "Example Checks", "url": "https://checks.example/"}


def test_the_review_url_is_the_public_report_anchor_and_that_page_is_public(data, client, settings):
    settings.FACTCHECK_PUBLIC_BASE_URL = "https://checks.example"
    pk = data["published"].pk
    review = by_quote(reviews(scope="dispute", pk=data["dispute"].pk))[PUBLISHED_QUOTE]
    path = reverse("public-dispute-report", args=[data["dispute"].pk])
    assert review["url"] == f"https://checks.example{path}#claim-{pk}"
    page = client.get(path)  # no login
    assert page.status_code == 200 and f'id="claim-{pk}"' in page.content.decode()

    article_review = by_quote(reviews(scope="article", pk=data["reuters"].pk))[PUBLISHED_QUOTE]
    assert article_review["url"].endswith(reverse("public-article-report", args=[data["reuters"].pk]) + f"#claim-{pk}")


def test_the_claimreview_download_needs_a_login_but_only_holds_published_verdicts(client, viewer, data):
    url = reverse("export-dispute", args=[data["dispute"].pk, "claimreview"])
    assert client.get(url).status_code == 302
    client.force_login(viewer)
    response = client.get(url)
    assert response["Content-Type"] == "application/ld+json"
    assert DRAFT_QUOTE not in response.content.decode()
    assert errors(json.loads(response.content)) == []


def test_the_public_page_carries_its_claimreview_markup(client, data):
    data["published"].quote = PUBLISHED_QUOTE + "</script><script>alert(1)</script>"
    data["published"].save()
    page = client.get(reverse("public-dispute-report", args=[data["dispute"].pk])).content.decode()
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.DOTALL).group(1)
    docs = json.loads(block)
    assert errors(docs) == []
    assert {d["claimReviewed"] for d in docs} == {data["published"].quote, FORMULA_QUOTE}
    assert "<script>alert(1)" not in page


# The schema must be able to say no, or the tests above prove nothing.

def _valid_review() -> dict:
    return {
        "@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "It rained.",
        "datePublished": "2026-01-02", "url": "https://checks.example/reports/disputes/1/#claim-3",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1, "alternateName": "Mostly false"},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A. Person"},
                         "appearance": {"@type": "CreativeWork", "url": "https://news.example/a"}},
    }


def test_the_schema_accepts_a_complete_review():
    assert errors([_valid_review()]) == []


@pytest.mark.parametrize("breakage", [
    lambda r: r["reviewRating"].pop("alternateName"),
    lambda r: r["reviewRating"].update(ratingValue=7),
    lambda r: r["reviewRating"].update(ratingValue=0),
    lambda r: r["reviewRating"].pop("bestRating"),
    lambda r: r["reviewRating"].pop("ratingValue"),
    lambda r: r["itemReviewed"]["author"].update({"@type": "Thing"}),
    lambda r: r["itemReviewed"].pop("appearance"),
    lambda r: r["itemReviewed"].update({"@type": "CreativeWork"}),
    lambda r: r.pop("claimReviewed"),
    lambda r: r.pop("datePublished"),
    lambda r: r.update(datePublished="yesterday"),
    lambda r: r.update(url="https://checks.example/reports/disputes/1/"),
    lambda r: r.pop("author"),
    lambda r: r.pop("@context"),
], ids=["no-alternateName", "above-best", "below-worst", "best-missing", "numbers-without-value", "author-type",
        "no-appearance", "not-a-claim", "no-claimReviewed", "no-date", "bad-date", "no-anchor", "no-author",
        "no-context"])
def test_the_schema_refuses_a_broken_review(breakage):
    review = _valid_review()
    breakage(review)
    assert errors([review]) != []

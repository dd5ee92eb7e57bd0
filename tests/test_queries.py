"""The number of queries per page does not grow with the data: 5 or 50 articles, the same count."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck import review
from factcheck.models import Annotation, Article, Dispute, Opposition, SourceLink
from tests import workbench_factories as make

TEXT = "Moscow said its jets hit a depot. Monitors said the strikes hit a school. The Kremlin denied those reports. "


def build(n: int, editor) -> Dispute:
    """n articles, each with three assertions paired into one dispute that grows with n; a few
    sources, notes and history rows on every assertion."""
    russia, monitors = make.side("russia", "Russia", 0), make.side("monitors", "Monitors", 1)
    dispute = Dispute.objects.create(title="Depot or school", score=0.9)
    for i in range(n):
        art = make.article(text=TEXT * 2, title=f"Article {i}", outlet=f"Outlet {i % 3}")
        a = make.assertion(art, "its jets hit a depot", "Moscow", side_obj=russia)
        b = make.assertion(art, "the strikes hit a school", "Monitors", side_obj=monitors)
        c = make.assertion(art, "those reports", "Kremlin", side_obj=russia, cue="denied", stance="deny")
        make.assertion(art, "Monitors said", "Monitors", side_obj=monitors)  # in no dispute
        dispute.assertions.add(a, b, c)
        Opposition.objects.create(a=a, b=b, relation="contradicts", score=0.8, dispute=dispute)
        Opposition.objects.create(a=b, b=c, relation="denies", score=0.9, dispute=dispute)
        SourceLink.objects.create(assertion=a, url="https://example.org", role="refutes")
        Annotation.objects.create(article=art, quote="depot", start=a.start + 15, end=a.start + 20, body="?", author=editor)
        review.set_status(assertion=a, status="in_progress", user=editor, version=1)
        if i % 2:
            Dispute.objects.create(title=f"Side dispute {i}").assertions.add(c)
    return dispute


def count(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["queue", "search", "filtered", "article", "panel", "dispute"])
def test_queries_per_page_stay_the_same_as_the_data_grows(client, editor, page):
    client.force_login(editor)
    counts = []
    for n in (5, 50):
        Article.objects.all().delete()
        Dispute.objects.all().delete()
        dispute = build(n, editor)
        art = dispute.assertions.order_by("-pk").first().article
        first = art.assertions.order_by("start").first()
        url = {
            "queue": "/",
            "search": "/?q=Monitors",
            "filtered": "/?status=in_progress&side=russia&outlet=Outlet+1&speaker=Moscow",
            "article": art.get_absolute_url(),
            "panel": f"{art.get_absolute_url()}?assertion={first.pk}",
            "dispute": dispute.get_absolute_url(),
        }[page]
        counts.append(count(client, url))
    assert counts[0] == counts[1], f"{page}: {counts[0]} queries with 5 articles, {counts[1]} with 50"
    assert counts[1] <= 10, f"{page}: {counts[1]} queries"


def test_the_htmx_panel_needs_few_queries(client, editor, django_assert_max_num_queries):
    client.force_login(editor)
    dispute = build(10, editor)
    a = dispute.assertions.first()
    with django_assert_max_num_queries(10):
        client.get(f"{a.article.get_absolute_url()}?assertion={a.pk}", headers={"HX-Request": "true"})

import pytest
from django.urls import reverse

from factcheck import models

ADMIN_MODELS = [
    models.Article, models.Side, models.Speaker, models.Assertion, models.Opposition, models.Dispute,
    models.Annotation, models.SourceLink, models.History, models.VerdictRating, models.ImportBatch,
]


@pytest.fixture
def admin_client_logged(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m.__name__)
def test_every_admin_list_page_loads_for_a_superuser(admin_client_logged, model, db):
    url = reverse(f"admin:factcheck_{model._meta.model_name}_changelist")
    response = admin_client_logged.get(url, {"q": "palmyra"})
    assert response.status_code == 200


def test_the_history_admin_is_read_only(admin_client_logged):
    response = admin_client_logged.get(reverse("admin:factcheck_history_add"))
    assert response.status_code == 403


def test_the_admin_redirects_anonymous_users_to_log_in(client, db):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


def test_the_admin_shows_but_does_not_edit_what_the_workbench_records(admin_client_logged):
    article = models.Article.objects.create(title="A", text="The mayor said the bridge was safe.")
    quote = "the bridge was safe"
    start = article.text.index(quote)
    assertion = models.Assertion.objects.create(
        article=article, speaker_text="The mayor", cue="said", start=start, end=start + len(quote), quote=quote
    )
    page = admin_client_logged.get(reverse("admin:factcheck_assertion_change", args=[assertion.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert quote in body
    assert 'name="quote"' not in body and 'name="status"' not in body and 'name="stance"' not in body

"""Every state-changing URL × every role, over HTTP, plain and htmx.

anonymous → sent to the login page; viewer → 403; editor → allowed, except publishing, pausing
and unpublishing (403); reviewer and admin → allowed. A refusal changes nothing at all; an
allowed action changes something and writes History in the same request.
"""
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from factcheck.models import (
    Annotation,
    Article,
    Assertion,
    History,
    ImportBatch,
    Opposition,
    SourceLink,
    Status,
    VerdictRating,
)
from tests.workbench_factories import palmyra_dispute

pytestmark = pytest.mark.django_db


def _verdict():
    return VerdictRating.objects.get(key="false")


def _ready_to_publish(d):
    Assertion.objects.filter(pk=d["claim"].pk).update(verdict=_verdict(), rationale="Satellite images.",
                                                      status=Status.REVIEWED)


def _published(d):
    Assertion.objects.filter(pk=d["claim"].pk).update(verdict=_verdict(), rationale="Satellite images.",
                                                      status=Status.PUBLISHED)


def _failed_batch(d):
    folder = Path(tempfile.mkdtemp(prefix="fc-roles-"))
    item = folder / "council.txt"
    item.write_text("The mayor said the budget was balanced. The opposition denied that the budget was balanced.")
    d["batch"] = ImportBatch.objects.create(source="council.txt", status=ImportBatch.Status.FAILED, total=1,
                                            pending=[{"name": "council.txt", "path": str(item), "count": 1}])


def _claim(d):
    return Assertion.objects.get(pk=d["claim"].pk)


# name: (prepare, url, data, editor may)
ACTIONS = {
    "annotate": (None, lambda d: reverse("annotate", args=[d["article"].pk]), lambda d: {
        "quote": d["claim"].quote, "prefix": "", "suffix": "", "start": d["claim"].start, "end": d["claim"].end,
        "body": "Check the satellite images.", "assertion": d["claim"].pk}, True),
    "status in progress": (None, lambda d: reverse("assertion-status", args=[d["claim"].pk]), lambda d: {
        "status": Status.IN_PROGRESS, "version": _claim(d).version, "note": ""}, True),
    "status reviewed": (None, lambda d: reverse("assertion-status", args=[d["claim"].pk]), lambda d: {
        "status": Status.REVIEWED, "version": _claim(d).version, "note": ""}, True),
    "verdict": (None, lambda d: reverse("assertion-verdict", args=[d["claim"].pk]), lambda d: {
        "verdict": _verdict().pk, "rationale": "Satellite images show the citadel hit.", "version": _claim(d).version},
        True),
    "correct": (None, lambda d: reverse("assertion-correct", args=[d["claim"].pk]), lambda d: {
        "speaker_name": "Moscow officials", "side": d["russia"].pk, "stance": "assert", "start": d["claim"].start,
        "end": d["claim"].end, "version": _claim(d).version, "note": "Named in the wire copy."}, True),
    "link source": (None, lambda d: reverse("assertion-source", args=[d["claim"].pk]), lambda d: {
        "url": "https://example.org/satellite", "title": "Satellite images", "publisher": "Example",
        "role": "refutes", "note": ""}, True),
    "pair by hand": (None, lambda d: reverse("assertion-pair", args=[d["claim"].pk]), lambda d: {
        "other": d["denial"].pk, "relation": "denies", "note": "The denial answers the claim."}, True),
    "decide pair": (None, lambda d: reverse("opposition-decide", args=[d["first"].pk]), lambda d: {
        "decision": "accepted", "version": Opposition.objects.get(pk=d["first"].pk).version, "note": ""}, True),
    "import pasted text": (None, lambda d: reverse("import"), lambda d: {
        "action": "paste", "paste-title": "Council row", "paste-text":
        "The mayor said the budget was balanced. The opposition denied that the budget was balanced."}, True),
    "resume import": (_failed_batch, lambda d: reverse("import-batch", args=[d["batch"].pk]), lambda d: {
        "action": "resume"}, True),
    "publish": (_ready_to_publish, lambda d: reverse("assertion-status", args=[d["claim"].pk]), lambda d: {
        "status": Status.PUBLISHED, "version": _claim(d).version, "note": ""}, False),
    "pause": (_ready_to_publish, lambda d: reverse("assertion-status", args=[d["claim"].pk]), lambda d: {
        "status": Status.PAUSED, "version": _claim(d).version, "note": ""}, False),
    "unpublish": (_published, lambda d: reverse("assertion-status", args=[d["claim"].pk]), lambda d: {
        "status": Status.REVIEWED, "version": _claim(d).version, "note": ""}, False),
}
ROLES = ["anonymous", "viewer", "editor", "reviewer", "admin_user"]


def snapshot():
    return {
        "history": History.objects.count(),
        "assertions": list(Assertion.objects.order_by("pk").values_list(
            "pk", "status", "verdict_id", "rationale", "version", "speaker_id", "side_id", "stance", "start", "end")),
        "oppositions": list(Opposition.objects.order_by("pk").values_list("pk", "decision", "version", "dispute_id")),
        "annotations": Annotation.objects.count(),
        "sources": SourceLink.objects.count(),
        "articles": Article.objects.count(),
        "batches": list(ImportBatch.objects.order_by("pk").values_list("pk", "status", "processed")),
    }


def expected(role: str, editor_may: bool) -> str:
    if role == "anonymous":
        return "login"
    if role == "viewer":
        return "refused"
    if role == "editor":
        return "allowed" if editor_may else "refused"
    return "allowed"


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_role_may_do_exactly_what_its_role_allows(client, request, action, role, htmx):
    prepare, url, data, editor_may = ACTIONS[action]
    d = palmyra_dispute()
    if prepare:
        prepare(d)
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    before = snapshot()
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.post(url(d), data(d), **headers)
    outcome = expected(role, editor_may)

    if outcome == "login":
        assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
        assert snapshot() == before
    elif outcome == "refused":
        assert response.status_code == 403, response.content.decode()[:500]
        assert snapshot() == before, "a refused action changed something"
    else:
        assert response.status_code in (200, 204, 302), response.content.decode()[:500]
        after = snapshot()
        assert after != before, "an allowed action changed nothing"
        assert after["history"] > before["history"], "a change without its History row"


def test_the_matrix_covers_every_state_changing_url():
    # A new POST endpoint must be added to ACTIONS (or here, with the reason it is not a write).
    from tests.test_security import ROUTES

    not_writes = {"login", "logout", "queue", "article", "dispute", "export-dispute", "export-article",
                  "export-queue", "export-all", "public-dispute-report", "public-article-report", "admin",
                  None}
    covered = {"annotate", "assertion-status", "assertion-verdict", "assertion-correct", "assertion-source",
               "assertion-pair", "opposition-decide", "import", "import-batch"}
    names = {name for _, name, _ in ROUTES}
    assert names - not_writes - covered == set(), "state-changing URLs missing from the roles matrix"


def test_the_admin_site_cannot_change_a_published_verdict_behind_the_workbench(client, admin_user):
    # The admin would skip the publish lock, the version check and the History row.
    from django.forms.models import model_to_dict

    d = palmyra_dispute()
    _published(d)
    client.force_login(admin_user)
    url = reverse("admin:factcheck_assertion_change", args=[d["claim"].pk])
    page = client.get(url).content.decode()
    for field in ("status", "verdict", "rationale"):
        assert f'name="{field}"' not in page
    data = {k: v for k, v in model_to_dict(_claim(d)).items() if v is not None}
    data.update(status="unreviewed", verdict="", rationale="Changed in the admin.", checkworthiness=0.11)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    claim = _claim(d)
    assert claim.checkworthiness == 0.11  # the form was saved...
    assert (claim.status, claim.verdict_id, claim.rationale) == (Status.PUBLISHED, _verdict().pk, "Satellite images.")


def test_the_admin_site_cannot_decide_a_pair_behind_the_workbench(client, admin_user):
    d = palmyra_dispute()
    client.force_login(admin_user)
    page = client.get(reverse("admin:factcheck_opposition_change", args=[d["first"].pk])).content.decode()
    assert 'name="decision"' not in page

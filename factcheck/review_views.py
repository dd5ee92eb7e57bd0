"""The workbench's actions: one small view per editor action, each a plain POST that htmx also
sends. One access helper per object checks the permission; the service in review.py checks again,
changes the row and writes the history. Without JavaScript the answer is a redirect; with htmx it
is the fragment that changed. A stale edit answers 409 with both versions shown; a refusal, 403.
"""
from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from . import review
from .forms import AnnotationForm, CorrectionForm, DecisionForm, PairForm, SourceForm, StatusForm, VerdictForm
from .models import Article, Assertion, Opposition
from .review import StaleEdit
from .views import _dispute_context, _panel_context, _render_reader


def refusals(view):
    """A refused action answers 403 and says why (a locked verdict is not a missing right); htmx
    shows the reason in the flash area instead of swapping it into the form."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refused:
            reason = str(refused) or "Your account may not do this."
            response = render(request, "factcheck/refused.html#reason" if request.htmx else "factcheck/refused.html",
                              {"reason": reason}, status=403)
            if request.htmx:
                response = reswap(retarget(response, "#flash"), "innerHTML")
            return response

    return wrapper


def _get_assertion_for_edit(request: HttpRequest, pk: int, perm: str = review.EDIT_ASSERTION) -> Assertion:
    if not request.user.has_perm(perm):
        raise PermissionDenied("You are not allowed to change assertions.")
    return get_object_or_404(Assertion.objects.select_related("article", "speaker", "side", "verdict"), pk=pk)


def _get_opposition_for_edit(request: HttpRequest, pk: int) -> Opposition:
    if not request.user.has_perm(review.EDIT_OPPOSITION):
        raise PermissionDenied("You are not allowed to decide pairs.")
    return get_object_or_404(Opposition, pk=pk)


def _get_article_for_annotation(request: HttpRequest, pk: int) -> Article:
    if not request.user.has_perm(review.ADD_ANNOTATION):
        raise PermissionDenied("You are not allowed to annotate.")
    return get_object_or_404(Article, pk=pk)


def _with_version(form, version: int):
    """The same form, bound to what the user typed, now based on the current version: sending it
    again is a deliberate overwrite of what the other editor saved."""
    data = form.data.copy()
    data["version"] = str(version)
    return form.__class__(data, auto_id=form.auto_id)


def _panel_answer(request: HttpRequest, assertion: Assertion, *, status: int = 200, message: str = "",
                  **forms) -> HttpResponse:
    """Success (status 200): htmx gets the refreshed panel, a plain POST a redirect. A refusal
    (409 or 422) re-renders the panel, or the whole reader without JavaScript, with the forms as the
    user filled them."""
    if status == 200 and not request.htmx:
        if message:
            messages.success(request, message)
        return redirect(f"{reverse('article', args=[assertion.article_id])}?assertion={assertion.pk}#panel")
    context = _panel_context(request, assertion, flash=message, flash_is_error=status >= 400, **forms)
    if request.htmx:
        return render(request, "factcheck/article.html#assertion-panel", context, status=status)
    return _render_reader(request, assertion.article_id, assertion.pk, status=status, panel=context)


def _errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@require_POST
@refusals
def set_status(request: HttpRequest, pk: int) -> HttpResponse:
    assertion = _get_assertion_for_edit(request, pk)
    form = StatusForm(request.POST, auto_id="status_%s")
    if not form.is_valid():
        return _panel_answer(request, assertion, status=422, message=_errors(form), status_form=form)
    try:
        review.set_status(assertion=assertion, status=form.cleaned_data["status"], user=request.user,
                          version=form.cleaned_data["version"], note=form.cleaned_data["note"])
    except StaleEdit as stale:
        return _panel_answer(request, stale.current, status=409, conflict=stale.current,
                             status_form=_with_version(form, stale.current.version))
    except ValidationError as e:
        return _panel_answer(request, assertion, status=422, message=" ".join(e.messages), status_form=form)
    return _panel_answer(request, assertion, message=f"Status: {assertion.get_status_display()}.")


@require_POST
@refusals
def set_verdict(request: HttpRequest, pk: int) -> HttpResponse:
    assertion = _get_assertion_for_edit(request, pk)
    form = VerdictForm(request.POST, auto_id="verdict_%s")
    if not form.is_valid():
        return _panel_answer(request, assertion, status=422, message=_errors(form), verdict_form=form)
    try:
        review.set_verdict(assertion=assertion, verdict=form.cleaned_data["verdict"],
                           rationale=form.cleaned_data["rationale"], user=request.user,
                           version=form.cleaned_data["version"])
    except StaleEdit as stale:
        return _panel_answer(request, stale.current, status=409, conflict=stale.current,
                             verdict_form=_with_version(form, stale.current.version))
    return _panel_answer(request, assertion, message="Verdict saved.")


@require_POST
@refusals
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    assertion = _get_assertion_for_edit(request, pk)
    form = CorrectionForm(request.POST, auto_id="correct_%s")
    if not form.is_valid():
        return _panel_answer(request, assertion, status=422, message=_errors(form), correction_form=form)
    data = form.cleaned_data
    try:
        review.correct_assertion(assertion=assertion, user=request.user, version=data["version"],
                                 speaker_name=data["speaker_name"], side=data["side"], stance=data["stance"],
                                 start=data["start"], end=data["end"], note=data["note"])
    except StaleEdit as stale:
        return _panel_answer(request, stale.current, status=409, conflict=stale.current,
                             correction_form=_with_version(form, stale.current.version))
    except ValidationError as e:
        form.add_error(None, e)  # so the form stays open with what was typed
        return _panel_answer(request, assertion, status=422, message=" ".join(e.messages), correction_form=form)
    if request.htmx:
        # The highlighted text changes with the span: reload the reader on the corrected assertion.
        messages.success(request, "Extraction corrected.")
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return _panel_answer(request, assertion, message="Extraction corrected.")


@require_POST
@refusals
def add_source(request: HttpRequest, pk: int) -> HttpResponse:
    assertion = _get_assertion_for_edit(request, pk, review.ADD_SOURCE)
    form = SourceForm(request.POST, auto_id="source_%s")
    if not form.is_valid():
        return _panel_answer(request, assertion, status=422, message=_errors(form), source_form=form)
    try:
        review.link_source(assertion=assertion, user=request.user, **form.cleaned_data)
    except ValidationError as e:
        form.add_error(None, e)  # so "Link a source" stays open with what was typed
        return _panel_answer(request, assertion, status=422, message=" ".join(e.messages), source_form=form)
    return _panel_answer(request, assertion, message="Source linked.")


@require_POST
@refusals
def pair(request: HttpRequest, pk: int) -> HttpResponse:
    assertion = _get_assertion_for_edit(request, pk, review.EDIT_OPPOSITION)
    form = PairForm(request.POST, auto_id="pair_%s")
    if not form.is_valid():
        return _panel_answer(request, assertion, status=422, message=_errors(form), pair_form=form)
    other = Assertion.objects.select_related("speaker").filter(pk=form.cleaned_data["other"]).first()
    if other is None:
        form.add_error("other", "There is no assertion with that number.")  # keeps "Pair by hand" open
        return _panel_answer(request, assertion, status=422, message="There is no assertion with that number.",
                             pair_form=form)
    try:
        review.pair_by_hand(a=assertion, b=other, relation=form.cleaned_data["relation"],
                            note=form.cleaned_data["note"], user=request.user)
    except ValidationError as e:
        form.add_error(None, e)
        return _panel_answer(request, assertion, status=422, message=" ".join(e.messages), pair_form=form)
    return _panel_answer(request, assertion, message=f"Paired with #{other.pk}.")


def _next_url(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@require_POST
@refusals
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    opposition = _get_opposition_for_edit(request, pk)
    form = DecisionForm(request.POST)
    status, message = 200, ""
    if not form.is_valid():
        status, message = 422, _errors(form)
    else:
        try:
            review.decide_opposition(opposition=opposition, decision=form.cleaned_data["decision"], user=request.user,
                                     version=form.cleaned_data["version"], note=form.cleaned_data["note"])
            message = f"Pair {opposition.get_decision_display().lower()}."
        except StaleEdit as stale:
            opposition = stale.current
            who = stale.current.decided_by.get_username() if stale.current.decided_by_id else "someone"
            status = 409
            message = f"{who} changed this pair first: it is now {stale.current.get_decision_display().lower()}."
    fallback = opposition.dispute.get_absolute_url() if opposition.dispute_id else reverse("queue")
    if not request.htmx:
        if status == 200:
            messages.success(request, message)
            target = _next_url(request, fallback)
            if "#" not in target:
                # Back to the pair just decided, not to the top of a long dispute page.
                target += f"#pair-{opposition.pk}"
            return HttpResponseRedirect(target)
        if opposition.dispute_id:
            # The whole dispute again, the refused pair saying why and keeping the note typed.
            page = _dispute_context(opposition.dispute)
            for o in page["oppositions"]:
                if o.pk == opposition.pk:
                    o.flash, o.kept_note = message, request.POST.get("note", "")
            return render(request, "factcheck/dispute.html", page, status=status)
        messages.error(request, message)
        return HttpResponseRedirect(_next_url(request, fallback))
    opposition = Opposition.objects.select_related(
        "a__speaker", "a__side", "a__article", "b__speaker", "b__side", "b__article", "decided_by", "dispute"
    ).defer("a__article__text", "a__article__html", "b__article__text", "b__article__html").get(pk=opposition.pk)
    if status != 200:
        opposition.kept_note = request.POST.get("note", "")
    context = {"o": opposition, "flash": message, "flash_is_error": status >= 400, "next": _next_url(request, fallback),
               "can_edit": True,
               "view": request.POST.get("view", "")}
    if request.POST.get("view") == "dispute" and opposition.dispute_id:
        # The map and the count of pairs to decide change with the decision: swap them too.
        page = _dispute_context(opposition.dispute)
        context.update(map=page["map"], sides=page["sides"], oppositions=page["oppositions"],
                       pending=page["pending"], dispute=page["dispute"], oob_map=True)
    return render(request, "factcheck/_pair.html", context, status=status)


@require_POST
@refusals
def annotate(request: HttpRequest, pk: int) -> HttpResponse:
    article_obj = _get_article_for_annotation(request, pk)
    form = AnnotationForm(request.POST, auto_id="note_%s")
    assertion = None
    if form.is_valid() and form.cleaned_data.get("assertion"):
        assertion = Assertion.objects.filter(pk=form.cleaned_data["assertion"], article=article_obj).first()
    error = "" if form.is_valid() else _errors(form)
    if not error:
        try:
            note = review.annotate(article=article_obj, user=request.user, assertion=assertion,
                                   **{k: form.cleaned_data[k] for k in ("quote", "prefix", "suffix", "start", "end", "body")})
        except ValidationError as e:
            error = " ".join(e.messages)
    if error:
        if request.htmx:
            return render(request, "factcheck/article.html#annotate-form",
                          {"article": article_obj, "annotation_form": form, "note_error": error,
                           "can_annotate": True}, status=422)
        return _render_reader(request, pk, assertion.pk if assertion else None, status=422, annotation_form=form)
    # A new query string, not just a new fragment, so that htmx's redirect really reloads the page.
    target = reverse("article", args=[pk]) + (f"?assertion={assertion.pk}&" if assertion else "?") + f"note={note.pk}#notes"
    messages.success(request, "Note saved.")  # shown by the reloaded page, with or without htmx
    if request.htmx:
        # New marks change the highlighted text: reload the reader.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)

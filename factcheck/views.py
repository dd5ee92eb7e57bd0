"""The editors' workbench: thin function views; htmx requests get a partial."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Article, Assertion, Dispute, Opposition


def queue(request: HttpRequest) -> HttpResponse:
    disputes = Paginator(Dispute.objects.order_by("-score", "-updated_at"), 25).get_page(request.GET.get("page"))
    articles = Article.objects.order_by("-imported_at")[:50]
    return render(request, "factcheck/queue.html", {"disputes": disputes, "articles": articles})


def article(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(Article, pk=pk)
    assertions = list(Assertion.objects.filter(article=obj).select_related("speaker", "side", "verdict"))
    return render(request, "factcheck/article.html", {"article": obj, "assertions": assertions})


def dispute(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(Dispute, pk=pk)
    oppositions = Opposition.objects.filter(dispute=obj).select_related("a__article", "b__article", "a__side", "b__side")
    return render(request, "factcheck/dispute.html", {"dispute": obj, "oppositions": oppositions})

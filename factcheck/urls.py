from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.generic import RedirectView

from . import export_views, review_views, views
from . import import_views
from .auth_views import ThrottledLoginView

urlpatterns = [
    path("", views.queue, name="queue"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("disputes/<int:pk>/", views.dispute, name="dispute"),
    # The workbench's actions: plain POSTs that htmx also sends (review_views.py, review.py).
    path("articles/<int:pk>/annotate/", review_views.annotate, name="annotate"),
    path("assertions/<int:pk>/status/", review_views.set_status, name="assertion-status"),
    path("assertions/<int:pk>/verdict/", review_views.set_verdict, name="assertion-verdict"),
    path("assertions/<int:pk>/correct/", review_views.correct, name="assertion-correct"),
    path("assertions/<int:pk>/sources/", review_views.add_source, name="assertion-source"),
    path("assertions/<int:pk>/pair/", review_views.pair, name="assertion-pair"),
    path("oppositions/<int:pk>/decide/", review_views.decide, name="opposition-decide"),
    path("import/", import_views.import_page, name="import"),
    path("import/batches/<int:pk>/", import_views.import_batch, name="import-batch"),
    # Verdict report downloads (see export_views.py) and the public report pages.
    path("export/dispute/<int:pk>/<str:fmt>/", export_views.export_dispute, name="export-dispute"),
    path("export/article/<int:pk>/<str:fmt>/", export_views.export_article, name="export-article"),
    path("export/queue/<str:fmt>/", export_views.export_queue, name="export-queue"),
    path("export/all/<str:fmt>/", export_views.export_all, name="export-all"),
    path("reports/disputes/<int:pk>/", export_views.public_dispute_report, name="public-dispute-report"),
    path("reports/articles/<int:pk>/", export_views.public_article_report, name="public-article-report"),
    path("login/", ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The admin's own login form would bypass the throttling: send it to ours.
    path("admin/login/", login_not_required(RedirectView.as_view(pattern_name="login", query_string=True))),
    path("admin/", admin.site.urls),
]

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.generic import RedirectView

from . import views
from .auth_views import ThrottledLoginView

urlpatterns = [
    path("", views.queue, name="queue"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("disputes/<int:pk>/", views.dispute, name="dispute"),
    path("login/", ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The admin's own login form would bypass the throttling: send it to ours.
    path("admin/login/", login_not_required(RedirectView.as_view(pattern_name="login", query_string=True))),
    path("admin/", admin.site.urls),
]

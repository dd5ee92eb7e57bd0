from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("", views.queue, name="queue"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("disputes/<int:pk>/", views.dispute, name="dispute"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]

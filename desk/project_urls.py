"""The holder's project pages ("My projects"), on the public site, in French first."""

from django.urls import path

from . import project_views as views

app_name = "projects"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("nouveau/", views.create, name="create"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/modifier/", views.edit, name="edit"),
    path("<uuid:public_id>/membres/", views.members, name="members"),
    path("<uuid:public_id>/vitrine/", views.showcase, name="showcase"),
]

from django.urls import path

from . import citation_views, views

app_name = "desk"

urlpatterns = [
    path("", views.my_requests, name="my_requests"),
    path("nouvelle/", views.create, name="create"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/repondre/", views.reply, name="reply"),
    path("<uuid:public_id>/accepter/", views.accept, name="accept"),
    path("<uuid:public_id>/relancer/", views.follow_up, name="follow_up"),
    path("<uuid:public_id>/modifier/", views.edit, name="edit"),
    path("<uuid:public_id>/retirer/", views.withdraw, name="withdraw"),
    path("<uuid:public_id>/pieces/<int:pk>/", views.attachment, name="attachment"),
    path(
        "<uuid:public_id>/sources/<int:pk>/",
        citation_views.cited_page_changes,
        name="cited_page_changes",
    ),
]

from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("<int:page_id>/", views.vote, name="vote"),
    path("<int:page_id>/merci/", views.thanks, name="thanks"),
    path("<int:page_id>/commentaire/", views.comment, name="comment"),
]

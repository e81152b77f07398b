from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("telecharger/", views.download, name="download"),
    path("supprimer/", views.delete, name="delete"),
]

"""A URLconf whose only view fails, to exercise the 500 page."""

from django.urls import path


def boom(request):
    raise RuntimeError("deliberate failure")


urlpatterns = [path("boom/", boom)]

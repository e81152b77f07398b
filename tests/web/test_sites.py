"""The site of a request comes from the page cache, and is forgotten when a site changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def site_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in queries if "wagtailcore_site" in q["sql"]]


def test_the_site_is_looked_up_once_then_kept(client, home):
    # The search page is never in the page cache: each visit renders it.
    first_response, first = site_queries(client, reverse("search:search"))
    assert first  # the lookup (and the root paths Wagtail keeps in its own cache)
    response, second = site_queries(client, reverse("search:search"))
    assert second == []
    assert response.content == first_response.content


def test_a_changed_site_is_seen_on_the_next_request(
    client, home, django_capture_on_commit_callbacks
):
    client.get(reverse("search:search"))
    site = Site.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        site.site_name = "Portail TRI des Hauts-de-France"
        site.save()
    response, queries = site_queries(client, reverse("search:search"))
    assert queries
    assert "Portail TRI des Hauts-de-France" in response.content.decode()


def test_a_request_for_an_unknown_host_is_refused_not_broken(client, home):
    response = client.get(reverse("search:search"), HTTP_HOST="attacker.example")
    assert response.status_code == 400

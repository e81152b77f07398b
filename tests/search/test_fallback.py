"""When the engine is down or unreachable, search answers from the database."""

import pytest
from django.urls import reverse

from search import indexing
from search.models import PendingEngineUpdate, SearchDocument

pytestmark = pytest.mark.django_db

CLOSED_PORT = "http://127.0.0.1:9"  # discard: nothing listens there


@pytest.fixture(params=["opensearch", "elasticsearch"])
def engine_down(request, settings, home):
    settings.SEARCH_URL = ""
    from tests.search.conftest import build_corpus

    corpus = build_corpus(home)
    settings.SEARCH_URL = CLOSED_PORT
    settings.SEARCH_ENGINE = request.param
    settings.SEARCH_TIMEOUT = 1
    return corpus


def test_search_page_answers_from_the_database(client, engine_down):
    response = client.get(reverse("search:search"), {"q": "énergie renouvelable"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Produire une énergie renouvelable locale" in html
    assert "embedded search" in html or "recherche intégrée" in html


def test_api_answers_from_the_database(client, engine_down):
    response = client.get("/api/v1/search", {"q": "énergie"})
    assert response.status_code == 200
    body = response.json()
    assert body["backend"] == "database" and body["notice"]
    assert body["total"] >= 1
    suggestions = client.get("/api/v1/search/suggest", {"q": "autoconsommation"})
    assert suggestions.status_code == 200 and suggestions.json()


def test_missed_updates_are_kept_for_replay(engine_down):
    page_id = engine_down["solar"].pk
    indexing.update_page(page_id)
    assert SearchDocument.objects.filter(pk=page_id).exists()  # the database is current
    assert PendingEngineUpdate.objects.filter(page_id=page_id).exists()
    assert indexing.replay_pending() == 0  # still down: nothing lost
    assert PendingEngineUpdate.objects.filter(page_id=page_id).exists()

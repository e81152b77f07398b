"""A hung engine costs the site one timeout per period, not one per search
(search/breaker.py): after `SEARCH_BREAKER_FAILURES` failures the engine is left alone
(searches, suggestions and index updates go to the database at once, updates kept for
replay); after `SEARCH_BREAKER_SECONDS` one trial call goes through. Measured by the
connections the hung engine is offered, not by timings."""

import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from search import breaker, indexing
from search.models import PendingEngineUpdate
from tests.search.stalling import StallingServer

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["opensearch", "elasticsearch"])
def hung_engine(request, settings, home):
    from tests.search.conftest import build_corpus

    settings.SEARCH_URL = ""
    corpus = build_corpus(home)
    server = StallingServer()
    settings.SEARCH_URL = server.url
    settings.SEARCH_ENGINE = request.param
    settings.SEARCH_TIMEOUT = 0.5
    settings.SEARCH_BREAKER_FAILURES = 2
    settings.SEARCH_BREAKER_SECONDS = 300
    cache.clear()
    yield server, corpus
    server.close()


def _search(client):
    response = client.get(reverse("search:search"), {"q": "énergie renouvelable"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Produire une énergie renouvelable locale" in html  # the database answered
    return html


def test_after_two_timeouts_the_engine_is_left_alone(client, hung_engine):
    server, corpus = hung_engine
    _search(client)
    _search(client)
    assert server.connections == 2 and breaker.state() == "open"
    for _ in range(5):
        _search(client)
    suggestions = client.get("/api/v1/search/suggest", {"q": "autoconsommation"})
    assert suggestions.status_code == 200 and suggestions.json()
    indexing.update_page(corpus["solar"].pk)
    assert PendingEngineUpdate.objects.filter(page_id=corpus["solar"].pk).exists()
    assert server.connections == 2  # nothing more was sent to the hung engine


def test_half_open_one_trial_then_open_again(client, hung_engine):
    server, _corpus = hung_engine
    _search(client)
    _search(client)
    assert breaker.state() == "open"
    cache.set(breaker.OPEN_UNTIL, time.time() - 1, timeout=None)  # the period is over
    assert breaker.state() == "half-open"
    _search(client)
    assert server.connections == 3  # one trial
    assert breaker.state() == "open"  # it failed: open again, at once
    _search(client)
    assert server.connections == 3


def test_a_trial_at_a_time(hung_engine):
    cache.set(breaker.OPEN_UNTIL, time.time() - 1, timeout=None)
    assert breaker.allow() is True
    assert breaker.allow() is False  # another process, while the trial runs


def test_a_failing_cache_leaves_the_breaker_closed(monkeypatch, settings):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    for name in ("get", "get_many", "add", "incr", "set", "delete", "delete_many"):
        monkeypatch.setattr(cache, name, broken)
    assert breaker.allow() is True
    breaker.failed()
    breaker.succeeded()
    assert breaker.state() == "closed"


def test_a_failing_cache_never_fails_a_search(hung_engine, monkeypatch):
    from search import service
    from search.query import SearchQuery

    server, _corpus = hung_engine

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    for name in ("get", "get_many", "add", "incr", "set", "delete", "delete_many"):
        monkeypatch.setattr(cache, name, broken)
    # The engine is tried (the breaker cannot open without its cache), then the database.
    results = service.search(SearchQuery(text="énergie renouvelable"))
    assert results.backend == "database" and results.total >= 1
    assert server.connections == 1

"""The engine's faults on a real node (`make test-engine`): no index, a stray index the
engine made itself, a write refused (403), and the breaker closing when the engine is
back. Skipped without SEARCH_URL, failed with SEARCH_ENGINE_REQUIRED."""

import os
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from search import breaker, indexing
from search.backends.engine import EngineBackend
from search.models import PendingEngineUpdate
from search.query import SearchQuery
from tests.search.conftest import ENGINE_URL, build_corpus, require_engine
from tests.search.stalling import StallingServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine(settings, home):
    require_engine()
    settings.SEARCH_URL = ENGINE_URL
    settings.SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "opensearch")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    settings.SEARCH_INDEX = f"trihub-faults-{worker}"
    cache.clear()
    backend = EngineBackend(breaker=False)
    _drop_everything(backend)
    corpus = build_corpus(home)
    yield backend, corpus
    _drop_everything(backend)


def _drop_everything(backend):
    client = backend.gateway.client
    client.indices.delete(index=f"{backend.alias}*", ignore_unavailable=True)
    if client.indices.exists(index=backend.alias):
        client.indices.delete(index=backend.alias)


def _concrete_indices(backend):
    return sorted(backend.gateway.client.indices.get(index=f"{backend.alias}*").keys())


def test_no_index_searches_answer_and_the_index_is_made_and_filled(client, engine):
    backend, corpus = engine
    _drop_everything(backend)
    response = client.get(reverse("search:search"), {"q": "énergie renouvelable"})
    assert response.status_code == 200
    assert "Produire une énergie renouvelable locale" in response.content.decode()
    api = client.get("/api/v1/search", {"q": "énergie"})
    assert api.status_code == 200 and api.json()["total"] >= 1
    # The alias is back, on an index of ours (never one the engine made by itself), and
    # the refill (run at once by the test settings' task backend) filled it.
    targets = backend.gateway.alias_targets(backend.alias)
    assert targets and backend.alias not in targets
    answered = client.get("/api/v1/search", {"q": "énergie renouvelable"}).json()
    assert answered["backend"] == "engine" and answered["total"] >= 1


def test_an_update_without_index_never_lets_the_engine_make_one(engine):
    backend, corpus = engine
    _drop_everything(backend)
    indexing.update_page(corpus["solar"].pk)
    assert backend.alias not in _concrete_indices(backend)
    assert backend.gateway.alias_targets(backend.alias)
    assert not PendingEngineUpdate.objects.exists()


def test_a_stray_index_named_as_the_alias_is_replaced(engine):
    backend, corpus = engine
    _drop_everything(backend)
    backend.gateway.client.index(index=backend.alias, id=1, body={"title": "auto"})
    assert backend.alias in _concrete_indices(backend)
    indexing.rebuild()  # used to fail with invalid_alias_name_exception
    assert backend.alias not in _concrete_indices(backend)
    assert backend.gateway.alias_targets(backend.alias)
    assert EngineBackend().search(SearchQuery(text="énergie")).total >= 1


def test_a_refused_write_is_kept_for_replay(engine):
    backend, corpus = engine
    client = backend.gateway.client
    (index,) = backend.gateway.alias_targets(backend.alias)
    client.indices.put_settings(index=index, body={"index.blocks.write": True})
    try:
        indexing.update_page(corpus["solar"].pk)  # 403 from the engine: no error here
        assert PendingEngineUpdate.objects.filter(page_id=corpus["solar"].pk).exists()
        assert breaker.state() == "closed"  # it answered: a refusal is not an outage
    finally:
        client.indices.put_settings(index=index, body={"index.blocks.write": False})
    assert indexing.replay_pending() == 1
    assert not PendingEngineUpdate.objects.exists()


def test_the_breaker_closes_when_the_engine_answers_again(client, engine, settings):
    backend, _corpus = engine
    server = StallingServer()
    try:
        settings.SEARCH_URL = server.url
        settings.SEARCH_TIMEOUT = 0.5
        settings.SEARCH_BREAKER_FAILURES = 1
        client.get(reverse("search:search"), {"q": "énergie"})
        assert breaker.state() == "open"
    finally:
        server.close()
    settings.SEARCH_URL = ENGINE_URL
    cache.set(breaker.OPEN_UNTIL, time.time() - 1, timeout=None)
    answered = client.get("/api/v1/search", {"q": "énergie"}).json()
    assert answered["backend"] == "engine"
    assert breaker.state() == "closed"

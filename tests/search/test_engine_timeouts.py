"""A search waits `SEARCH_TIMEOUT` at most; a rebuild (the operator's, the worker's
refill, `load_content`'s) waits `SEARCH_BULK_TIMEOUT`: with the search's 1 s, a node just
started made `load_content` fail in the fault suite."""

import pytest

from search import indexing
from search.backends.engine import EngineBackend


def _timeout(backend):
    client = backend.gateway.client
    if hasattr(client, "_request_timeout"):  # Elasticsearch
        return client._request_timeout
    return client.transport.connection_pool.connections[0].timeout  # OpenSearch


@pytest.mark.parametrize("engine", ["opensearch", "elasticsearch"])
def test_a_rebuild_waits_longer_than_a_search(settings, engine):
    settings.SEARCH_URL = "http://127.0.0.1:9"
    settings.SEARCH_ENGINE = engine
    settings.SEARCH_TIMEOUT = 1
    settings.SEARCH_BULK_TIMEOUT = 60
    assert _timeout(EngineBackend()) == 1
    assert _timeout(EngineBackend(bulk=True)) == 60


@pytest.mark.django_db
def test_the_rebuilds_use_the_bulk_timeout(settings, monkeypatch):
    settings.SEARCH_URL = "http://127.0.0.1:9"
    made = []

    class Recorded(EngineBackend):
        def __init__(self, **options):
            made.append(options)
            super().__init__(**options)

        def rebuild(self, documents):
            list(documents)

    monkeypatch.setattr(indexing, "EngineBackend", Recorded)
    indexing.refill_engine()
    assert made == [{"breaker": True, "bulk": True}]
    made.clear()
    indexing.rebuild()
    assert made == [{"breaker": False, "bulk": True}]

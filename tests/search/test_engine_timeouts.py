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


@pytest.mark.django_db
def test_an_update_during_a_rebuild_is_kept_for_replay_not_written_to_the_old_index(
    settings, monkeypatch
):
    """Written meanwhile, it would go to the index the alias is about to leave."""
    from django.core.cache import cache

    from search.backends.engine import REBUILDING, Gateway
    from search.models import PendingEngineUpdate, SearchDocument

    settings.SEARCH_URL = "http://127.0.0.1:9"

    def never(*args, **kwargs):
        raise AssertionError("written to the engine during a rebuild")

    monkeypatch.setattr(Gateway, "index_document", never)
    monkeypatch.setattr(Gateway, "delete_document", never)
    document = SearchDocument.objects.create(page_id=1, kind="guide", title="Guide", url="/g/")
    cache.set(REBUILDING, True)
    assert indexing._send_to_engine(document.pk) is False
    SearchDocument.objects.filter(pk=1).delete()
    assert indexing._send_to_engine(1) is False
    assert PendingEngineUpdate.objects.filter(page_id=1).count() == 1

"""The one search service: the public page, the API and the request form's
suggestions all call `search` and `suggest`.

With SEARCH_URL set the engine answers; if it is down or too slow, the database
answers instead, with a notice, and never an error page.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import query_privacy, statistics
from .backends.database import DatabaseBackend
from .backends.engine import EngineBackend, EngineUnavailable
from .breaker import guarded
from .models import PendingEngineUpdate, ZeroResultQuery
from .query import MAX_QUERY_LENGTH, SearchQuery

logger = logging.getLogger(__name__)

# Set while a replay of the engine's missed updates is queued or recent.
REPLAY_QUEUED = "search:engine-replay-queued"


def _with_fallback(operation):
    """Run `operation(backend)` on the engine if configured, else (or if it fails)
    on the database. Returns (result, fell_back)."""
    if settings.SEARCH_URL:
        try:
            result = operation(EngineBackend())
        except EngineUnavailable as error:
            logger.warning("Search engine unavailable, answering from the database: %s", error)
            return operation(DatabaseBackend()), True
        replay_due = guarded(lambda: cache.add(REPLAY_QUEUED, True, timeout=60), False)
        if replay_due and PendingEngineUpdate.objects.exists():
            from .tasks import replay_engine_updates_task

            replay_engine_updates_task.enqueue()
        return result, False
    return operation(DatabaseBackend()), False


def search(query: SearchQuery, record=True):
    results, fell_back = _with_fallback(lambda backend: backend.search(query))
    if fell_back:
        results.notice = _(
            "The search engine is not answering: these results come from the simpler "
            "embedded search."
        )
    if record and query.text and not results.total and not query.filters:
        record_zero_result(query.text)
    if record:
        statistics.record_search(query, results.total)
    return results


def suggest(text, limit=5):
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    if len(text) < 3:
        return []
    suggestions, _fell_back = _with_fallback(lambda backend: backend.suggest(text, limit=limit))
    return suggestions


def record_zero_result(text):
    """Count a search that found nothing; never let it fail the search. Words that may
    not be kept (`query_privacy`) are not: the statistics count them, withheld."""
    text = text.strip().lower()[:200]
    if not query_privacy.may_keep(text):
        return
    now = timezone.now()
    try:
        with transaction.atomic():
            updated = ZeroResultQuery.objects.filter(query=text).update(
                count=F("count") + 1, last_seen=now
            )
            if not updated:
                ZeroResultQuery.objects.create(query=text, first_seen=now, last_seen=now)
    except IntegrityError:  # created meanwhile by a concurrent search
        ZeroResultQuery.objects.filter(query=text).update(count=F("count") + 1, last_seen=now)

"""The one search service: the public page, the API and the request form's
suggestions all call `search` and `suggest`."""

import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .backends.database import DatabaseBackend
from .models import ZeroResultQuery
from .query import MAX_QUERY_LENGTH, SearchQuery

logger = logging.getLogger(__name__)


def get_backend():
    return DatabaseBackend()


def search(query: SearchQuery, record=True):
    results = get_backend().search(query)
    if record and query.text and not results.total and not query.filters:
        record_zero_result(query.text)
    return results


def suggest(text, limit=5):
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    if len(text) < 3:
        return []
    return get_backend().suggest(text, limit=limit)


def record_zero_result(text):
    """Count a search that found nothing; never let it fail the search."""
    text = text.strip().lower()[:200]
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

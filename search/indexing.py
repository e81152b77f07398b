"""Keeping the index true: one function per change, run in background tasks.

The database index (SearchDocument and its full-text data) is always updated; it is
the source of truth. When an engine is configured, the same document is sent to it;
if the engine is down, the page is remembered and replayed when it answers again.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from . import vocabulary
from .backends.database import DatabaseBackend
from .backends.engine import EngineBackend, EngineUnavailable
from .documents import document_fields, document_relations, is_searchable
from .models import PendingEngineUpdate, SearchDocument

logger = logging.getLogger(__name__)


def engine(breaker=True, bulk=False):
    return EngineBackend(breaker=breaker, bulk=bulk) if settings.SEARCH_URL else None


def _send_to_engine(page_id):
    """Mirror the page's document (or its absence) in the engine; False if it is down."""
    backend = engine()
    if backend is None:
        return True
    document = SearchDocument.objects.filter(pk=page_id).first()
    try:
        if document is None:
            backend.remove(page_id)
        else:
            backend.index(document)
    except EngineUnavailable as error:
        logger.warning("Search engine missed page %s: %s", page_id, error)
        # When it was last missed: a rebuild drops what it missed before reading the pages.
        PendingEngineUpdate.objects.update_or_create(
            page_id=page_id, defaults={"created_at": timezone.now()}
        )
        return False
    return True


@transaction.atomic
def _update_database(page_id, count_words=True):
    """With `count_words`, the vocabulary follows the document's words (a rebuild
    recounts them all once instead)."""
    page = Page.objects.filter(pk=page_id).specific().first()
    database = DatabaseBackend()
    before = {}
    if count_words:
        previous = SearchDocument.objects.filter(pk=page_id).values_list("title", "text").first()
        before = vocabulary.document_words(*previous) if previous else {}
    if page is None or not is_searchable(page):
        SearchDocument.objects.filter(pk=page_id).delete()
        database.remove(page_id)
        if before:
            vocabulary.record_change(before, {})
        return False
    fields = document_fields(page)
    document, _ = SearchDocument.objects.update_or_create(page_id=page.pk, defaults=fields)
    for name, values in document_relations(page).items():
        getattr(document, name).set(values)
    database.index(document)
    if count_words:
        vocabulary.record_change(before, vocabulary.document_words(fields["title"], fields["text"]))
    return True


def recount_vocabulary():
    return vocabulary.rebuild(SearchDocument.objects.values_list("title", "text").iterator())


def update_page(page_id):
    """Index the page if it is searchable, remove it from the index otherwise."""
    indexed = _update_database(page_id)
    _send_to_engine(page_id)
    return indexed


def update_subtree(page_id):
    """A move or a privacy change touches the page and everything below it."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return update_page(page_id)
    ids = list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    return sum(update_page(pk) for pk in ids)


def replay_pending():
    """Send the engine what it missed; stop at the first failure. Returns how many."""
    replayed = 0
    for pending in PendingEngineUpdate.objects.all():
        if not _send_to_engine(pending.page_id):
            break
        pending.delete()
        replayed += 1
    return replayed


def refill_engine():
    """Rebuild the engine's index from the database's documents (a new index, filled,
    then the alias swapped); what it missed meanwhile is in it."""
    backend = engine(bulk=True)
    if backend is None:
        return 0
    documents = SearchDocument.objects.prefetch_related("priorities", "territories", "bodies")
    started = timezone.now()
    backend.rebuild(documents.iterator(chunk_size=500))
    # Updates missed before the rebuild read the documents are in it.
    PendingEngineUpdate.objects.filter(created_at__lt=started).delete()
    return SearchDocument.objects.count()


def rebuild(progress=None, only_missing=False):
    """(Re)index every page in the database, then rebuild the engine's index (new
    index filled, then the alias swapped, so searches go on during the rebuild)."""
    ids = list(Page.objects.filter(depth__gt=1).order_by("path").values_list("pk", flat=True))
    if only_missing:
        existing = set(SearchDocument.objects.values_list("pk", flat=True))
        ids = [pk for pk in ids if pk not in existing]
    else:
        database = DatabaseBackend()
        stale = SearchDocument.objects.exclude(pk__in=ids)
        for page_id in stale.values_list("pk", flat=True):
            database.remove(page_id)
        stale.delete()
    indexed = 0
    for done, page_id in enumerate(ids, start=1):
        indexed += _update_database(page_id, count_words=False)
        if progress is not None:
            progress(done, len(ids))
    recount_vocabulary()
    backend = engine(breaker=False, bulk=True)  # the operator's rebuild tries it regardless
    if backend is not None and (indexed or not only_missing):
        documents = SearchDocument.objects.prefetch_related("priorities", "territories", "bodies")
        started = timezone.now()
        backend.rebuild(documents.iterator(chunk_size=500))
        # Missed before the rebuild read the documents: in it. Since: replayed.
        PendingEngineUpdate.objects.filter(created_at__lt=started).delete()
    return indexed


def reload_engine_synonyms():
    """Give the engine the synonym groups as they are now; a missed reload is caught up by
    the next rebuild, which reads them (and the next edit, which reloads them all)."""
    backend = engine()
    if backend is None:
        return 0
    try:
        return backend.reload_synonyms()
    except EngineUnavailable as error:
        logger.warning("Search engine: the synonyms could not be reloaded: %s", error)
        return 0

"""Keeping the index true: one function per change, run in background tasks."""

import logging

from django.db import transaction
from wagtail.models import Page

from .backends.database import DatabaseBackend
from .documents import document_fields, document_relations, is_searchable
from .models import SearchDocument

logger = logging.getLogger(__name__)


def backend():
    return DatabaseBackend()


@transaction.atomic
def update_page(page_id):
    """Index the page if it is searchable, remove it from the index otherwise."""
    page = Page.objects.filter(pk=page_id).specific().first()
    if page is None or not is_searchable(page):
        SearchDocument.objects.filter(pk=page_id).delete()
        backend().remove(page_id)
        return False
    document, _ = SearchDocument.objects.update_or_create(
        page_id=page.pk, defaults=document_fields(page)
    )
    for name, values in document_relations(page).items():
        getattr(document, name).set(values)
    backend().index(document)
    return True


def update_subtree(page_id):
    """A move or a privacy change touches the page and everything below it."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return update_page(page_id)
    ids = list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    return sum(update_page(pk) for pk in ids)


def rebuild(progress=None, only_missing=False):
    """(Re)index every page; `progress(done, total)` is called as it goes."""
    ids = list(Page.objects.filter(depth__gt=1).order_by("path").values_list("pk", flat=True))
    if only_missing:
        existing = set(SearchDocument.objects.values_list("pk", flat=True))
        ids = [pk for pk in ids if pk not in existing]
    else:
        stale = SearchDocument.objects.exclude(pk__in=ids)
        for page_id in stale.values_list("pk", flat=True):
            backend().remove(page_id)
        stale.delete()
    indexed = 0
    for done, page_id in enumerate(ids, start=1):
        indexed += update_page(page_id)
        if progress is not None:
            progress(done, len(ids))
    return indexed

"""When a page covers an item: the one rule, for the refresh and for publication alike.

A covering page is a live, public how-to guide or Q&A page (what the guidance search
indexes of those two kinds) whose index terms, its title's and its text's, folded and
stemmed as the database search does (`search.text`), hold:

- every term of a search that found nothing: what the database search's all-words
  match would now find;
- at least GAPS_MIN_SHARED_TERMS of the terms a group of requests shares, the number
  of terms that made them a group.

The refresh reads the terms of every indexed guide and Q&A once (`SearchDocument`'s
normalised fields, kept by the search index); a page just published is read from the
page itself (`search.documents.page_text`), so the check never waits for the index's
own task to have run first.
"""

import hashlib

from django.conf import settings

from knowledge.models import GuidePage, QuestionAnswerPage
from search.documents import is_searchable, page_text
from search.models import SearchDocument
from search.text import normalise

from .models import Kind

COVERING_TYPES = (GuidePage, QuestionAnswerPage)
COVERING_KINDS = tuple(model._meta.model_name for model in COVERING_TYPES)


def needed(item_kind, item_terms):
    """How many of an item's terms a page must hold to cover it."""
    if item_kind == Kind.REQUESTS:
        return min(len(item_terms), settings.GAPS_MIN_SHARED_TERMS)
    return len(item_terms)


def covers(page_terms, item_kind, item_terms):
    if not item_terms:
        return False
    return len(page_terms.intersection(item_terms)) >= needed(item_kind, item_terms)


def page_terms(page):
    """The index terms of a (specific) page, read from the page as published."""
    return set(normalise(page.title).split()) | set(normalise(page_text(page)).split())


def is_covering_page(page):
    return isinstance(page, COVERING_TYPES) and is_searchable(page)


def indexed_pages():
    """[(page id, its terms)] of every indexed guide and Q&A page, for one refresh."""
    documents = SearchDocument.objects.filter(kind__in=COVERING_KINDS).values_list(
        "page_id", "normalised_title", "normalised_text"
    )
    return [(page_id, set(title.split()) | set(text.split())) for page_id, title, text in documents]


def first_covering(pages, item_kind, item_terms):
    """The id of the first of `pages` ([(id, terms)]) that covers the item, or None."""
    for page_id, terms in pages:
        if covers(terms, item_kind, item_terms):
            return page_id
    return None


def fingerprint(page):
    """A digest of a page's title and text: a republication that changes it differs."""
    text = f"{page.title}\n{page_text(page)}"
    return hashlib.sha256(text.encode()).hexdigest()

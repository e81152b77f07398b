"""What of a page goes into the guidance search index.

Why two indexes: Wagtail's admin search still needs its own (`wagtailsearch_indexentry`),
while `SearchDocument` is the public site's guidance search, live public guidance only,
with French normalisation, facets and an optional OpenSearch engine. Both are read from
what the page models declare (knowledge.models.base.GuidancePage and `search_fields`).
"""

import html
import re
from datetime import datetime, time

from django.apps import apps
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from knowledge import models as km

from .text import normalise

TAG = re.compile(r"<[^>]*>")


def text_fields(page_type):
    """The fields a page type's document text is read from, in the order it declares them:
    its `index.SearchField` entries except the title and those for the admin search only."""
    left_out = {"title", *page_type.admin_search_only}
    return tuple(
        field.field_name
        for field in page_type.get_searchable_search_fields()
        if field.field_name not in left_out
    )


INDEXED_TYPES = tuple(model for model in apps.get_models() if issubclass(model, km.GuidancePage))
TEXT_FIELDS = {page_type: text_fields(page_type) for page_type in INDEXED_TYPES}


def is_searchable(page):
    """Live, public (no view restriction on it or above it), and guidance."""
    if not isinstance(page, INDEXED_TYPES) or not page.live or page.expired:
        return False
    return not PageViewRestriction.objects.filter(
        page__in=Page.objects.ancestor_of(page, inclusive=True)
    ).exists()


def _plain(value):
    """Readable text of a field: rendered, tags replaced by spaces, entities decoded."""
    if value is None:
        return ""
    if hasattr(value, "render_as_block"):
        value = value.render_as_block()
    text = html.unescape(TAG.sub(" ", str(value)))
    return re.sub(r"\s+", " ", text).strip()


def page_text(page):
    return " ".join(
        part for name in TEXT_FIELDS[type(page)] if (part := _plain(getattr(page, name)))
    )


def document_fields(page):
    """The document's values for a (specific) page."""
    text = page_text(page)
    date = getattr(page, "date", None)
    if date is not None and not isinstance(date, datetime):
        date = timezone.make_aware(datetime.combine(date, time(9, 0)))
    return {
        "kind": page.specific_class._meta.model_name,
        "title": page.title,
        "summary": getattr(page, "introduction", "") or "",
        "text": text,
        "normalised_title": normalise(page.title),
        "normalised_text": normalise(text),
        "url": page.get_url() or page.url_path,
        "date": date or getattr(page, "start", None) or page.last_published_at,
    }


def document_relations(page):
    """Facet values: priorities, territories and expert bodies the page is about."""
    priorities = list(getattr(page, "priorities", km.Priority.objects.none()).all())
    if isinstance(page, km.PriorityPage):
        priorities.append(page.priority)
    territories = list(getattr(page, "territories", km.Territory.objects.none()).all())
    bodies = []
    for name in ("expert_bodies", "carrier_bodies"):
        if hasattr(page, name):
            bodies.extend(getattr(page, name).all())
    if isinstance(page, km.ExpertBodyPage):
        bodies.append(page.expert_body)
    return {"priorities": priorities, "territories": territories, "bodies": bodies}


def kind_labels():
    return {model._meta.model_name: model._meta.verbose_name for model in INDEXED_TYPES}

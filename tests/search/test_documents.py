"""What the page models declare searchable is what reaches the guidance search documents."""

import datetime

import pytest
from django.apps import apps
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from knowledge import blocks
from knowledge import models as km
from search import indexing
from search.documents import INDEXED_TYPES
from search.models import SearchDocument
from tests.factories import ExpertBodyFactory, PriorityFactory, add_page, event_fields

# Page types that only lead to guidance; every other page type must be indexed.
NAVIGATION_TYPES = {
    km.HomePage,
    km.ExpertBodyIndexPage,
    km.EventIndexPage,
    km.GuideIndexPage,
    km.GuideSectionPage,
    km.PriorityIndexPage,
    km.QuestionIndexPage,
    km.RoadmapIndexPage,
    km.ProjectIndexPage,
    km.RoadmapActionIndexPage,
}

# Fields a page type needs to be saved that carry no searchable text.
REQUIRED_FIELDS = {
    km.EventPage: event_fields,
    km.ExpertBodyPage: lambda: {"expert_body": ExpertBodyFactory()},
    km.PriorityPage: lambda: {"priority": PriorityFactory()},
    km.RoadmapUpdatePage: lambda: {"date": datetime.date(2026, 3, 1)},
}

# A stream holding `word` as its only text, per kind of stream.
STREAM_HOLDING = {
    blocks.BodyStreamBlock: lambda word: [{"type": "paragraph", "value": f"<p>{word}</p>"}],
    blocks.StepsStreamBlock: lambda word: [
        {"type": "step", "value": {"title": word, "body": "<p></p>"}}
    ],
    blocks.ChapterStreamBlock: lambda word: [
        {"type": "section", "value": {"title": word, "anchor": "", "body": "<p></p>"}}
    ],
    blocks.CriteriaStreamBlock: lambda word: [
        {"type": "criterion", "value": {"title": word, "description": "<p></p>", "questions": []}}
    ],
}


def value_holding(page_type, name, word):
    field = page_type._meta.get_field(name)
    if isinstance(field, StreamField):
        return STREAM_HOLDING[type(field.stream_block)](word)
    if isinstance(field, RichTextField):
        return f"<p>{word}</p>"
    return word


def declared_text_fields(page_type):
    """Wagtail's search fields of the type, title aside (the document holds it apart)."""
    names = [field.field_name for field in page_type.get_searchable_search_fields()]
    return [name for name in names if name != "title"]


def test_every_page_type_is_guidance_or_navigation():
    page_types = {model for model in apps.get_models() if issubclass(model, Page)} - {Page}
    assert set(INDEXED_TYPES) == page_types - NAVIGATION_TYPES, (
        "each page type is guidance (a GuidancePage) or listed here as navigation"
    )
    assert not set(INDEXED_TYPES) & NAVIGATION_TYPES


@pytest.mark.django_db
@pytest.mark.parametrize("page_type", INDEXED_TYPES, ids=lambda model: model.__name__)
def test_declared_search_fields_reach_the_document_in_order(home, page_type):
    declared = declared_text_fields(page_type)
    admin_only = set(page_type.admin_search_only)
    assert admin_only <= set(declared), "admin_search_only names a field that is not searched"
    canaries = {name: f"canari_{name}" for name in declared}
    fields = REQUIRED_FIELDS.get(page_type, dict)()
    fields.update({name: value_holding(page_type, name, word) for name, word in canaries.items()})
    page = add_page(home, page_type, **fields)

    assert indexing.update_page(page.pk)
    text = SearchDocument.objects.get(pk=page.pk).text
    found = [word for word in text.split() if word.startswith("canari")]
    assert found == [canaries[name] for name in declared if name not in admin_only]

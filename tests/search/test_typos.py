"""Typos forgiven alike on every backend (the contract suite: the database on SQLite or
PostgreSQL, and the engine): a search that finds nothing is retried with its words
corrected from the index's own vocabulary, and says so."""

import pytest
from django.urls import reverse

from knowledge.models import GuidePage
from search import indexing, service, vocabulary
from search.models import VocabularyWord
from search.query import SearchQuery
from tests.factories import add_page

pytestmark = pytest.mark.django_db

ENERGY_PAGES = {"Produire une énergie renouvelable locale", "Isoler un bâtiment public"}


def titles(results):
    return {hit.title for hit in results.hits}


def test_a_misspelt_word_finds_the_pages_and_says_what_it_searched(client, corpus):
    results = service.search(SearchQuery("enrgie"))
    assert titles(results) >= ENERGY_PAGES
    assert results.suggestion == "énergie"
    assert results.showing_for == "énergie"
    html = client.get(reverse("search:search"), {"q": "enrgie"}).content.decode()
    assert "Produire une énergie renouvelable locale" in html
    assert "<strong>énergie</strong>" in html


def test_a_swap_of_two_letters_is_one_typo(corpus):
    results = service.search(SearchQuery("pannaeux"))
    assert titles(results) == {"Produire une énergie renouvelable locale"}
    assert results.suggestion == "panneaux"


def test_every_unknown_word_is_corrected_the_others_stay_as_typed(corpus):
    results = service.search(SearchQuery("Un batimnet pubic"))
    assert titles(results) == {"Isoler un bâtiment public"}
    assert results.suggestion == "Un bâtiment public"


def test_a_word_far_from_every_indexed_word_finds_nothing(corpus):
    results = service.search(SearchQuery("xylophone"))
    assert results.total == 0 and not results.suggestion and not results.showing_for


def test_a_search_that_finds_something_is_not_corrected(corpus):
    results = service.search(SearchQuery("énergie"))
    assert results.total and not results.suggestion and not results.showing_for


def test_hidden_pages_lend_no_word_to_the_corrections(corpus):
    # "confidentielle" is only in a private guide: never proposed, never found.
    results = service.search(SearchQuery("confidentiele"))
    assert results.total == 0 and results.suggestion == ""


def test_the_vocabulary_follows_publication_and_unpublication(corpus, search_backend):
    assert not VocabularyWord.objects.filter(folded="geothermie").exists()
    guide = add_page(corpus["solar"].get_parent(), GuidePage, title="Géothermie de surface")
    indexing.update_page(guide.pk)
    word = VocabularyWord.objects.get(folded="geothermie")
    assert (word.word, word.documents) == ("géothermie", 1)
    assert service.search(SearchQuery("géotermie")).showing_for == "géothermie"
    guide.unpublish()
    indexing.update_page(guide.pk)
    assert not VocabularyWord.objects.filter(folded="geothermie").exists()
    energy = VocabularyWord.objects.get(folded="energie")
    assert energy.documents == 3  # solar, insulation, hostile: the hidden ones not counted


def test_the_rebuild_recounts_what_updates_counted(corpus, search_backend):
    counted = set(VocabularyWord.objects.values_list("folded", "word", "documents"))
    VocabularyWord.objects.all().delete()
    indexing.rebuild()
    assert set(VocabularyWord.objects.values_list("folded", "word", "documents")) == counted


@pytest.mark.parametrize(
    "source,target,edits",
    [("enrgie", "energie", 1), ("pannaeux", "panneaux", 1), ("ivre", "irve", 1), ("abc", "abc", 0)],
)
def test_distance_counts_a_swap_as_one_edit(source, target, edits):
    assert vocabulary.distance(source, target, 2) == edits


def test_a_correction_reads_one_bucket_of_words(corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert vocabulary.correct("enrgie") == "énergie"


def test_the_api_says_what_it_searched(client, corpus):
    answer = client.get("/api/v1/search", {"q": "enrgie"}).json()
    assert answer["showing_for"] == answer["suggestion"] == "énergie"
    assert "Produire une énergie renouvelable locale" in {hit["title"] for hit in answer["hits"]}
    plain = client.get("/api/v1/search", {"q": "énergie"}).json()
    assert plain["showing_for"] == plain["suggestion"] == ""

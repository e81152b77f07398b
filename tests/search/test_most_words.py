"""When all the words together find nothing, the pages matching most of them come
first, then by relevance: alike on every backend (the contract suite)."""

import pytest

from knowledge.models import GuidePage
from search import indexing, service
from search.query import SearchQuery
from tests.factories import add_page

pytestmark = pytest.mark.django_db

THREE = "Réseau de chaleur pour une école"
ONE = "Chaleur"
QUERY = "énergie renouvelable école chaleur"


@pytest.fixture
def pages(corpus):
    guides = corpus["solar"].get_parent()
    add_page(guides, GuidePage, title=THREE, introduction="Chaleur renouvelable en ville.")
    # One word only, but many times: the most relevant for it, yet after the pages
    # that match more of the words.
    add_page(guides, GuidePage, title=ONE, introduction="Chaleur, chaleur et chaleur.")
    indexing.rebuild()
    return corpus


def ranked(text, **options):
    return [hit.title for hit in service.search(SearchQuery(text, **options)).hits]


def test_the_pages_matching_most_words_come_first(pages):
    titles = ranked(QUERY)
    assert titles[0] == THREE  # chaleur, renouvelable, école
    two = {"Produire une énergie renouvelable locale", "Isoler un bâtiment public"}
    assert set(titles[1:3]) == two
    assert titles.index(ONE) > 2


def test_all_words_together_still_come_before_any(pages):
    # One page holds both: the others, holding one word, are not shown.
    assert ranked("chaleur école") == [THREE]


def test_the_order_holds_across_pages_of_results(pages):
    first = ranked(QUERY, page_size=2)
    second = ranked(QUERY, page=2, page_size=2)
    assert first + second == ranked(QUERY)[:4]


def test_sorted_by_date_the_most_words_do_not_reorder(pages):
    results = service.search(SearchQuery(QUERY, sort="date"))
    dates = [hit.date for hit in results.hits]
    assert dates == sorted(dates, reverse=True)


def test_the_ranking_costs_no_query_per_word(pages, search_backend, django_assert_max_num_queries):
    if search_backend != "database":
        pytest.skip("the engine's queries are not the database's")
    with django_assert_max_num_queries(6):
        service.search(SearchQuery(QUERY), record=False)
    with django_assert_max_num_queries(6):
        service.search(SearchQuery(QUERY + " photovoltaïque solaire isolation"), record=False)

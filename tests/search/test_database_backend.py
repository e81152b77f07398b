"""The embedded backend's own work: query plans that follow the matches, the
pagination window and excerpts that stay cheap however large the corpus."""

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string

from search import indexing
from search.backends.database import DatabaseBackend
from search.query import SearchQuery, SearchResults
from search.text import highlight
from tests.search.conftest import build_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_corpus(settings, home):
    settings.SEARCH_URL = ""
    corpus = build_corpus(home)
    indexing.rebuild()
    return corpus


def pretend_the_corpus_is_larger(cursor, factor):
    """Give SQLite's planner the statistics of this corpus `factor` times larger (as
    ANALYZE or PRAGMA optimize would record them on a real site): as many more
    documents and links, the same priorities, territories and bodies."""
    cursor.execute("ANALYZE")
    cursor.execute("SELECT tbl, idx, stat FROM sqlite_stat1 WHERE tbl LIKE 'search_%'")
    for table, index, stat in cursor.fetchall():
        rows, *averages = (int(number) for number in stat.split() if number.isdigit())
        scaled = [rows * factor] + [a if a == 1 else a * factor for a in averages]
        cursor.execute(
            "UPDATE sqlite_stat1 SET stat = %s WHERE tbl = %s AND idx IS %s",
            [" ".join(map(str, scaled)), table, index],
        )
    cursor.execute("ANALYZE sqlite_schema")  # reloads the statistics


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query planner")
@pytest.mark.parametrize("filtered", [False, True])
def test_facet_counts_look_up_the_links_of_each_match(database_corpus, filtered):
    # Left free, SQLite walked every document linked to each priority and territory and
    # probed the matches: a count that grew with the corpus (40 ms at 100,000 guides
    # for a query matching 20 of them), instead of with the matches.
    backend = DatabaseBackend()
    query = SearchQuery("énergie", priority="sobriete" if filtered else "")
    sql, params = backend.counts_statement(backend.dialect.expression(query.text), query)
    with connection.cursor() as cursor:
        pretend_the_corpus_is_larger(cursor, 10_000)
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]
    links = [step for step in plan if step.startswith(("SEARCH l ", "SCAN l "))]
    assert len(links) == 3, plan
    for step in links:
        assert "(searchdocument_id=?)" in step, plan
    # Facet tables are small (a few priorities, territories, bodies) and may be scanned.
    assert not any(step.startswith(("SCAN l", "SCAN d")) for step in plan), plan
    assert any(step.startswith("SCAN search_fts VIRTUAL TABLE INDEX 0:M") for step in plan), plan
    assert "SEARCH d USING INTEGER PRIMARY KEY (rowid=?)" in plan, plan


def pages(total, page, page_size=10):
    query = SearchQuery("énergie", page=page, page_size=page_size)
    return SearchResults(query=query, hits=[], total=total).page_links()


@pytest.mark.parametrize(
    "total, page, expected",
    [
        (5, 1, [1]),
        (30, 1, [1, 2, 3]),
        (100, 1, [1, 2, 3, None, 10]),
        (100, 5, [1, None, 3, 4, 5, 6, 7, None, 10]),
        (100, 4, [1, 2, 3, 4, 5, 6, None, 10]),
        (100, 10, [1, None, 8, 9, 10]),
        (115_200, 600, [1, None, 598, 599, 600, 601, 602, None, 11_520]),
        (30, 50, [1, 3]),  # past the last page: still a way back
    ],
)
def test_pagination_shows_the_ends_and_the_pages_around_the_current_one(total, page, expected):
    assert pages(total, page) == expected


def test_pagination_links_keep_the_search_and_mark_the_current_page(rf):
    query = SearchQuery("énergie", page=5)
    results = SearchResults(query=query, hits=[], total=1_000)
    request = rf.get("/recherche/", {"q": "énergie", "territory": "bassin-minier", "page": 5})
    html = render_to_string(
        "search/includes/pagination.html",
        {"results": results, "search_query": query},
        request=request,
    )
    numbers = re.findall(r"</span>(\d+)</a>", html)
    assert numbers == ["1", "3", "4", "5", "6", "7", "100"]
    assert html.count("…") == 2
    current = '?q=%C3%A9nergie&amp;territory=bassin-minier&amp;page=5" aria-current="page"'
    assert f'href="{current}' in html
    assert 'rel="prev"' in html and 'rel="next"' in html


def test_an_excerpt_of_a_long_text_is_taken_around_the_first_match():
    text = (
        "Un préambule sans le mot. " * 2_000
        + "Le réseau de chaleur <b>urbain</b>. "
        + "Fin. " * 500
    )
    excerpt = highlight(text, "réseau chaleur")
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
    assert "<mark>réseau</mark> de <mark>chaleur</mark>" in excerpt
    assert "&lt;b&gt;urbain&lt;/b&gt;" in excerpt
    assert len(excerpt) < 400


def test_an_excerpt_without_a_match_is_the_beginning_of_the_text():
    excerpt = highlight("Première phrase. " * 100, "hydrogène")
    assert excerpt.startswith("Première phrase.") and excerpt.endswith(" …")
    assert "<mark>" not in excerpt


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN index")
def test_the_full_text_index_has_no_pending_list_on_postgresql():
    # A pending list is scanned row by row by every search until a vacuum merges it.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = %s", ["search_document_vector_idx"]
        )
        (options,) = cursor.fetchone()
    assert "fastupdate=off" in options

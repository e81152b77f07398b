"""What search and suggestions achieve: counted in a buffer, written per day, linked to nobody."""

import datetime

import pytest
from django.db import DatabaseError
from django.urls import reverse

from search import statistics
from search.models import SearchDocument, SearchStatistic, StatisticKind
from search.query import SearchQuery
from search.service import search as run_search
from tests.search.conftest import build_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_buffer():
    statistics.discard()
    yield
    statistics.discard()


def counts(kind):
    return {row.key: row.count for row in SearchStatistic.objects.filter(kind=kind)}


@pytest.fixture
def indexed(home, settings):
    from search import indexing

    settings.SEARCH_URL = ""
    build_corpus(home)
    indexing.rebuild()
    assert SearchDocument.objects.exists()


def test_a_search_is_counted_with_its_results_and_nothing_of_who_searched(indexed, client):
    client.get(reverse("search:search"), {"q": "  Solaire   "})
    client.get("/api/v1/search", {"q": "solaire"})
    client.get(reverse("search:search"), {"q": "zzzintrouvable"})
    assert SearchStatistic.objects.count() == 0  # nothing written while searching
    statistics.flush()

    assert counts(StatisticKind.SEARCH) == {"solaire": 2, "zzzintrouvable": 1}
    found = counts(StatisticKind.RESULTS)
    assert found["zzzintrouvable"] == 0 and found["solaire"] >= 2
    assert counts(StatisticKind.ZERO) == {"zzzintrouvable": 1}
    # Linked to nobody: a day, a figure, a key and a count, nothing else.
    fields = {field.name for field in SearchStatistic._meta.get_fields()}
    assert fields == {"id", "day", "kind", "key", "count"}
    assert set(SearchStatistic.objects.values_list("day", flat=True)) == {datetime.date.today()}


def test_the_next_pages_of_a_search_are_not_new_searches(indexed):
    run_search(SearchQuery("solaire"))
    run_search(SearchQuery("solaire", page=2))
    run_search(SearchQuery("solaire"), record=False)
    statistics.flush()
    assert counts(StatisticKind.SEARCH) == {"solaire": 1}


def test_recording_off_counts_nothing(indexed, settings):
    settings.SEARCH_STATISTICS = False
    run_search(SearchQuery("solaire"))
    statistics.record_filing(suggestions_shown=True, suggestion_opened=False)
    assert statistics.pending() == {}
    assert statistics.flush() == 0


def test_flush_adds_to_the_day_and_is_idempotent():
    statistics.record_result_opened("Borne recharge", 2)
    statistics.record_result_opened("borne  recharge", 4)
    assert statistics.flush() == 4  # click, rank sum, rank 2, rank 4
    assert statistics.flush() == 0
    statistics.record_result_opened("borne recharge", 2)
    statistics.flush()
    assert counts(StatisticKind.CLICK) == {"borne recharge": 3}
    assert counts(StatisticKind.RANK_SUM) == {"borne recharge": 8}
    assert counts(StatisticKind.RANK) == {"2": 2, "4": 1}


def test_a_failing_database_keeps_the_counts_for_the_next_flush(monkeypatch):
    statistics.record_header_suggestion_opened()
    original = statistics._increment

    def failing(*args):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(statistics, "_increment", failing)
    assert statistics.flush() == 0  # logged, not raised
    statistics.record_header_suggestion_opened()
    monkeypatch.setattr(statistics, "_increment", original)
    assert statistics.flush() == 1
    assert counts(StatisticKind.HEADER_SUGGESTION) == {"": 2}


def test_a_failing_flush_never_fails_a_search(indexed, settings, monkeypatch):
    settings.SEARCH_STATISTICS_FLUSH_SECONDS = 0

    def failing(*args):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(statistics, "_increment", failing)
    results = run_search(SearchQuery("solaire"))
    statistics.wait_for_flush()
    assert results.total
    assert statistics.pending()  # kept


@pytest.mark.django_db(transaction=True)
def test_a_due_flush_is_written_by_a_thread_after_its_delay(settings, monkeypatch):
    settings.SEARCH_STATISTICS_FLUSH_SECONDS = 30
    clock = [1000.0]
    monkeypatch.setattr(statistics.time, "monotonic", lambda: clock[0])
    statistics.discard()
    statistics.record_header_suggestion_opened()
    assert statistics.pending()  # not yet due
    clock[0] += 31
    statistics.record_header_suggestion_opened()
    statistics.wait_for_flush()
    assert statistics.pending() == {}
    assert counts(StatisticKind.HEADER_SUGGESTION) == {"": 2}
    # Claimed: the next count, within the delay, starts no other flush.
    statistics.record_header_suggestion_opened()
    statistics.wait_for_flush()
    assert statistics.pending()


def test_the_buffer_is_bounded(monkeypatch):
    monkeypatch.setattr(statistics, "MAX_KEYS", 3)
    for number in range(10):
        statistics.record_result_opened(f"requête {number}", 1)
    assert len(statistics.pending()) == 3


def test_searching_makes_no_write(indexed, django_assert_max_num_queries):
    run_search(SearchQuery("solaire"))  # warm
    with django_assert_max_num_queries(10) as captured:
        assert run_search(SearchQuery("bâtiment public")).total
    assert not any(
        query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
        for query in captured.captured_queries
    )


# The beacon ---------------------------------------------------------------------------


def beacon(client, **fields):
    return client.post(reverse("search:event"), fields)


def opened(client, words, rank, signature=None):
    """The beacon as the search page sends it: the words it showed, signed."""
    signature = statistics.sign_query(words) if signature is None else signature
    return beacon(client, event="result", q=words, sig=signature, rank=str(rank))


def test_the_beacon_counts_a_result_opened_by_rank(client):
    response = opened(client, "Réseau de chaleur", 2)
    assert response.status_code == 204
    assert beacon(client, event="header_suggestion").status_code == 204
    statistics.flush()
    assert counts(StatisticKind.CLICK) == {"réseau de chaleur": 1}
    assert counts(StatisticKind.RANK) == {"2": 1}
    assert counts(StatisticKind.HEADER_SUGGESTION) == {"": 1}


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"event": "vote"},
        {"event": "result", "q": "chaleur"},
        {"event": "result", "q": "chaleur", "rank": "0"},
        {"event": "result", "q": "chaleur", "rank": "51"},
        {"event": "result", "q": "chaleur", "rank": "deux"},
        {"event": "result", "rank": "1"},
        {"event": "result", "q": "x" * 201, "rank": "1"},
    ],
)
def test_the_beacon_refuses_bad_input(client, fields):
    response = client.post(reverse("search:event"), fields)
    assert response.status_code == 400
    assert response.json()["detail"] == "Événement invalide."  # in the site's language
    assert statistics.pending() == {}


def test_the_beacon_counts_only_words_the_search_page_showed(client):
    """Junk posted to the beacon cannot fill the buffer or the click-through report: a
    result opened counts only with the search page's signature of its words."""
    for signature in ("", "forged", statistics.sign_query("autre chose")):
        response = opened(client, "réseau de chaleur", 1, signature=signature)
        assert response.status_code == 400
        assert "sig" in response.json()["errors"]
    assert statistics.pending() == {}
    # Signed as typed or as counted: the same words.
    signature = statistics.sign_query("réseau de chaleur")
    assert opened(client, "Réseau  de chaleur", 1, signature).status_code == 204
    statistics.flush()
    assert counts(StatisticKind.CLICK) == {"réseau de chaleur": 1}


def test_the_beacon_takes_only_posts_from_this_site(client):
    assert client.get(reverse("search:event")).status_code == 405
    response = client.post(
        reverse("search:event"), {"event": "form_shown"}, HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert response.status_code == 403
    response = client.post(
        reverse("search:event"), {"event": "result", "q": "x" * 190, "rank": "1", "p": "y" * 900}
    )
    assert response.status_code == 413
    assert statistics.pending() == {}


def test_the_beacon_is_rate_limited(client):
    from tests.limits import tiny

    with tiny(search_event="2/m"):
        for _ in range(2):
            assert beacon(client, event="form_shown").status_code == 204
        response = beacon(client, event="form_shown")
    assert response.status_code == 429
    assert response["Retry-After"]
    assert statistics.pending()[(datetime.date.today(), StatisticKind.FORM_SHOWN, "")] == 2


def test_the_beacon_needs_no_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("search:event"), {"event": "form_opened"}).status_code == 204


def test_the_search_page_gives_the_beacon_its_ranks(indexed, client):
    html = client.get(reverse("search:search"), {"q": "solaire"}).content.decode()
    assert 'data-search-clicks data-event-url="/recherche/evenement"' in html
    signature = statistics.sign_query("solaire")
    assert f'data-query="solaire" data-query-signature="{signature}" data-rank-offset="0"' in html

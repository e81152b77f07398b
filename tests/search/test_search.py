"""The search contract on the database backend: privacy, French, facets, safety, updates."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from knowledge.models import (
    QuestionAnswerPage,
    QuestionIndexPage,
)
from search import indexing, service
from search.models import SearchDocument, ZeroResultQuery
from search.query import SearchQuery
from tests.factories import add_page

pytestmark = pytest.mark.django_db


def titles(results):
    return [hit.title for hit in results.hits]


def test_only_live_public_pages_are_found(corpus):
    found = titles(service.search(SearchQuery("énergie", page_size=50)))
    assert "Produire une énergie renouvelable locale" in found
    for hidden in ("Brouillon", "privé", "protégé"):
        assert not any(hidden in title for title in found), hidden
    assert SearchDocument.objects.filter(title__contains="privé").count() == 0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("energie", "Produire une énergie renouvelable locale"),
        ("ÉNERGIES RENOUVELABLES", "Produire une énergie renouvelable locale"),
        ("énergies renouvelables", "Produire une énergie renouvelable locale"),
        ("batiments publics", "Isoler un bâtiment public"),
        ("autoconsommation", "Produire une énergie renouvelable locale"),
    ],
)
def test_french_matching(corpus, text, expected):
    assert expected in titles(service.search(SearchQuery(text)))


def test_facets_count_and_filter(corpus):
    results = service.search(SearchQuery("énergie"))
    priorities = {value.value: value.count for value in results.facets["priority"]}
    assert priorities == {"renouvelables": 1, "sobriete": 1}
    assert {v.value: v.count for v in results.facets["territory"]} == {"bassin-minier": 1}
    assert {v.value for v in results.facets["kind"]} == {"guidepage"}

    filtered = service.search(SearchQuery("énergie", priority="sobriete"))
    assert titles(filtered) == ["Isoler un bâtiment public"]
    assert filtered.facets["priority"][0].selected


def test_sort_by_date_and_pagination(corpus):
    first = service.search(SearchQuery("énergie", page_size=1))
    second = service.search(SearchQuery("énergie", page_size=1, page=2))
    assert first.total == second.total == 3 and first.pages == 3
    assert titles(first) != titles(second)
    by_date = service.search(SearchQuery("énergie", sort="date", page_size=10))
    dates = [hit.date for hit in by_date.hits]
    assert dates == sorted(dates, reverse=True)


def test_highlights_are_escaped_except_the_marks(client, corpus):
    results = service.search(SearchQuery("hostile"))
    (hit,) = results.hits
    assert "<mark>hostile</mark>" in hit.highlight
    assert "<img" not in hit.highlight
    assert "3 &lt; 5 &amp; plus" in hit.highlight

    html = client.get(reverse("search:search"), {"q": "énergie"}).content.decode()
    assert "<script>alert('x')</script>" not in html
    assert "onerror=alert(1)>" not in html
    api = client.get("/api/v1/search", {"q": "hostile"}).json()
    assert "<img" not in api["hits"][0]["highlight"]


def test_search_page_and_api_agree(client, corpus):
    page = client.get(reverse("search:search"), {"q": "énergie renouvelable"})
    assert page.status_code == 200
    assert "Produire une énergie renouvelable locale" in page.content.decode()
    api = client.get("/api/v1/search", {"q": "énergie renouvelable"}).json()
    assert (
        api["total"] >= 1 and api["hits"][0]["title"] == "Produire une énergie renouvelable locale"
    )
    assert "priority" in api["facets"]
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/search" in schema["paths"]


def test_suggestions_autocomplete_titles(client, corpus):
    assert client.get("/api/v1/search/suggest", {"q": "en"}).json() == []
    titles_ = [s["title"] for s in client.get("/api/v1/search/suggest", {"q": "autoconso"}).json()]
    assert titles_ == ["Produire une énergie renouvelable locale"]


def test_searches_without_results_are_recorded_and_reported(client, corpus, editor, holder_user):
    service.search(SearchQuery("hydrolienne"))
    service.search(SearchQuery("Hydrolienne"))
    record = ZeroResultQuery.objects.get()
    assert record.query == "hydrolienne" and record.count == 2
    client.force_login(editor)
    # Shown once searched three times on two days (search.query_privacy): not yet.
    service.search(SearchQuery("hydrolienne "))
    report = client.get(reverse("search_zero_results"))
    assert report.status_code == 200 and "hydrolienne" not in report.content.decode()
    ZeroResultQuery.objects.update(first_seen=record.first_seen - datetime.timedelta(days=1))
    report = client.get(reverse("search_zero_results"))
    assert report.status_code == 200 and "hydrolienne" in report.content.decode()
    client.force_login(holder_user)
    # Wagtail sends a signed-in user without admin access to the admin's sign-in page.
    refused = client.get(reverse("search_zero_results"))
    assert refused.status_code == 302
    assert refused["Location"].startswith(reverse("account_login"))


@pytest.fixture
def holder_user(make_user):
    return make_user(username="searcher")


def test_publish_unpublish_delete_update_the_index(
    search_backend, home, django_capture_on_commit_callbacks
):
    """Each change reaches the index through the after-commit task its signal queues."""

    def committed():
        return django_capture_on_commit_callbacks(execute=True)

    questions = add_page(home, QuestionIndexPage, slug="qr")
    page = add_page(
        questions,
        QuestionAnswerPage,
        title="Hydrogène vert pour les bus",
        question="<p>Comment ?</p>",
        answer="<p>Avec un électrolyseur.</p>",
        publish=False,
    )
    assert titles(service.search(SearchQuery("électrolyseur"))) == []
    with committed():
        page.save_revision().publish()
    assert titles(service.search(SearchQuery("électrolyseur"))) == ["Hydrogène vert pour les bus"]
    page.refresh_from_db()
    with committed():
        page.unpublish()
    assert titles(service.search(SearchQuery("électrolyseur"))) == []
    with committed():
        page.save_revision().publish()
    with committed():
        PageViewRestriction.objects.create(page=questions, restriction_type="login")
    assert titles(service.search(SearchQuery("électrolyseur"))) == []
    with committed():
        PageViewRestriction.objects.filter(page=questions).delete()
    assert titles(service.search(SearchQuery("électrolyseur"))) != []
    with committed():
        page.delete()
    assert titles(service.search(SearchQuery("électrolyseur"))) == []
    assert not SearchDocument.objects.filter(pk=page.pk).exists()


def test_a_typed_question_suggests_guides(client, corpus):
    text = "Comment installer des panneaux solaires pour notre commune rurale ?"
    suggestions = client.get("/api/v1/search/suggest", {"q": text}).json()
    assert suggestions[0]["title"] == "Produire une énergie renouvelable locale"
    assert suggestions[0]["kind_label"]


def test_indexed_text_is_plain_readable_text(home):
    from knowledge.models import StandardPage

    page = add_page(
        home,
        StandardPage,
        title="Mentions",
        body=[("paragraph", "<p>L'ancrage territorial</p><p>Deuxième paragraphe</p>")],
    )
    indexing.update_page(page.pk)
    text = SearchDocument.objects.get(pk=page.pk).text
    assert "L'ancrage territorial Deuxième paragraphe" in text
    assert "&#x27;" not in text and "&amp;" not in text


def test_a_misspelt_search_shows_the_results_of_the_corrected_words(client, corpus):
    # Both backends correct alike (tests/search/test_typos.py has the rest).
    results = service.search(SearchQuery("pannaeux"))
    assert results.total == 1
    assert results.suggestion == results.showing_for == "panneaux"
    html = client.get(reverse("search:search"), {"q": "pannaeux"}).content.decode()
    assert "<strong>panneaux</strong>" in html


def test_rebuild_swaps_the_alias_and_keeps_answering(corpus, search_backend):
    if search_backend != "engine":
        pytest.skip("the alias swap is the engine's")
    from search.backends.engine import EngineBackend

    backend = EngineBackend()
    before = backend.gateway.alias_targets(backend.alias)
    indexing.rebuild()
    after = backend.gateway.alias_targets(backend.alias)
    assert len(before) == len(after) == 1 and before != after
    assert "Produire une énergie renouvelable locale" in titles(
        service.search(SearchQuery("énergie"))
    )

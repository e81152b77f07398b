"""The search contract suite runs on each backend: the database always, and the
engine when SEARCH_URL names one (`make test-engine` starts an OpenSearch node).
With SEARCH_ENGINE_REQUIRED set, a missing engine fails instead of skipping."""

import os

import pytest
from wagtail.models import PageViewRestriction

import search.api
import search.views
from knowledge.models import GuideIndexPage, GuidePage, RoadmapIndexPage
from search import indexing, service
from tests.factories import PriorityFactory, TerritoryFactory, add_page

ENGINE_URL = os.environ.get("SEARCH_URL", "")


def require_engine():
    """Skip without an engine (SEARCH_URL); fail instead with SEARCH_ENGINE_REQUIRED."""
    if not ENGINE_URL:
        if os.environ.get("SEARCH_ENGINE_REQUIRED"):
            pytest.fail("SEARCH_ENGINE_REQUIRED is set but SEARCH_URL is not.")
        pytest.skip("no search engine: set SEARCH_URL (make test-engine does)")


@pytest.fixture(params=["database", "engine"])
def search_backend(request, settings, home, monkeypatch):
    """Point the search service at one backend, with an empty index ready."""
    if request.param == "engine":
        require_engine()
        settings.SEARCH_URL = ENGINE_URL
        settings.SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "opensearch")
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        settings.SEARCH_INDEX = f"trihub-test-{worker}"
    else:
        settings.SEARCH_URL = ""
    indexing.rebuild()
    # The contract holds only if this backend answered, not the fallback.
    original = service.search

    def answered_by_this_backend(query, record=True):
        results = original(query, record=record)
        assert results.backend == request.param, f"answered by {results.backend}"
        return results

    # Where it is called: the page and the API bound it when imported (above, so they
    # bound the original, not a wrapper of an earlier test).
    for module in (service, search.views, search.api):
        name = "search" if module is service else "run_search"
        monkeypatch.setattr(module, name, answered_by_this_backend)
    return request.param


@pytest.fixture
def corpus(search_backend, home):
    return build_corpus(home)


def build_corpus(home):
    """Guides public and hidden, classified, one with hostile markup; then indexed."""
    sobriety = PriorityFactory(name="Sobriété", slug="sobriete")
    renewables = PriorityFactory(name="Renouvelables", slug="renouvelables")
    basin = TerritoryFactory(name="Bassin minier", slug="bassin-minier")
    guides = add_page(home, GuideIndexPage, slug="guides")
    solar = add_page(
        guides,
        GuidePage,
        title="Produire une énergie renouvelable locale",
        introduction="Panneaux solaires et autoconsommation collective.",
    )
    solar.priorities.set([renewables])
    solar.territories.set([basin])
    solar.save_revision().publish()
    insulation = add_page(
        guides,
        GuidePage,
        title="Isoler un bâtiment public",
        introduction="Réduire la consommation d'énergie des écoles.",
    )
    insulation.priorities.set([sobriety])
    insulation.save_revision().publish()
    add_page(guides, GuidePage, title="Brouillon sur l'énergie secrète", publish=False)
    private = add_page(guides, GuidePage, title="Guide privé énergie confidentielle")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    protected = add_page(guides, GuidePage, title="Guide protégé énergie verrouillée")
    PageViewRestriction.objects.create(
        page=protected, restriction_type="password", password="secret"
    )
    hidden_section = add_page(home, RoadmapIndexPage, slug="feuille")
    PageViewRestriction.objects.create(page=hidden_section, restriction_type="login")
    hostile = add_page(
        guides,
        GuidePage,
        title="Guide <script>alert('x')</script> énergie",
        introduction="<img src=x onerror=alert(1)> énergie hostile si 3 < 5 & plus",
    )
    indexing.rebuild()
    return {"solar": solar, "insulation": insulation, "hostile": hostile}

"""Search in the JSON API (/api/v1/search), same service as the search page."""

from datetime import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema

from web import ratelimit
from web.api import MAX_PAGE, answers

from .forms import SearchForm
from .query import MAX_QUERY_LENGTH, SORTS
from .service import search as run_search
from .service import suggest as run_suggest

router = Router(tags=["search"])


class HitOut(Schema):
    id: int
    title: str
    url: str
    kind: str
    kind_label: str
    summary: str
    highlight: str
    date: datetime | None


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchOut(Schema):
    query: str
    total: int
    page: int
    pages: int
    hits: list[HitOut]
    facets: dict[str, list[FacetValueOut]]
    suggestion: str
    showing_for: str = Field(
        "",
        description="The corrected words the hits are for, when the words as typed found "
        "nothing (`suggestion` then holds them too); empty otherwise.",
    )
    backend: str
    notice: str


class SearchIn(Schema):
    q: str = Field("", max_length=MAX_QUERY_LENGTH)
    priority: str = Field("", description="A priority slug.", max_length=100)
    territory: str = Field("", description="A territory slug.", max_length=100)
    kind: str = Field("", description="A page type, as the `kind` of a hit.", max_length=100)
    body: str = Field("", description="An expert body slug.", max_length=100)
    sort: Literal[SORTS] = "relevance"
    page: int = Field(1, ge=1, le=MAX_PAGE)


class SuggestionOut(Schema):
    id: int
    title: str
    url: str
    kind: str
    kind_label: str


@router.get("/search", response=answers(200, SearchOut, 422, 429), auth=None)
def search(request, params: Query[SearchIn]):
    """Search the live, public guidance. `highlight` is HTML: escaped text with <mark>.

    Limited per client address: over the limit, 429 with Retry-After."""
    ratelimit.check_api(request, "search_api")
    form = SearchForm(params.dict())
    query = form.to_query()
    results = run_search(query) if query.text else None
    if results is None:
        return {
            "query": query.text,
            "total": 0,
            "page": 1,
            "pages": 1,
            "hits": [],
            "facets": {},
            "suggestion": "",
            "showing_for": "",
            "backend": "",
            "notice": "",
        }
    return {
        "query": query.text,
        "total": results.total,
        "page": query.page,
        "pages": results.pages,
        "hits": [{**hit.__dict__, "id": hit.page_id} for hit in results.hits],
        "facets": {
            name: [value.__dict__ for value in values] for name, values in results.facets.items()
        },
        "suggestion": results.suggestion,
        "showing_for": results.showing_for,
        "backend": results.backend,
        "notice": results.notice,
    }


@router.get("/search/suggest", response=answers(200, list[SuggestionOut], 422, 429), auth=None)
def suggest(request, q: str = Query("", max_length=MAX_QUERY_LENGTH)):
    """Up to five guides and answered questions whose words start like `q`.

    Called as people type, so its per-address limit is generous; 429 over it."""
    ratelimit.check_api(request, "search_suggest")
    return run_suggest(q)

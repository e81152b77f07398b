"""What a search asks and what it answers, whatever the backend."""

from dataclasses import dataclass, field

SORTS = ("relevance", "date")
FACETS = ("priority", "territory", "kind", "body")
MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 50


@dataclass(frozen=True)
class SearchQuery:
    text: str
    priority: str = ""  # slugs, or a content type's model name for `kind`
    territory: str = ""
    kind: str = ""
    body: str = ""
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10

    def __post_init__(self):
        object.__setattr__(self, "text", " ".join(self.text.split())[:MAX_QUERY_LENGTH])
        if self.sort not in SORTS:
            object.__setattr__(self, "sort", "relevance")
        object.__setattr__(self, "page", max(1, int(self.page)))
        object.__setattr__(self, "page_size", max(1, min(MAX_PAGE_SIZE, int(self.page_size))))

    @property
    def filters(self):
        return {name: getattr(self, name) for name in FACETS if getattr(self, name)}


@dataclass(frozen=True)
class Hit:
    page_id: int
    title: str
    url: str
    kind: str
    kind_label: str
    summary: str
    highlight: str  # HTML: escaped text with <mark> around matches
    date: object = None


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    query: SearchQuery
    hits: list
    total: int
    facets: dict = field(default_factory=dict)  # facet name -> [FacetValue]
    suggestion: str = ""
    # A search that found nothing, retried with its typos corrected: what was searched.
    showing_for: str = ""
    backend: str = "database"
    notice: str = ""  # shown to people, e.g. when the engine is down

    @property
    def pages(self):
        return max(1, -(-self.total // self.query.page_size))

    def page_links(self, around=2):
        """The page numbers the pagination links to, in order: the first, the last and
        `around` either side of the current page; None where a gap is shown. Computed
        around the current page, so a search with thousands of pages costs no more."""
        current, last = self.query.page, self.pages
        low, high = current - around, current + around
        numbers = {1, last, *range(max(1, low - 1), min(last, high + 1) + 1)}
        links = []
        for number in sorted(numbers):
            if number in (1, last) or low <= number <= high:
                links.append(number)
            elif number in (low - 1, high + 1):
                links.append(None)
        return links

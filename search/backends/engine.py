"""The engine backend: Elasticsearch 8/9 or OpenSearch 2/3, behind SEARCH_URL.

elasticsearch-dsl builds the index (French analysis: elision, accent folding,
light stemming; keyword fields for facets; an edge n-gram field for autocomplete)
and the queries, as plain dictionaries. A thin gateway sends them through the
client that fits the engine: the Elasticsearch client refuses to talk to
OpenSearch, so each engine has its own adapter.

Forgiving, as the database backend is (`backends.database`): all words, else the pages
matching most of them (one should clause per unit, worth far more than relevance), else
fuzzy matching (`fuzziness: AUTO`, `prefix_length` 1: the vocabulary's rule), its results
shown for the vocabulary's corrected words (`search.vocabulary`, as on the database).
Synonyms are a `synonym_graph` filter of the search analyzer only (`updateable`), so
that a change needs no reindexing: the node has no `_refresh_search_analyzers` (a
plugin's), so `reload_synonyms` closes the index,
updates the filter and opens it again (measured: 0.3 s on the test node; searches
meanwhile are refused, and answer from the database through the usual fallback).
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from elasticsearch_dsl import (
    Date,
    Index,
    Keyword,
    Mapping,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
    tokenizer,
)

from knowledge.models import ExpertBody, Priority, Territory

from .. import breaker as circuit
from .. import synonyms, vocabulary
from ..documents import kind_labels
from ..query import FacetValue, Hit, SearchResults
from ..signals import engine_index_created

logger = logging.getLogger(__name__)

# Set while a new, empty index is being filled from the database (searches meanwhile
# answer from the database); a refill that never finishes lets go after this long.
REFILLING = "search:engine-refilling"
REFILL_SECONDS = 60 * 60
# Set while a rebuild fills its new index: a page's update written meanwhile would go to
# the index the alias leaves, and be lost; it is kept for replay instead (after the swap).
REBUILDING = "search:engine-rebuilding"


class EngineUnavailable(Exception):
    """The engine did not answer, answered with an error, or is left alone for a while
    (`search.breaker`): the caller answers from the database, or keeps the update for
    replay."""


class EngineRefused(EngineUnavailable):
    """The engine answered, and refused (a 4xx: a read-only block, a missing index):
    handled as unavailable, without counting against the engine's health."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


class IndexMissing(EngineRefused):
    """The alias is not there (a new cluster, a deleted index)."""


# Analysis -----------------------------------------------------------------------

french_elision = token_filter(
    "french_elision",
    type="elision",
    articles_case=True,
    articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
)
french_stop = token_filter("french_stop", type="stop", stopwords="_french_")
french_stemmer = token_filter("french_stemmer", type="stemmer", language="light_french")
SYNONYMS_FILTER = "trihub_synonyms"


def synonym_filter(rules=None):
    """The editors' groups (`search.synonyms`); read from the database unless given."""
    return token_filter(
        SYNONYMS_FILTER,
        type="synonym_graph",
        synonyms=synonyms.rules() if rules is None else rules,
        updateable=True,
        lenient=True,
    )


edge_ngrams = tokenizer(
    "edge_ngrams", type="edge_ngram", min_gram=2, max_gram=20, token_chars=["letter", "digit"]
)

# Stemmed before the stop words are left out: the synonym filter of the search analyzer
# sits between the two (its rules are read stemmed, "charging stations" meets "charging
# station"; a stop word taken out before it would leave a gap its rules refuse), and
# both analyzers must leave out the same words.
FRENCH = analyzer(
    "trihub_french",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding", french_stemmer, french_stop],
)


def french_search(rules=None):
    return analyzer(
        "trihub_french_search",
        tokenizer="standard",
        filter=[
            french_elision,
            "lowercase",
            "asciifolding",
            french_stemmer,
            synonym_filter(rules),
            french_stop,
        ],
    )


AUTOCOMPLETE = analyzer(
    "trihub_autocomplete", tokenizer=edge_ngrams, filter=["lowercase", "asciifolding"]
)
# Whole words, lower case, without their elided article ("d'énergie" -> "énergie"):
# what "did you mean" proposes must be real words, those of the titles too.
SPELLING = analyzer("trihub_spelling", tokenizer="standard", filter=[french_elision, "lowercase"])
SPELLING_FIELD = "spelling"
AUTOCOMPLETE_SEARCH = analyzer(
    "trihub_autocomplete_search", tokenizer="standard", filter=["lowercase", "asciifolding"]
)

TEXT_FIELDS = ["title^4", "summary^2", "text"]
# A unit matched outweighs any relevance (a BM25 score over three fields stays far below).
UNIT_WEIGHT = 1000
FACET_FIELDS = {
    "priority": "priorities",
    "territory": "territories",
    "body": "bodies",
    "kind": "kind",
}


def mapping():
    m = Mapping()
    search_analyzer = "trihub_french_search"  # defined in the index's settings
    m.field(
        "title",
        Text(
            analyzer=FRENCH,
            search_analyzer=search_analyzer,
            copy_to=SPELLING_FIELD,
            fields={
                "autocomplete": Text(analyzer=AUTOCOMPLETE, search_analyzer=AUTOCOMPLETE_SEARCH),
                "raw": Keyword(),
            },
        ),
    )
    m.field("summary", Text(analyzer=FRENCH, search_analyzer=search_analyzer))
    m.field(
        "text",
        Text(
            analyzer=FRENCH,
            search_analyzer=search_analyzer,
            copy_to=SPELLING_FIELD,
        ),
    )
    m.field(SPELLING_FIELD, Text(analyzer=SPELLING))
    m.field("kind", Keyword())
    m.field("priorities", Keyword())
    m.field("territories", Keyword())
    m.field("bodies", Keyword())
    m.field("url", Keyword(index=False))
    m.field("date", Date())
    return m


def index_body(name):
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.analyzer(FRENCH)
    index.analyzer(french_search())
    index.analyzer(AUTOCOMPLETE)
    index.analyzer(AUTOCOMPLETE_SEARCH)
    index.analyzer(SPELLING)
    index.mapping(mapping())
    return index.to_dict()


def to_source(document):
    return {
        "title": document.title,
        "summary": document.summary,
        "text": document.text,
        "kind": document.kind,
        "priorities": [p.slug for p in document.priorities.all()],
        "territories": [t.slug for t in document.territories.all()],
        "bodies": [b.slug for b in document.bodies.all()],
        "url": document.url,
        "date": document.date.isoformat() if document.date else None,
    }


# Gateway ------------------------------------------------------------------------


class Gateway:
    """What the backend needs of an engine; one adapter per client library.

    Every error of the client becomes an `EngineUnavailable`: the engine down,
    unreachable, hung or failing (`unavailable(error)`, which also counts against its
    health in `search.breaker`), or refusing (`EngineRefused`, a 4xx: the update is
    kept for replay, the search answers from the database). With `breaker` on, no call
    is made while the breaker is open."""

    def __init__(self, client, unavailable, breaker=True):
        self.client = client
        self.unavailable = unavailable
        self.breaker = breaker

    def _call(self, method, *args, **kwargs):
        if self.breaker and not circuit.allow():
            raise EngineUnavailable("the engine failed repeatedly: left alone for a while")
        try:
            result = method(*args, **kwargs)
        except Exception as error:
            status = _status(error)
            if self.unavailable(error):
                if self.breaker:
                    circuit.failed()
                raise EngineUnavailable(str(error)) from error
            if self.breaker:
                circuit.succeeded()  # it answered
            if status == 404 and "index_not_found" in str(error):
                raise IndexMissing(str(error), status) from error
            raise EngineRefused(str(error), status) from error
        if self.breaker:
            circuit.succeeded()
        return result

    def search(self, index, body):
        return self._call(self.client.search, index=index, body=body)

    def index_document(self, index, doc_id, source):
        # Only through the alias: the engine must never create an index of its own
        # with a default mapping (`require_alias`), which searches would then read.
        return self._call(
            self.client.index,
            index=index,
            id=doc_id,
            body=source,
            refresh=True,
            require_alias=True,
        )

    def delete_document(self, index, doc_id):
        try:
            return self._call(self.client.delete, index=index, id=doc_id, refresh=True)
        except EngineRefused as error:
            if error.status == 404:
                return None  # already gone, or no index at all: nothing to delete
            raise

    def create_index(self, name, body):
        return self._call(self.client.indices.create, index=name, body=body)

    def index_exists(self, name):
        return bool(self._call(self.client.indices.exists, index=name))

    def bulk(self, operations):
        response = self._call(self.client.bulk, body=operations, refresh=True)
        if response.get("errors"):
            raise RuntimeError(f"Bulk indexing refused some documents: {response['items'][:3]}")
        return response

    def alias_targets(self, alias):
        try:
            return list(self._call(self.client.indices.get_alias, name=alias).keys())
        except EngineRefused as error:
            if error.status == 404:
                return []
            raise

    def swap_alias(self, alias, new_index, old_indices, stray_indices=()):
        """Point the alias at `new_index` alone, in one step. A stray index under the
        alias's own name (made by an engine that auto-created it) is removed in the
        same step: an alias cannot take the name of an index."""
        actions = [{"remove_index": {"index": stray}} for stray in stray_indices]
        actions += [{"remove": {"index": old, "alias": alias}} for old in old_indices]
        actions.append({"add": {"index": new_index, "alias": alias}})
        return self._call(self.client.indices.update_aliases, body={"actions": actions})

    def delete_index(self, name):
        return self._call(self.client.indices.delete, index=name)

    def close_index(self, name):
        return self._call(self.client.indices.close, index=name)

    def open_index(self, name):
        return self._call(self.client.indices.open, index=name, wait_for_active_shards=1)

    def put_settings(self, name, body):
        return self._call(self.client.indices.put_settings, index=name, body=body)


def _status(error):
    status = getattr(error, "status_code", None)
    if status is None:
        status = getattr(getattr(error, "meta", None), "status", None)
    return status if isinstance(status, int) else None


def _server_side(error):
    status = _status(error)
    return status is None or status >= 500 or status == 429


def _timeout(bulk=False):
    """A search waits `SEARCH_TIMEOUT` at most (a hung engine costs a page no more); a
    rebuild's index creation and bulk loads, run by the worker or an operator, get
    `SEARCH_BULK_TIMEOUT`: an engine just started, or a large batch, takes longer."""
    if bulk:
        return float(getattr(settings, "SEARCH_BULK_TIMEOUT", 60))
    return float(getattr(settings, "SEARCH_TIMEOUT", 3))


def elasticsearch_gateway(url, breaker=True, bulk=False):
    from elastic_transport import TransportError
    from elasticsearch import ApiError, Elasticsearch

    def unavailable(error):
        if isinstance(error, ApiError):
            return _server_side(error)
        return isinstance(error, TransportError | OSError)  # connection, timeout

    client = Elasticsearch(url, request_timeout=_timeout(bulk), max_retries=0)
    return Gateway(client, unavailable, breaker)


def opensearch_gateway(url, breaker=True, bulk=False):
    from opensearchpy import OpenSearch
    from opensearchpy.exceptions import ConnectionError, TransportError

    def unavailable(error):
        if isinstance(error, ConnectionError):  # also timeouts
            return True
        if isinstance(error, TransportError):
            return _server_side(error)
        return isinstance(error, OSError)

    client = OpenSearch(url, timeout=_timeout(bulk), max_retries=0, retry_on_timeout=False)
    return Gateway(client, unavailable, breaker)


ADAPTERS = {"elasticsearch": elasticsearch_gateway, "opensearch": opensearch_gateway}


def make_gateway(breaker=True, bulk=False):
    engine = getattr(settings, "SEARCH_ENGINE", "opensearch")
    if engine not in ADAPTERS:
        raise ValueError(f"SEARCH_ENGINE must be one of {', '.join(ADAPTERS)}, not {engine!r}.")
    return ADAPTERS[engine](settings.SEARCH_URL, breaker, bulk)


# Backend ------------------------------------------------------------------------


class EngineBackend:
    name = "engine"

    def __init__(self, gateway=None, breaker=True, bulk=False):
        """`breaker=False`: an operator's rebuild calls the engine whatever its recent
        failures; `bulk=True`: for a rebuild, with the longer `SEARCH_BULK_TIMEOUT`."""
        self.gateway = gateway or make_gateway(breaker, bulk)
        self.alias = getattr(settings, "SEARCH_INDEX", "trihub-guidance")

    # The index ----------------------------------------------------------------

    def ensure_index(self):
        """Create the index and its alias if the alias is missing (a new cluster, a
        deleted index), replacing a stray index of the alias's name. Returns whether
        it did: the new index is empty, and the caller has it filled."""
        if self.gateway.alias_targets(self.alias):
            return False
        # One name for the first index, so that two processes finding the alias
        # missing at once make one index (the second create is refused, the alias
        # added twice to the same index is one alias).
        first = f"{self.alias}-initial"
        try:
            self.gateway.create_index(first, index_body(first))
        except EngineRefused as error:
            if error.status != 400:  # 400: it exists already
                raise
        stray = [self.alias] if self.gateway.index_exists(self.alias) else []
        self.gateway.swap_alias(self.alias, first, [], stray_indices=stray)
        logger.warning("Search engine: index %s created for alias %s.", first, self.alias)
        return True

    def _index_missing(self):
        """The alias was missing: make it, and have the new, empty index filled from
        the database (`search.receivers`); searches answer from the database meanwhile."""
        if not self.ensure_index():
            return
        circuit.guarded(lambda: cache.set(REFILLING, True, timeout=REFILL_SECONDS))
        engine_index_created.send(sender=type(self), alias=self.alias)

    def _through_the_alias(self, operation):
        """Run `operation()`; if the alias is missing, make it and try once more."""
        try:
            return operation()
        except IndexMissing:
            self._index_missing()
            return operation()

    def _search_body(self, body):
        if circuit.guarded(lambda: cache.get(REFILLING)):
            raise EngineUnavailable("the engine's index is being filled")
        try:
            return self.gateway.search(self.alias, body)
        except IndexMissing:
            self._index_missing()
            raise

    # Indexing -----------------------------------------------------------------

    def _writes_held(self):
        if circuit.guarded(lambda: cache.get(REBUILDING)):
            raise EngineUnavailable("the engine's index is being rebuilt: kept for replay")

    def index(self, document):
        self._writes_held()
        source = to_source(document)
        self._through_the_alias(
            lambda: self.gateway.index_document(self.alias, document.pk, source)
        )

    def remove(self, page_id):
        self._writes_held()
        self.gateway.delete_document(self.alias, page_id)

    def rebuild(self, documents):
        """Build a new index, fill it, then swap the alias in one step. Updates meanwhile
        are kept for replay (`REBUILDING`); the caller replays what came after its read."""
        circuit.guarded(lambda: cache.set(REBUILDING, True, timeout=REFILL_SECONDS))
        try:
            return self._rebuild(documents)
        finally:
            circuit.guarded(lambda: cache.delete(REBUILDING))

    def _rebuild(self, documents):
        new_index = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        self.gateway.create_index(new_index, index_body(new_index))
        batch = []
        for document in documents:
            batch.append({"index": {"_index": new_index, "_id": document.pk}})
            batch.append(to_source(document))
            if len(batch) >= 1000:
                self.gateway.bulk(batch)
                batch = []
        if batch:
            self.gateway.bulk(batch)
        old = self.gateway.alias_targets(self.alias)
        stray = [] if old or not self.gateway.index_exists(self.alias) else [self.alias]
        self.gateway.swap_alias(self.alias, new_index, old, stray_indices=stray)
        for name in old:
            self.gateway.delete_index(name)
        circuit.guarded(lambda: cache.delete(REFILLING))
        return new_index

    def reload_synonyms(self):
        """Give the index's search analyzer the synonym groups as they are now, without
        reindexing: the filter's settings change only on a closed index. Returns the
        number of groups."""
        rules = synonyms.rules()
        body = {"analysis": {"filter": {SYNONYMS_FILTER: synonym_filter(rules).get_definition()}}}
        for name in self.gateway.alias_targets(self.alias):
            self.gateway.close_index(name)
            try:
                self.gateway.put_settings(name, body)
            finally:
                self.gateway.open_index(name)
        return len(rules)

    # Searching ----------------------------------------------------------------

    def _text_query(self, query, units, most_words, fuzzy):
        """All words; or one clause per unit (a word, or a synonym the search analyzer
        expands), each worth `UNIT_WEIGHT`, so that the pages matching most units come
        first, by relevance among equals (the last clause)."""
        if not most_words:
            return Q("multi_match", query=query.text, fields=TEXT_FIELDS, operator="and")
        fuzziness = {"fuzziness": "AUTO", "prefix_length": 1} if fuzzy else {}
        clauses = [
            Q(
                "constant_score",
                filter=Q(
                    "multi_match",
                    query=" ".join(alternatives[0].words),
                    fields=TEXT_FIELDS,
                    operator="and",
                    **fuzziness,
                ),
                boost=UNIT_WEIGHT,
            )
            for alternatives in units
        ]
        clauses.append(
            Q("multi_match", query=query.text, fields=TEXT_FIELDS, operator="or", **fuzziness)
        )
        return Q("bool", should=clauses, minimum_should_match=1)

    def _search(self, query, units, most_words=False, fuzzy=False):
        search = Search().query(self._text_query(query, units, most_words, fuzzy))
        filters = [
            Q("term", **{FACET_FIELDS[name]: value}) for name, value in query.filters.items()
        ]
        if filters:
            search = search.filter("bool", filter=filters)
        for name, field in FACET_FIELDS.items():
            search.aggs.bucket(name, "terms", field=field, size=50)
        # The html encoder escapes the text; only our <mark> tags stay markup.
        search = search.highlight_options(
            encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"]
        ).highlight("text", "summary", fragment_size=240, number_of_fragments=1, no_match_size=240)
        # prefix_length 0: "enrgie" -> "énergie", whose first letter differs unfolded.
        search = search.suggest(
            "spelling",
            query.text,
            term={"field": SPELLING_FIELD, "suggest_mode": "popular", "prefix_length": 0},
        )
        if query.sort == "date":
            search = search.sort("-date", "_score")
        start = (query.page - 1) * query.page_size
        search = search[start : start + query.page_size]
        return self._search_body(search.to_dict())

    def search(self, query):
        units = synonyms.units(query.text)
        if not units:
            return SearchResults(query=query, hits=[], total=0, backend=self.name)
        response = self._search(query, units)
        if not _total(response) and len(units) > 1:
            response = self._search(query, units, most_words=True)
        if _total(response):
            return self._results(query, response)
        # Only a search that found nothing is retried, fuzzy. Its words are those the
        # database backend proposes (one vocabulary, one answer whatever the backend);
        # the engine's suggester where the vocabulary has none (it misses two edits
        # with an accent, "enrgie" -> "énergie").
        suggestion = vocabulary.correct(query.text) or _suggestion(query.text, response)
        retried = self._results(query, self._search(query, units, most_words=True, fuzzy=True))
        retried.suggestion = suggestion
        if retried.total and suggestion:
            retried.showing_for = suggestion
        return retried

    def _results(self, query, response):
        labels = kind_labels()
        hits = []
        for raw in response["hits"]["hits"]:
            source = raw["_source"]
            fragments = raw.get("highlight", {})
            excerpt = (fragments.get("text") or fragments.get("summary") or [""])[0]
            hits.append(
                Hit(
                    page_id=int(raw["_id"]),
                    title=source["title"],
                    url=source["url"],
                    kind=source["kind"],
                    kind_label=str(labels.get(source["kind"], source["kind"])),
                    summary=source.get("summary", ""),
                    highlight=excerpt,
                    date=source.get("date"),
                )
            )
        total = _total(response)
        return SearchResults(
            query=query,
            hits=hits,
            total=total,
            facets=self._facets(query, response) if total else {},
            suggestion=_suggestion(query.text, response) if not total else "",
            backend=self.name,
        )

    def _facets(self, query, response):
        names = {
            "priority": dict(Priority.objects.values_list("slug", "name")),
            "territory": dict(Territory.objects.values_list("slug", "name")),
            "body": dict(ExpertBody.objects.values_list("slug", "name")),
            "kind": {k: str(v) for k, v in kind_labels().items()},
        }
        facets = {}
        for name in FACET_FIELDS:
            selected = getattr(query, name)
            facets[name] = [
                FacetValue(
                    bucket["key"],
                    names[name].get(bucket["key"], bucket["key"]),
                    bucket["doc_count"],
                    bucket["key"] == selected,
                )
                for bucket in response.get("aggregations", {}).get(name, {}).get("buckets", [])
            ]
        return facets

    def suggest(self, text, limit=5):
        """As typed: the last word is a prefix; a long text matches any of its words."""
        operator = "and" if len(text.split()) <= 3 else "or"
        search = Search().query(
            Q(
                "multi_match",
                query=text,
                type="bool_prefix",
                fields=["title.autocomplete^3", "title^2", "summary", "text"],
                operator=operator,
            )
        )[:limit]
        search = search.source(["title", "url", "kind"])
        response = self._search_body(search.to_dict())
        labels = kind_labels()
        return [
            {
                "id": int(raw["_id"]),
                "title": raw["_source"]["title"],
                "url": raw["_source"]["url"],
                "kind": raw["_source"]["kind"],
                "kind_label": str(labels.get(raw["_source"]["kind"], raw["_source"]["kind"])),
            }
            for raw in response["hits"]["hits"]
        ]


def _total(response):
    total = response["hits"]["total"]
    return total["value"] if isinstance(total, dict) else int(total)


def _suggestion(text, response):
    """Each misspelt word replaced by the engine's best guess, or ''."""
    corrected, changed = [], False
    for entry in response.get("suggest", {}).get("spelling", []):
        options = entry.get("options") or []
        if options:
            corrected.append(options[0]["text"])
            changed = True
        else:
            corrected.append(entry["text"])
    return " ".join(corrected) if changed else ""

"""The embedded backend: full-text search in the site's own database.

- SQLite: an FTS5 table over terms folded (no accents) and stemmed in French in
  Python (`search.text`), on the indexed text and on the query alike.
- PostgreSQL: a tsvector column with a GIN index, built with the `trihub_french`
  text search configuration (unaccent, then the French snowball stemmer).

Both stem with the same snowball algorithm after folding accents, so they answer
alike. A search is made of units (`search.synonyms`): each word, or each synonym found
in it, matched by any of its group's members. All units must match; if that finds
nothing, any may, the pages matching most of them first ("most words"), then by
relevance. If that finds nothing either, the words the index does not hold are
corrected from its vocabulary (`search.vocabulary`) and the search runs once more, its
results shown for the corrected words ("Showing results for «énergie»").
"""

from django.db import connection

from knowledge.models import ExpertBody, Priority, Territory

from .. import synonyms, vocabulary
from ..documents import kind_labels
from ..models import SearchDocument
from ..query import FacetValue, Hit, SearchResults
from ..text import highlight, terms, words

DOCUMENTS = "search_searchdocument"
HIT_FIELDS = ("title", "url", "kind", "summary", "text", "date")
# Facet name, SearchDocument many-to-many field, the model it links to.
FACET_FIELDS = (
    ("priority", "priorities", Priority),
    ("territory", "territories", Territory),
    ("body", "bodies", ExpertBody),
)


class SqliteFts:
    table = "search_fts"

    def expression(self, text, prefix=False, any_term=False):
        quoted = [f'"{term}"' for term in terms(text)]
        if prefix and quoted:
            quoted[-1] += "*"
        return (" OR " if any_term else " ").join(quoted)

    def units_expression(self, units, any_term=False):
        """Each unit a phrase, or a group of phrases (a synonym's members)."""
        parts = []
        for alternatives in units:
            phrases = " OR ".join(f'"{" ".join(a.stems)}"' for a in alternatives)
            parts.append(f"({phrases})")
        return (" OR " if any_term else " AND ").join(parts)

    def unit_matched(self, id_column):
        """1 if the document matches one unit's expression (the parameter), else 0."""
        return (
            f"(CASE WHEN {id_column} IN (SELECT rowid FROM {self.table} "
            f"WHERE {self.table} MATCH %s) THEN 1 ELSE 0 END)"
        )

    def matches(self):
        """FROM … WHERE … that selects the matching documents as `d`."""
        # CROSS JOIN: the matches first, then their documents. With statistics SQLite
        # may otherwise scan every document and look each one up in the index.
        return (
            f"{self.table} CROSS JOIN {DOCUMENTS} d ON d.page_id = {self.table}.rowid "
            f"WHERE {self.table} MATCH %s"
        )

    def matches_alone(self):
        """FROM … WHERE … of the matches without their documents, as `id`: ranking
        needs no document column, and joining every match to its document costs more
        than ranking them (every indexed row has its document: they change together)."""
        return f"{self.table} WHERE {self.table} MATCH %s", f"{self.table}.rowid"

    # Title terms weigh more than body terms; bm25 is lower for better matches.
    def rank(self):
        return f"bm25({self.table}, 4.0, 1.0)", 0

    def index(self, cursor, document):
        cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [document.pk])
        cursor.execute(
            f"INSERT INTO {self.table}(rowid, title, body) VALUES (%s, %s, %s)",
            [document.pk, document.normalised_title, document.normalised_text],
        )

    def remove(self, cursor, page_id):
        cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [page_id])


class PostgresFts:
    config = "trihub_french"

    def expression(self, text, prefix=False, any_term=False):
        # words() yields \w+ tokens only, so nothing here is tsquery syntax.
        tokens = [word for word in words(text) if len(word) > 1]
        if prefix and tokens:
            tokens[-1] += ":*"
        return (" | " if any_term else " & ").join(tokens)

    def units_expression(self, units, any_term=False):
        """Each unit a phrase of its words (stop words keep their place, as in the
        vector), or a group of phrases (a synonym's members)."""
        parts = []
        for alternatives in units:
            phrases = " | ".join(f"({' <-> '.join(a.words)})" for a in alternatives)
            parts.append(f"({phrases})")
        return (" | " if any_term else " & ").join(parts)

    def unit_matched(self, id_column):
        return f"(d.search_vector @@ to_tsquery('{self.config}', %s))::int"

    def matches(self):
        return f"{DOCUMENTS} d WHERE d.search_vector @@ to_tsquery('{self.config}', %s)"

    def matches_alone(self):
        return self.matches(), "d.page_id"

    def rank(self):
        return f"-ts_rank_cd(d.search_vector, to_tsquery('{self.config}', %s))", 1

    def index(self, cursor, document):
        cursor.execute(
            f"UPDATE {DOCUMENTS} SET search_vector = "
            f"setweight(to_tsvector('{self.config}', title), 'A') || "
            f"setweight(to_tsvector('{self.config}', text), 'B') WHERE page_id = %s",
            [document.pk],
        )

    def remove(self, cursor, page_id):
        pass  # the document row, and its vector, are deleted with the document


def dialect():
    if connection.vendor == "sqlite":
        return SqliteFts()
    if connection.vendor == "postgresql":
        return PostgresFts()
    raise NotImplementedError(f"No full-text search for {connection.vendor}.")


class DatabaseBackend:
    name = "database"

    def __init__(self):
        self.dialect = dialect()

    # Indexing -----------------------------------------------------------------

    def index(self, document):
        with connection.cursor() as cursor:
            self.dialect.index(cursor, document)

    def remove(self, page_id):
        with connection.cursor() as cursor:
            self.dialect.remove(cursor, page_id)

    # Searching ----------------------------------------------------------------

    def _filtered(self, query):
        documents = SearchDocument.objects.all()
        if query.priority:
            documents = documents.filter(priorities__slug=query.priority)
        if query.territory:
            documents = documents.filter(territories__slug=query.territory)
        if query.body:
            documents = documents.filter(bodies__slug=query.body)
        if query.kind:
            documents = documents.filter(kind=query.kind)
        return documents

    def _matched(self, expression, documents, query):
        """SQL and parameters selecting the matching (and filtered) documents as `d`."""
        if query.filters:
            subquery, params = documents.values("pk").query.sql_with_params()
            return f"{self.dialect.matches()} AND d.page_id IN ({subquery})", [expression, *params]
        # No filter: no need to test membership in every document.
        return self.dialect.matches(), [expression]

    def _ranked_ids(self, expression, documents, query, most_words=()):
        """Matching page ids for the requested page, in order; with `most_words` (one
        expression per unit), those matching the most units first."""
        rank, rank_params = self.dialect.rank()
        if query.sort == "relevance" and not query.filters:
            (matched, id_column), params = self.dialect.matches_alone(), [expression]
        else:
            matched, params = self._matched(expression, documents, query)
            id_column = "d.page_id"
        if query.sort == "relevance":
            order, order_params = f"{rank}, {id_column}", [expression] * rank_params
            if most_words:
                matched_units = " + ".join(self.dialect.unit_matched(id_column) for _ in most_words)
                order, order_params = f"{matched_units} DESC, {order}", [*most_words, *order_params]
        else:
            order, order_params = "d.date DESC, d.page_id", []
        offset = (query.page - 1) * query.page_size
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {id_column} FROM {matched} ORDER BY {order} LIMIT %s OFFSET %s",
                [*params, *order_params, query.page_size, offset],
            )
            return [row[0] for row in cursor.fetchall()]

    def counts_statement(self, expression, query):
        """SQL and parameters of the total and every facet's counts, in one query.

        The match is computed once (a materialised CTE) and counted five ways, instead of
        one full-text match per facet: the cost of a search then grows with the number of
        matches once, not five times."""
        matched, params = self._matched(expression, self._filtered(query), query)
        parts = [
            "SELECT 'total', '', '', COUNT(*) FROM m",
            "SELECT 'kind', m.kind, m.kind, COUNT(*) FROM m GROUP BY m.kind",
        ]
        for name, field, model in FACET_FIELDS:
            link = getattr(SearchDocument, field).through
            column = f"{model._meta.model_name}_id"
            # CROSS JOIN keeps SQLite's join order (matches, then their links): left free,
            # it may walk every link of each facet value and probe the matches, a cost
            # that grows with the corpus, not with the matches. PostgreSQL plans it freely.
            parts.append(
                f"SELECT '{name}', f.slug, f.name, COUNT(*) FROM m "
                f"CROSS JOIN {link._meta.db_table} l CROSS JOIN {model._meta.db_table} f "
                f"WHERE l.searchdocument_id = m.page_id AND f.id = l.{column} "
                "GROUP BY f.slug, f.name"
            )
        sql = (
            f"WITH m AS MATERIALIZED (SELECT d.page_id, d.kind FROM {matched}) "
            + " UNION ALL ".join(parts)
        )
        return sql, params

    def _counts(self, expression, query):
        sql, params = self.counts_statement(expression, query)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        total = next(count for group, _, _, count in rows if group == "total")
        return total, rows

    @staticmethod
    def _facets(rows, query):
        labels = kind_labels()
        selected = {
            "priority": query.priority,
            "territory": query.territory,
            "body": query.body,
            "kind": query.kind,
        }
        facets = {name: [] for name in ("priority", "territory", "body", "kind")}
        for group, slug, name, count in rows:
            if group == "total":
                continue
            label = str(labels.get(slug, slug)) if group == "kind" else name
            facets[group].append(FacetValue(slug, label, count, slug == selected[group]))
        for group, values in facets.items():
            # Most frequent first; ties by name (kinds by their code, as before).
            values.sort(key=lambda v, g=group: (-v.count, v.value if g == "kind" else v.label))
        return facets

    def search(self, query):
        units = synonyms.units(query.text)
        if not units:
            return SearchResults(query=query, hits=[], total=0, backend=self.name)
        results = self._search_units(query, units)
        if results.total:
            return results
        # Only a search that found nothing pays for the correction.
        corrected = vocabulary.correct(query.text)
        if not corrected:
            return results
        retried = self._search_units(query, synonyms.units(corrected))
        retried.suggestion = corrected
        if retried.total:
            retried.showing_for = corrected
        return retried

    def _search_units(self, query, units):
        documents = self._filtered(query)
        expression = self.dialect.units_expression(units)
        total, counts = self._counts(expression, query)
        most_words = ()
        if not total and len(units) > 1:
            expression = self.dialect.units_expression(units, any_term=True)
            total, counts = self._counts(expression, query)
            most_words = [self.dialect.units_expression([unit]) for unit in units]
        if not total:
            return SearchResults(query=query, hits=[], total=0, backend=self.name)
        ids = self._ranked_ids(expression, documents, query, most_words)
        # Not the normalised text: as long as the text, and only the index needs it.
        by_id = SearchDocument.objects.only(*HIT_FIELDS).in_bulk(ids)
        labels = kind_labels()
        # Every member of a synonym found is marked, not only the one typed.
        marked = " ".join(word for unit in units for a in unit for word in a.words)
        hits = [
            Hit(
                page_id=doc.pk,
                title=doc.title,
                url=doc.url,
                kind=doc.kind,
                kind_label=str(labels.get(doc.kind, doc.kind)),
                summary=doc.summary,
                highlight=highlight(doc.text or doc.summary, marked),
                date=doc.date,
            )
            for doc in (by_id[pk] for pk in ids if pk in by_id)
        ]
        facets = self._facets(counts, query)
        return SearchResults(query=query, hits=hits, total=total, facets=facets, backend=self.name)

    def suggest(self, text, limit=5):
        """Documents matching the words typed so far, the last one as a prefix.

        A few words must all match (autocomplete); a longer text, such as a question
        being typed, matches any of its words, best first."""
        count = len(terms(text))
        if not count:
            return []
        rows = []
        if count <= 3:
            rows = self._suggest_rows(self.dialect.expression(text, prefix=True), limit)
        if not rows:
            expression = self.dialect.expression(text, prefix=True, any_term=True)
            rows = self._suggest_rows(expression, limit)
        labels = kind_labels()
        return [
            {
                "id": row[0],
                "title": row[1],
                "url": row[2],
                "kind": row[3],
                "kind_label": str(labels.get(row[3], row[3])),
            }
            for row in rows
        ]

    def _suggest_rows(self, expression, limit):
        rank, rank_params = self.dialect.rank()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.page_id, d.title, d.url, d.kind FROM {self.dialect.matches()} "
                f"ORDER BY {rank}, d.page_id LIMIT %s",
                [expression, *[expression] * rank_params, limit],
            )
            return cursor.fetchall()

"""The embedded backend: full-text search in the site's own database.

- SQLite: an FTS5 table over terms folded (no accents) and stemmed in French in
  Python (`search.text`), on the indexed text and on the query alike.
- PostgreSQL: a tsvector column with a GIN index, built with the `trihub_french`
  text search configuration (unaccent, then the French snowball stemmer).

Both stem with the same snowball algorithm after folding accents, so they answer
alike. All words must match; if that finds nothing, any word may (ranked).
"""

from django.db import connection
from django.db.models import Count
from django.db.models.expressions import RawSQL

from knowledge.models import ExpertBody, Priority, Territory

from ..documents import kind_labels
from ..models import SearchDocument
from ..query import FacetValue, Hit, SearchResults
from ..text import highlight, terms, words

DOCUMENTS = "search_searchdocument"


class SqliteFts:
    table = "search_fts"

    def expression(self, text, prefix=False, any_term=False):
        quoted = [f'"{term}"' for term in terms(text)]
        if prefix and quoted:
            quoted[-1] += "*"
        return (" OR " if any_term else " ").join(quoted)

    def matches(self):
        """FROM … WHERE … that selects the matching documents as `d`."""
        return (
            f"{self.table} JOIN {DOCUMENTS} d ON d.page_id = {self.table}.rowid "
            f"WHERE {self.table} MATCH %s"
        )

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

    def matches(self):
        return f"{DOCUMENTS} d WHERE d.search_vector @@ to_tsquery('{self.config}', %s)"

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

    def _ranked_ids(self, expression, documents, query):
        """Matching page ids for the requested page, in order, and the total."""
        if query.filters:
            subquery, params = documents.values("pk").query.sql_with_params()
            base = f"FROM {self.dialect.matches()} AND d.page_id IN ({subquery})"
        else:  # no filter: no need to test membership in every document
            base, params = f"FROM {self.dialect.matches()}", ()
        rank, rank_params = self.dialect.rank()
        if query.sort == "relevance":
            order, order_params = f"{rank}, d.page_id", [expression] * rank_params
        else:
            order, order_params = "d.date DESC, d.page_id", []
        offset = (query.page - 1) * query.page_size
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) {base}", [expression, *params])
            total = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT d.page_id {base} ORDER BY {order} LIMIT %s OFFSET %s",
                [expression, *params, *order_params, query.page_size, offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
        return ids, total

    def _facets(self, expression, documents, query):
        matched = documents.filter(
            pk__in=RawSQL(f"SELECT d.page_id FROM {self.dialect.matches()}", [expression])
        )
        facets = {}
        for name, field, model, selected in (
            ("priority", "priorities", Priority, query.priority),
            ("territory", "territories", Territory, query.territory),
            ("body", "bodies", ExpertBody, query.body),
        ):
            key = model._meta.model_name
            rows = (
                getattr(SearchDocument, field)
                .through.objects.filter(searchdocument__in=matched)
                .values(f"{key}__slug", f"{key}__name")
                .annotate(count=Count("searchdocument"))
                .order_by("-count", f"{key}__name")
            )
            facets[name] = [
                FacetValue(
                    row[f"{key}__slug"],
                    row[f"{key}__name"],
                    row["count"],
                    row[f"{key}__slug"] == selected,
                )
                for row in rows
            ]
        labels = kind_labels()
        facets["kind"] = [
            FacetValue(
                row["kind"],
                str(labels.get(row["kind"], row["kind"])),
                row["count"],
                row["kind"] == query.kind,
            )
            for row in matched.values("kind").annotate(count=Count("pk")).order_by("-count", "kind")
        ]
        return facets

    def search(self, query):
        if not terms(query.text):
            return SearchResults(query=query, hits=[], total=0, backend=self.name)
        documents = self._filtered(query)
        expression = self.dialect.expression(query.text)
        ids, total = self._ranked_ids(expression, documents, query)
        if not total and len(terms(query.text)) > 1:
            expression = self.dialect.expression(query.text, any_term=True)
            ids, total = self._ranked_ids(expression, documents, query)
        by_id = SearchDocument.objects.in_bulk(ids)
        labels = kind_labels()
        hits = [
            Hit(
                page_id=doc.pk,
                title=doc.title,
                url=doc.url,
                kind=doc.kind,
                kind_label=str(labels.get(doc.kind, doc.kind)),
                summary=doc.summary,
                highlight=highlight(doc.text or doc.summary, query.text),
                date=doc.date,
            )
            for doc in (by_id[pk] for pk in ids if pk in by_id)
        ]
        facets = self._facets(expression, documents, query) if total else {}
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

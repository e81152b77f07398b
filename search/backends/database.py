"""The embedded backend: SQLite FTS5 over the documents' normalised terms.

Words are folded (no accents, lower case) and stemmed in French before they are
indexed and before they are searched, so both sides meet on the same terms. All
terms must match; if that finds nothing, any term may (ranked by BM25).
"""

from django.db import connection
from django.db.models import Count

from knowledge.models import ExpertBody, Priority, Territory

from ..documents import kind_labels
from ..models import SearchDocument
from ..query import FacetValue, Hit, SearchResults
from ..text import highlight, terms

FTS_TABLE = "search_fts"
# Title terms weigh more than body terms.
RANKING = f"bm25({FTS_TABLE}, 4.0, 1.0)"


def _match_expression(words, prefix=False, any_term=False):
    quoted = [f'"{word}"' for word in words]
    if prefix and quoted:
        quoted[-1] += "*"
    return (" OR " if any_term else " ").join(quoted)


class DatabaseBackend:
    name = "database"

    # Indexing -----------------------------------------------------------------

    def index(self, document):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [document.pk])
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (%s, %s, %s)",
                [document.pk, document.normalised_title, document.normalised_text],
            )

    def remove(self, page_id):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [page_id])

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")

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
        """Matching page ids, in order, for the requested page; and the total."""
        subquery, params = documents.values("pk").query.sql_with_params()
        order = f"{RANKING}, d.page_id" if query.sort == "relevance" else "d.date DESC, d.page_id"
        base = (
            f"FROM {FTS_TABLE} JOIN search_searchdocument d ON d.page_id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND d.page_id IN ({subquery})"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) {base}", [expression, *params])
            total = cursor.fetchone()[0]
            offset = (query.page - 1) * query.page_size
            cursor.execute(
                f"SELECT d.page_id {base} ORDER BY {order} LIMIT %s OFFSET %s",
                [expression, *params, query.page_size, offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
        return ids, total

    def _facets(self, expression, documents, query):
        matched = documents.filter(pk__in=self._match_subquery(expression))
        facets = {}
        for name, field, model, selected in (
            ("priority", "priorities", Priority, query.priority),
            ("territory", "territories", Territory, query.territory),
            ("body", "bodies", ExpertBody, query.body),
        ):
            rows = (
                getattr(SearchDocument, field)
                .through.objects.filter(searchdocument__in=matched)
                .values(f"{model._meta.model_name}__slug", f"{model._meta.model_name}__name")
                .annotate(count=Count("searchdocument"))
                .order_by("-count", f"{model._meta.model_name}__name")
            )
            facets[name] = [
                FacetValue(
                    row[f"{model._meta.model_name}__slug"],
                    row[f"{model._meta.model_name}__name"],
                    row["count"],
                    row[f"{model._meta.model_name}__slug"] == selected,
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

    def _match_subquery(self, expression):
        from django.db.models.expressions import RawSQL

        return RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [expression])

    def search(self, query):
        words = terms(query.text)
        if not words:
            return SearchResults(query=query, hits=[], total=0, backend=self.name)
        documents = self._filtered(query)
        expression = _match_expression(words)
        ids, total = self._ranked_ids(expression, documents, query)
        if not total and len(words) > 1:
            expression = _match_expression(words, any_term=True)
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
        words = terms(text)
        if not words:
            return []
        rows = []
        if len(words) <= 3:
            rows = self._suggest_rows(_match_expression(words, prefix=True), limit)
        if not rows:
            rows = self._suggest_rows(_match_expression(words, prefix=True, any_term=True), limit)
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
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.page_id, d.title, d.url, d.kind FROM {FTS_TABLE} "
                f"JOIN search_searchdocument d ON d.page_id = {FTS_TABLE}.rowid "
                f"WHERE {FTS_TABLE} MATCH %s ORDER BY {RANKING} LIMIT %s",
                [expression, limit],
            )
            return cursor.fetchall()

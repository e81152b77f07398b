"""Benchmark of the database search backend at two corpus sizes.

    .venv/bin/python bench/search/run.py [--sizes 10000 100000] [--repeat 15]

For each size it builds a throw-away SQLite database (in a temporary folder) with
that many generated guidance documents, then measures, on the same data and the same
connection, for ten queries repeated:
  - match: the bare full-text match alone (FTS5 MATCH, BM25 order, LIMIT 10);
  - sql: the search's own SQL, replayed on a cursor: the statements the search service
    runs for that query (total and facet counts, the ranked page, its documents),
    captured once, with nothing of Django around them;
  - page: an end-to-end search request (GET /recherche/?q=… through Django: middleware,
    form, service, highlights, the whole page);
  - api: the same search through the API (GET /api/v1/search?q=…);
  - recording: the API with the search statistics on (SEARCH_STATISTICS, the default:
    search/statistics.py counts each search in memory and writes every 30 s) against
    off, their requests alternating so that the machine's load hits both alike; target
    on / off <= 1.1x,
and prints their medians and 95th percentiles, each figure's ratio to `sql` and to
`match`, and how each grows from the smallest to the largest size. Targets: page and
API within 3x of the search's SQL; the largest size no more than 2x slower than the
smallest. Figures also go to bench/search-results.json.

On SQLite by default; with DATABASE_URL naming a PostgreSQL database (`make
bench-search-postgres` starts a throw-away server) the same on PostgreSQL's full-text
search, each size in a fresh schema of that database (bench/search-results-postgresql.json).
A benchmark, not a test: numbers depend on the machine; read the ratios.
"""

import argparse
import json
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]

VOCABULARY = (
    "énergie renouvelable sobriété mobilité durable bâtiment chaleur réseau stockage "
    "hydrogène photovoltaïque éolien méthanisation biomasse rénovation isolation "
    "autoconsommation collective commune territoire entreprise association financement "
    "subvention ademe région projet porteur expérimentation droit commun ingénierie "
    "mutualisée pôle compétences recharge borne véhicule électrique covoiturage vélo "
    "transport logistique économie circulaire déchet recyclage emploi formation "
    "diagnostic audit consommation facture chaudière pompe géothermie smart grid "
    "compteur pilotage efficacité industrie agriculture logement école mairie"
).split()
QUERIES = [
    "énergie renouvelable",
    "mobilité durable",
    "isolation bâtiment",
    "hydrogène",
    "autoconsommation collective",
    "financement projet",
    "borne recharge",
    "économie circulaire",
    "rénovation école",
    "réseau chaleur",
]


def setup_django(folder):
    # Production settings (no DEBUG query log, cached templates, hashed static files), as
    # served; the limiter is off because the benchmark is one client asking many times.
    os.environ.update(
        {
            "TRIHUB_VAR_DIR": str(folder),
            "DJANGO_SETTINGS_MODULE": "trihub.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "localhost",
            "SECURE_SSL_REDIRECT": "false",
            "RATELIMITS_ENABLED": "false",
        }
    )
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ.pop("DATABASE_URL", None)  # SQLite in the temporary folder
    os.environ.pop("SEARCH_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":  # a fresh schema for each size
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)


def vocabulary(rng, size=4000):
    """Topical words among many filler words, with Zipf-like frequencies, so that a
    query matches a realistic share of the documents rather than all of them."""
    syllables = "ba be bi bo bu da de di do du la le li lo lu ma me mi mo mu ra re ri ro ru".split()
    fillers = set()
    while len(fillers) < size:
        fillers.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    words = sorted(fillers)
    rng.shuffle(words)
    for index, word in enumerate(VOCABULARY):  # topical words at ranks 30 to ~1500
        words.insert(30 + index * 25, word)
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    return words, weights


def generate(count, seed=42):
    """Insert `count` documents (plain pages under the home page) in bulk."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Locale, Page

    from knowledge.models import HomePage, Priority, Territory
    from search.backends.database import PostgresFts
    from search.models import SearchDocument
    from search.text import normalise

    rng = random.Random(seed)
    words, weights = vocabulary(rng)
    stems = {word: normalise(word) for word in words}
    home = HomePage.objects.get()
    page_type = ContentType.objects.get_for_model(Page)
    locale = Locale.objects.get(language_code="fr")
    priorities = [
        Priority.objects.get_or_create(slug=f"p{i}", defaults={"name": f"Priorité {i}"})[0]
        for i in range(3)
    ]
    territories = [
        Territory.objects.get_or_create(slug=f"t{i}", defaults={"name": f"Territoire {i}"})[0]
        for i in range(7)
    ]
    step = Page.steplen
    with transaction.atomic():
        pages = []
        for n in range(1, count + 1):
            pages.append(
                Page(
                    title=f"Guide {n}",
                    draft_title=f"Guide {n}",
                    slug=f"guide-{n}",
                    path=home.path + Page._int2str(n).rjust(step, "0"),
                    depth=home.depth + 1,
                    numchild=0,
                    url_path=f"{home.url_path}guide-{n}/",
                    content_type=page_type,
                    locale=locale,
                    live=True,
                )
            )
        Page.objects.bulk_create(pages, batch_size=2000)
        Page.objects.filter(pk=home.pk).update(numchild=count)
        ids = list(
            Page.objects.filter(depth=home.depth + 1, slug__startswith="guide-")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        documents, fts_rows, links_p, links_t = [], [], [], []
        PriorityLink = SearchDocument.priorities.through
        TerritoryLink = SearchDocument.territories.through
        for n, page_id in enumerate(ids, start=1):
            title_words = rng.choices(words, weights, k=6)
            text_words = rng.choices(words, weights, k=150)
            title = f"Guide {n} : " + " ".join(title_words)
            text = " ".join(text_words)
            normalised_title = " ".join(stems[w] for w in title_words)
            normalised_text = " ".join(stems[w] for w in text_words)
            documents.append(
                SearchDocument(
                    page_id=page_id,
                    kind="guidepage",
                    title=title,
                    summary=text[:200],
                    text=text,
                    normalised_title=normalised_title,
                    normalised_text=normalised_text,
                    url=f"/guide-{n}/",
                )
            )
            fts_rows.append((page_id, normalised_title, normalised_text))
            links_p.append(PriorityLink(searchdocument_id=page_id, priority=rng.choice(priorities)))
            links_t.append(
                TerritoryLink(searchdocument_id=page_id, territory=rng.choice(territories))
            )
        SearchDocument.objects.bulk_create(documents, batch_size=2000)
        PriorityLink.objects.bulk_create(links_p, batch_size=5000)
        TerritoryLink.objects.bulk_create(links_t, batch_size=5000)
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.executemany(
                    "INSERT INTO search_fts(rowid, title, body) VALUES (%s, %s, %s)", fts_rows
                )
            else:  # PostgresFts.index, for every document in one statement
                config = PostgresFts.config
                cursor.execute(
                    "UPDATE search_searchdocument SET search_vector = "
                    f"setweight(to_tsvector('{config}', title), 'A') || "
                    f"setweight(to_tsvector('{config}', text), 'B')"
                )
    with connection.cursor() as cursor:
        # VACUUM too on PostgreSQL: the steady state autovacuum keeps a live site in.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


def timings(function, repeat):
    samples = []
    for query in QUERIES:
        function(query)  # warm
        for _ in range(repeat):
            start = time.perf_counter()
            function(query)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples):
    samples = sorted(samples)
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def paired_timings(first, second, repeat):
    """Samples of two functions, alternating call by call (first, second, first...)."""
    samples = ([], [])
    for query in QUERIES:
        first(query), second(query)  # warm
        for _ in range(repeat):
            for function, bucket in ((first, samples[0]), (second, samples[1])):
                start = time.perf_counter()
                function(query)
                bucket.append((time.perf_counter() - start) * 1000)
    return samples


def search_statements(text):
    """The SQL statements (with their parameters) the search service runs for `text`."""
    from django.db import connection

    from search import service
    from search.query import SearchQuery

    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        service.search(SearchQuery(text), record=False)
    return statements


def measure(count, repeat):
    from django.db import connection
    from django.test import Client

    from search.backends.database import dialect as database_dialect

    generate(count)
    dialect = database_dialect()
    client = Client(HTTP_HOST="localhost")
    statements = {text: search_statements(text) for text in QUERIES}

    # The full-text match alone: on SQLite the FTS5 table without the documents, on
    # PostgreSQL the documents' tsvector (GIN index), best 10 by the backend's rank.
    matched, id_column = dialect.matches_alone()
    rank, rank_params = dialect.rank()
    match_sql = f"SELECT {id_column} FROM {matched} ORDER BY {rank} LIMIT 10"

    def match(text):
        expression = dialect.expression(text)
        with connection.cursor() as cursor:
            cursor.execute(match_sql, [expression] * (1 + rank_params))
            return cursor.fetchall()

    def sql(text):
        with connection.cursor() as cursor:
            for statement, params in statements[text]:
                cursor.execute(statement, params)
                cursor.fetchall()

    def end_to_end(text):
        response = client.get("/recherche/", {"q": text})
        assert response.status_code == 200
        return response

    def api(text):
        response = client.get("/api/v1/search", {"q": text})
        assert response.status_code == 200
        return response

    from django.conf import settings

    from search import statistics

    def api_recording(on):
        def call(text):
            settings.SEARCH_STATISTICS = on
            return api(text)

        return call

    recording_on, recording_off = paired_timings(api_recording(True), api_recording(False), repeat)
    settings.SEARCH_STATISTICS = True
    start = time.perf_counter()
    flushed = statistics.flush()  # what one flush of the run's counts costs, once
    flush_ms = (time.perf_counter() - start) * 1000

    return {
        "match": summary(timings(match, repeat)),
        "sql": summary(timings(sql, repeat)),
        "page": summary(timings(end_to_end, repeat)),
        "api": summary(timings(api, repeat)),
        "api_recording_on": summary(recording_on),
        "api_recording_off": summary(recording_off),
        "statistics_rows_flushed_at_end": flushed,
        "statistics_flush_ms": flush_ms,
        "statements": len(next(iter(statements.values()))),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)  # one size, in a child
    args = parser.parse_args()

    if args.size:  # a fresh process and database per size
        with tempfile.TemporaryDirectory() as folder:
            setup_django(folder)
            figures = measure(args.size, args.repeat)
        print("RESULT " + json.dumps(figures))
        return

    import subprocess

    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    print(f"Database backend on {'PostgreSQL' if postgres else 'SQLite'}")
    results = {}
    for size in args.sizes:
        output = subprocess.run(
            [sys.executable, __file__, "--size", str(size), "--repeat", str(args.repeat)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        line = next(line for line in output.splitlines() if line.startswith("RESULT "))
        results[size] = json.loads(line.removeprefix("RESULT "))

    measures = ("match", "sql", "page", "api")
    header = ("documents", "measure", "median", "p95", "/ sql", "/ match")
    print("{:>10} {:>8} {:>10} {:>10} {:>8} {:>8}".format(*header))
    for size, figures in results.items():
        for name in measures:
            median, p95 = figures[name]
            print(
                f"{size:>10} {name:>8} {median:>8.2f}ms {p95:>8.2f}ms "
                f"{median / figures['sql'][0]:>7.1f}x {median / figures['match'][0]:>7.1f}x"
            )
    small, large = min(results), max(results)
    for name in measures:
        growth = results[large][name][0] / results[small][name][0]
        target = " (target <= 2x)" if name in ("page", "api") else ""
        print(f"{name}: {large} vs {small} documents: {growth:.2f}x{target}")
    for name in ("page", "api"):
        for reference in ("sql", "match"):
            ratios = {size: f[name][0] / f[reference][0] for size, f in results.items()}
            print(
                f"{name} / {reference}: "
                + ", ".join(f"{ratio:.1f}x at {size}" for size, ratio in ratios.items())
                + (" (target <= 3x)" if reference == "sql" else "")
            )
    for size, figures in results.items():
        on, off = figures["api_recording_on"], figures["api_recording_off"]
        figures["recording_ratio"] = on[0] / off[0]
        print(
            f"api, search statistics on vs off at {size}: {on[0]:.2f} vs {off[0]:.2f} ms "
            f"(p95 {on[1]:.2f} vs {off[1]:.2f}): {on[0] / off[0]:.3f}x (target <= 1.1x); "
            f"a flush of {figures.get('statistics_rows_flushed_at_end', 0)} rows: "
            f"{figures.get('statistics_flush_ms', 0):.2f} ms"
        )
    output = ROOT / "bench" / f"search-results{'-postgresql' if postgres else ''}.json"
    output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {output.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

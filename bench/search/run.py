"""Benchmark of the database search backend at two corpus sizes.

    .venv/bin/python bench/search/run.py [--sizes 10000 100000] [--repeat 15]

For each size it builds a throw-away SQLite database (in a temporary folder) with
that many generated guidance documents, then measures, on the same data:
  - the bare full-text query (the FTS MATCH with BM25 ranking and LIMIT 10),
  - an end-to-end search request (GET /recherche/?q=… through Django: form, service,
    filters, counts, facets, highlights, template), and
  - the same search through the API (GET /api/v1/search?q=…: no page around it),
and prints their medians and 95th percentiles, the end-to-end / bare ratio, and how
each grows from the smallest to the largest size. Targets: end-to-end within 3x of
the bare query; the largest size no more than 2x slower than the smallest.
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
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("SEARCH_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

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
            cursor.executemany(
                "INSERT INTO search_fts(rowid, title, body) VALUES (%s, %s, %s)", fts_rows
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
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


def measure(count, repeat):
    from django.db import connection
    from django.test import Client

    from search.backends.database import SqliteFts

    generate(count)
    dialect = SqliteFts()
    client = Client(HTTP_HOST="localhost")

    def bare(text):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                "ORDER BY bm25(search_fts, 4.0, 1.0) LIMIT 10",
                [dialect.expression(text)],
            )
            return cursor.fetchall()

    def end_to_end(text):
        response = client.get("/recherche/", {"q": text})
        assert response.status_code == 200
        return response

    def api(text):
        response = client.get("/api/v1/search", {"q": text})
        assert response.status_code == 200
        return response

    return {
        "bare": summary(timings(bare, repeat)),
        "page": summary(timings(end_to_end, repeat)),
        "api": summary(timings(api, repeat)),
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

    print(f"{'documents':>10} {'measure':>8} {'median':>10} {'p95':>10} {'/ bare':>8}")
    for size, figures in results.items():
        bare = figures["bare"][0]
        for name, (median, p95) in figures.items():
            print(f"{size:>10} {name:>8} {median:>8.2f}ms {p95:>8.2f}ms {median / bare:>7.1f}x")
    small, large = min(results), max(results)
    for name in ("bare", "page", "api"):
        growth = results[large][name][0] / results[small][name][0]
        target = "" if name == "bare" else " (target <= 2x)"
        print(f"{name}: {large} vs {small} documents: {growth:.2f}x{target}")
    for name in ("page", "api"):
        worst = max(figures[name][0] / figures["bare"][0] for figures in results.values())
        print(f"worst {name} / bare ratio: {worst:.1f}x (target <= 3x)")


if __name__ == "__main__":
    main()

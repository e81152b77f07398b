"""The site benchmark behind `make bench`: four ratios measured in one run.

    .venv/bin/python bench/site/run.py [--repeat 200] [--keep]

It serves a fresh copy of the site with the production settings under gunicorn
(2 workers, loopback, SQLite; see bench/server.py), loads the demo content plus
generated content (1,000 guides, 200 roadmap updates, then 50 and 5,000 requests;
see bench/site/data.py) and measures, each figure against its reference in the same run,
requests interleaved so that the machine's load hits both sides alike:

1. a cached public page (the home page) against a static file of the same size served by
   the same server (WhiteNoise): target at most 2x;
2. an uncached render of that page (a query string the cache has never seen) against the
   cached one: target, cached at least 10x faster;
3. the expert's queue in the admin and the holder's "my requests" with 5,000 requests in
   the database against 50: target at most 1.5x;
4. filing a request (POST /api/v1/requests) with notifications on against off (a second
   server on the same database with DESK_NOTIFICATIONS=false): target at most 1.3x.
   Filing a request indexes nothing (requests are private), so notifications are the
   side effect measured.
5. the admin portfolio (its list and its transversal view) with 5,000 projects against
   50 (a second site holds the 50; requests alternate between the two): target at most
   1.5x (see bench/site/portfolio.py).

Each line gives both medians and the ratio; `bench/results.json` gets the same figures.
Exits with status 1 when a target is missed. A benchmark, not a test.
"""

import argparse
import http.client
import json
import secrets
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import portfolio  # noqa: E402
from server import running_site  # noqa: E402

RESULTS = HERE.parent / "results.json"
DATA = f"import sys; sys.path.insert(0, {str(HERE)!r}); import data; "
STATIC_NAME = "bench-same-size.html"


class Client:
    """One HTTP/1.1 connection per request, as gunicorn's sync workers close them anyway."""

    def __init__(self, base_url, cookies=None):
        host, port = base_url.removeprefix("http://").split(":")
        self.host, self.port = host, int(port)
        self.cookies = dict(cookies or {})

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        all_headers = {"Host": f"{self.host}:{self.port}"}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        all_headers.update(headers or {})
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        content = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        connection.close()
        return response, content, elapsed

    def timed(self, method, path, expect=200, **kwargs):
        response, content, elapsed = self.request(method, path, **kwargs)
        if response.status != expect:
            raise RuntimeError(f"{method} {path}: {response.status}\n{content[:2000]!r}")
        return elapsed, response, content


def interleaved(repeat, *measures):
    """Run the measures in turn `repeat` times; returns the list of timings of each."""
    timings = [[] for _ in measures]
    for _ in range(repeat):
        for index, measure in enumerate(measures):
            timings[index].append(measure())
    return timings


def median(values):
    return statistics.median(values)


def setup(site, guides, updates):
    print(f"bench: loading the demo content, {guides:,} guides, {updates} roadmap updates…")
    site.manage("load_content", "-v", "0")
    site.shell(DATA + f"data.content(guides={guides}, updates={updates})")
    # A static file exactly the size of the home page, written before the server starts
    # (WhiteNoise indexes the static folder at start-up).
    size = int(
        site.shell(
            "from django.test import Client; "
            "print(len(Client(HTTP_HOST='localhost').get('/').content))"
        ).strip()
    )
    (site.var_dir / "static" / STATIC_NAME).write_bytes(b"<!-- bench -->".ljust(size, b"x"))


def measure_pages(site, repeat):
    anonymous = Client(site.base_url)
    _, response, page = anonymous.timed("GET", "/")  # fills the cache
    _, response, page = anonymous.timed("GET", "/")
    if response.getheader("X-Page-Cache") != "hit":
        raise RuntimeError("the home page was not served from the page cache")
    _, _, static = anonymous.timed("GET", f"/static/{STATIC_NAME}")
    counter = iter(range(10**9))

    def uncached():
        elapsed, response, _ = anonymous.timed("GET", f"/?bench={next(counter)}")
        assert response.getheader("X-Page-Cache") == "miss"
        return elapsed

    cached, static_times, uncached_times = interleaved(
        repeat,
        lambda: anonymous.timed("GET", "/")[0],
        lambda: anonymous.timed("GET", f"/static/{STATIC_NAME}")[0],
        uncached,
    )
    return [
        figure(
            "cached_page_vs_static_file",
            f"1. cached home page ({len(page):,} B) vs static file ({len(static):,} B)",
            cached,
            static_times,
            target=2.0,
        ),
        figure(
            "uncached_vs_cached_page",
            "2. uncached home page render vs cached",
            uncached_times,
            cached,
            target=10.0,
            at_least=True,
        ),
    ]


def people(site):
    sessions = json.loads(site.shell(DATA + "data.people()").strip().splitlines()[-1])
    names = json.loads(
        site.shell(
            "import json; from django.conf import settings; "
            "print(json.dumps([settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME]))"
        ).strip()
    )
    return sessions, names


def measure_lists(site, holder, expert, repeat):
    queue = lambda: expert.timed("GET", "/admin/requests/")[0]  # noqa: E731
    mine = lambda: holder.timed("GET", "/demandes/")[0]  # noqa: E731
    queue(), mine()  # warm-up: per-process lookups
    return interleaved(repeat, queue, mine)


def submission(client, csrf_token, territory, priority):
    body = json.dumps(
        {
            "title": "Autoconsommation collective sur une zone d'activités",
            "question": "Comment monter une opération d'autoconsommation collective ?",
            "project_description": "Une zone d'activités de douze entreprises.",
            "priorities": [priority],
            "territory": territory,
            "stage": "idea",
        }
    )
    headers = {"Content-Type": "application/json", "X-CSRFToken": csrf_token}
    return lambda: client.timed("POST", "/api/v1/requests", expect=201, body=body,
                                headers=headers)[0]  # fmt: skip


def figure(key, label, measured, reference, target, at_least=False):
    ratio = median(measured) / median(reference)
    if at_least:  # "reference at least `target` times faster"
        met = ratio >= target
        goal = f"≥ {target:g}x"
    else:
        met = ratio <= target
        goal = f"≤ {target:g}x"
    return {
        "key": key,
        "label": label,
        "median_ms": round(median(measured), 3),
        "reference_median_ms": round(median(reference), 3),
        "p95_ms": round(statistics.quantiles(measured, n=20)[-1], 3),
        "reference_p95_ms": round(statistics.quantiles(reference, n=20)[-1], 3),
        "ratio": round(ratio, 2),
        "target": goal,
        "met": met,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=200, help="requests per measure")
    parser.add_argument("--guides", type=int, default=1000)
    parser.add_argument("--updates", type=int, default=200)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--few-requests", type=int, default=50)
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--few-projects", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the temporary var dir")
    args = parser.parse_args()
    # The limiter would count a one-client benchmark as abuse.
    env = {"RATELIMITS_ENABLED": "false"}
    figures = []
    load = lambda site: setup(site, args.guides, args.updates)  # noqa: E731
    with running_site(workers=2, env=env, setup=load, keep=args.keep) as site:
        print(f"bench: serving {site.base_url} (gunicorn, 2 workers, production settings)")
        figures += measure_pages(site, args.repeat)

        sessions, (session_cookie, csrf_cookie) = people(site)
        csrf = secrets.token_hex(16)  # a 32-character secret is a valid unmasked token
        holder = Client(site.base_url, {session_cookie: sessions["holder"], csrf_cookie: csrf})
        expert = Client(site.base_url, {session_cookie: sessions["expert"]})
        site.shell(DATA + f"data.requests({args.few_requests})")
        few_queue, few_mine = measure_lists(site, holder, expert, args.repeat // 2)
        site.shell(DATA + f"data.requests({args.requests})")
        many_queue, many_mine = measure_lists(site, holder, expert, args.repeat // 2)
        figures.append(
            figure(
                "expert_queue_many_vs_few",
                f"3. expert queue, {args.requests:,} vs {args.few_requests} requests",
                many_queue,
                few_queue,
                target=1.5,
            )
        )
        figures.append(
            figure(
                "my_requests_many_vs_few",
                f"3. my requests, {args.requests:,} vs {args.few_requests} requests",
                many_mine,
                few_mine,
                target=1.5,
            )
        )

        figures += portfolio.measure(
            site, args.repeat // 2, args.few_projects, args.projects, env=env
        )

        slugs = json.loads(
            site.shell(
                "import json; from knowledge.models import Priority, Territory; "
                "print(json.dumps([Territory.objects.first().slug, Priority.objects.first().slug]))"
            ).strip()
        )
        # Same secret key: the sessions signed by the first server must work on the second.
        quiet_env = {**env, "DESK_NOTIFICATIONS": "false", "SECRET_KEY": site.env["SECRET_KEY"]}
        with running_site(
            var_dir=site.var_dir, workers=2, env=quiet_env, collectstatic=False
        ) as quiet_site:
            quiet = Client(quiet_site.base_url, holder.cookies)
            with_mail, without_mail = interleaved(
                args.repeat // 2,
                submission(holder, csrf, *slugs),
                submission(quiet, csrf, *slugs),
            )
        figures.append(
            figure(
                "submission_notifications_on_vs_off",
                "4. filing a request, notifications on vs off",
                with_mail,
                without_mail,
                target=1.3,
            )
        )

    print()
    for item in figures:
        verdict = "ok" if item["met"] else "MISSED"
        print(
            f"{item['label']}: {item['median_ms']:.2f} ms vs {item['reference_median_ms']:.2f} ms"
            f" -> {item['ratio']:.2f}x (target {item['target']}) {verdict}"
        )
    RESULTS.write_text(
        json.dumps(
            {"measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "figures": figures},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    print(f"\nwritten to {RESULTS.relative_to(HERE.parent.parent)}")
    return 0 if all(item["met"] for item in figures) else 1


if __name__ == "__main__":
    sys.exit(main())

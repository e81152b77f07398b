"""Load benchmark: request submissions, searches and page reads against gunicorn on SQLite.

    .venv/bin/python bench/load/run.py [--holders 250] [--per-holder 2] [--clients 50]
                                       [--searches 500] [--reads 500] [--no-ratelimits]

Serves a fresh copy of the site (bench/server.py: production settings, gunicorn with 2
workers, the task worker beside it, SQLite in a temporary folder) with the demo content,
a few coordinators and many project holders, already signed in (sessions created on
the server, so that password hashing does not drown the figures). Then 50 concurrent
clients (asyncio, one connection per request like a browser without keep-alive) run a
shuffled mix of:
  - submissions: GET /demandes/nouvelle/ (CSRF token), POST the form, follow the redirect
    to the new request's page;
  - searches: /recherche/?q=… and /api/v1/search?q=…;
  - page reads: the home page and the guidance pages.
Afterwards it waits for the task queue to settle and counts in the database: requests
stored versus sent, notifications queued versus expected (a submission tells every
coordinator; the holder, who took the step, is not told), duplicates (two outbox rows or
two messages for the same event and recipient), notifications not sent, mail written.

Prints a table, writes bench/load/results.json, exits 1 if a target is missed:
no errors (a 429 counts as one), no 5xx, no traceback in the server or worker logs,
nothing lost, each notification queued and sent exactly once.

Latency is measured by the client (connect to last byte), so with 50 clients and 2
sync workers it is mostly time waiting for a free worker; the access log's own timing
("server ms": time inside gunicorn's worker) shows what one request costs.

The rate limits stay on, as in production. All clients connect from 127.0.0.1, so the
site runs as behind one proxy (TRUSTED_PROXY_COUNT=1) and each client sends an address
of its own in X-Forwarded-For; the per-address search limits then apply per client.
--no-ratelimits switches every limit off (RATELIMITS_ENABLED=false).
"""

import argparse
import asyncio
import json
import random
import re
import sys
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.server import running_site  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results.json"
TIMEOUT = 120  # seconds per HTTP request
QUERIES = [
    "énergie renouvelable",
    "mobilité",
    "rénovation bâtiment",
    "hydrogène",
    "autoconsommation collective",
    "financement",
    "chaleur",
    "méthanisation",
    "economie circulaire",
    "borne de recharge",
]
MARK = "BENCH-JSON:"

# Run in `manage.py shell` before the server starts: people, sessions, form choices.
SETUP_CODE = """
import json
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from wagtail.models import Page
from knowledge.models import Priority, Territory
from desk.models.requests import ProjectStage
from workflows.roles import COORDINATORS

User = get_user_model()
params = json.loads({params!r})
coordinators = Group.objects.get(name=COORDINATORS)
for i in range(params["coordinators"]):
    user, _ = User.objects.get_or_create(
        username=f"bench-coord-{{i}}", defaults={{"email": f"bench-coord-{{i}}@example.org"}}
    )
    user.groups.add(coordinators)
User.objects.bulk_create(
    [User(username=f"bench-holder-{{i:04d}}", email=f"bench-holder-{{i:04d}}@example.org",
          password="!unusable") for i in range(params["holders"])],
    ignore_conflicts=True,
)
holders = list(User.objects.filter(username__startswith="bench-holder-").order_by("username"))
EmailAddress.objects.bulk_create(
    [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in holders],
    ignore_conflicts=True,
)
sessions = []
for user in holders:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    sessions.append(store.session_key)
pages = [p.get_url() for p in Page.objects.live().public().filter(depth__gte=2).order_by("path")]
print({mark!r} + json.dumps({{
    "sessions": sessions,
    "priorities": list(Priority.objects.values_list("pk", flat=True)),
    "territories": list(Territory.objects.values_list("pk", flat=True)),
    "stages": [value for value, _ in ProjectStage.choices],
    "pages": [url for url in pages if url],
    "coordinators": params["coordinators"],
}}))
"""

# Run after the load: wait for the queue to settle, then count what was stored and sent.
COUNT_CODE = """
import json, time
from pathlib import Path
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from desk.models import HowToRequest, Notification
from desk.models.events import Action, RequestEvent
from workflows.roles import COORDINATORS

deadline = time.monotonic() + {wait}
start = time.monotonic()
while time.monotonic() < deadline:
    waiting = DBTaskResult.objects.ready().count() + DBTaskResult.objects.running().count()
    pending = Notification.objects.filter(state__in=["pending", "sending"]).count()
    if not waiting and not pending:
        break
    time.sleep(0.5)
settled = time.monotonic() - start

requests = HowToRequest.objects.filter(holder__username__startswith="bench-holder-")
titles = list(requests.values_list("title", flat=True))
submits = RequestEvent.objects.filter(request__in=requests, action=Action.SUBMIT)
notifications = Notification.objects.filter(event__in=submits)
coordinators = get_user_model().objects.filter(
    groups__name=COORDINATORS, is_active=True).exclude(email="").distinct().count()
per_request_recipient = (
    notifications.values("event__request", "recipient").annotate(n=Count("pk")).filter(n__gt=1)
)
delivery = DBTaskResult.objects.filter(task_path__endswith="deliver_notification")
task_args = {{}}
for args_kwargs in delivery.values_list("args_kwargs", flat=True):
    key = args_kwargs["args"][0]
    task_args[key] = task_args.get(key, 0) + 1
ids = set(notifications.values_list("pk", flat=True))
mail = Path(settings.EMAIL_FILE_PATH)
messages = sum(
    sum(1 for line in f.read_text(errors="replace").splitlines() if line.startswith("Message-ID:"))
    for f in mail.glob("*.log")
)
print({mark!r} + json.dumps({{
    "settled_seconds": round(settled, 1),
    "tasks_left": DBTaskResult.objects.ready().count() + DBTaskResult.objects.running().count(),
    "requests_stored": len(titles),
    "requests_distinct": len(set(titles)),
    "submit_events": submits.count(),
    "coordinators": coordinators,
    "notifications": notifications.count(),
    "notification_states": dict(
        notifications.values_list("state").annotate(n=Count("pk")).order_by()
    ),
    "duplicate_notifications": per_request_recipient.count(),
    "notifications_without_task": len([pk for pk in ids if pk not in task_args]),
    "notifications_queued_twice": len([pk for pk in ids if task_args.get(pk, 0) > 1]),
    "delivery_tasks": dict(delivery.values_list("status").annotate(n=Count("pk")).order_by()),
    "mail_messages": messages,
    "all_notifications_sent": Notification.objects.filter(state="sent").count(),
    "all_notifications": Notification.objects.count(),
}}))
"""


def shell_json(site, code):
    output = site.shell(code)
    for line in output.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])
    raise RuntimeError(f"no result in the shell's output:\n{output}")


# A minimal HTTP/1.1 client: one connection per request, like gunicorn's sync workers.


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        name = name.lower()
        return next((value for key, value in self.headers if key == name), None)

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


def _dechunk(data):
    body, rest = b"", data
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if not size:
            break
        body, rest = body + rest[:size], rest[size + 2 :]
    return body


async def http(host, port, method, path, cookies, body=b"", headers=()):
    reader, writer = await asyncio.open_connection(host, port)
    try:
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {host}:{port}",
            "Connection: close",
            "User-Agent: trihub-bench-load",
            "Accept-Language: fr",
            *headers,
        ]
        if cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await writer.drain()
        raw = await reader.read()
    finally:
        writer.close()
    head, _, payload = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split()[1])
    parsed = []
    for line in header_lines:
        key, _, value = line.partition(":")
        parsed.append((key.strip().lower(), value.strip()))
    response = Response(status, parsed, payload)
    if (response.header("transfer-encoding") or "").lower() == "chunked":
        response.body = _dechunk(payload)
    for key, value in parsed:
        if key == "set-cookie":
            name, _, rest = value.partition("=")
            cookies[name.strip()] = rest.split(";")[0]
    return response


def multipart(fields):
    boundary = f"----trihubbench{random.getrandbits(64):x}"
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    # An empty file input, as a browser sends it when nothing is attached.
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; filename=""\r\n'
        "Content-Type: application/octet-stream\r\n\r\n\r\n"
    )
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode("utf-8"), f"multipart/form-data; boundary={boundary}"


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Bench:
    def __init__(self, base_url, data, args):
        parsed = urllib.parse.urlsplit(base_url)
        self.host, self.port, self.origin = parsed.hostname, parsed.port, base_url
        self.data, self.args = data, args
        self.timings = defaultdict(list)  # kind -> seconds
        self.statuses = defaultdict(lambda: defaultdict(int))  # kind -> status -> count
        self.errors = defaultdict(list)  # kind -> messages
        self.sent = self.accepted = 0

    async def request(self, client, kind, method, path, cookies, expect, headers=(), **kwargs):
        # Each client has an address of its own, passed on as the site's proxy would.
        headers = (*headers, f"X-Forwarded-For: 10.77.{client // 250}.{client % 250 + 1}")
        started = time.perf_counter()
        try:
            response = await asyncio.wait_for(
                http(self.host, self.port, method, path, cookies, headers=headers, **kwargs),
                TIMEOUT,
            )
        except Exception as exc:  # a refused, reset or timed-out connection
            self.errors[kind].append(f"{method} {path}: {type(exc).__name__}: {exc}")
            self.statuses[kind]["exception"] += 1
            return None
        self.timings[kind].append(time.perf_counter() - started)
        self.statuses[kind][response.status] += 1
        if response.status not in expect:
            self.errors[kind].append(f"{method} {path}: HTTP {response.status}")
        return response

    async def submit(self, client, number, session):
        cookies = {"sessionid": session}
        form = await self.request(client, "form", "GET", "/demandes/nouvelle/", cookies, {200})
        if form is None or form.status != 200:
            return
        token = CSRF_INPUT.search(form.text)
        if not token:
            self.errors["form"].append("no CSRF token in the form")
            return
        rng = random.Random(number)
        fields = [
            ("csrfmiddlewaretoken", token.group(1)),
            ("website", ""),  # the honeypot, left empty as people do
            ("title", f"Bench request {number:04d}: heat network for a school"),
            ("question", "Which funding and which expert body for a small heat network?"),
            ("project_description", "A village wants to heat its school and town hall."),
            *[("priorities", pk) for pk in rng.sample(self.data["priorities"], k=2)],
            ("territory", rng.choice(self.data["territories"])),
            ("stage", rng.choice(self.data["stages"])),
            ("partners", "The town council"),
            ("funding_sought", ""),
        ]
        if rng.random() < 0.5:
            fields.append(("consent_to_publish", "on"))
        body, content_type = multipart(fields)
        self.sent += 1
        response = await self.request(
            client,
            "submit",
            "POST",
            "/demandes/nouvelle/",
            cookies,
            {302},
            body=body,
            headers=(
                f"Content-Type: {content_type}",
                f"Origin: {self.origin}",
                f"Referer: {self.origin}/demandes/nouvelle/",
            ),
        )
        if response is None or response.status != 302:
            if response is not None and response.status == 400:
                self.errors["submit"].append(re.sub(r"\s+", " ", response.text)[-300:])
            return
        location = urllib.parse.urlsplit(response.header("location") or "").path
        if not re.fullmatch(r"/demandes/[^/]+/", location) or location == "/demandes/nouvelle/":
            self.errors["submit"].append(f"redirected to {location!r}, not to the request")
            return
        self.accepted += 1
        await self.request(client, "detail", "GET", location, cookies, {200})

    async def search_page(self, client, query):
        path = "/recherche/?" + urllib.parse.urlencode({"q": query})
        await self.request(client, "search page", "GET", path, {}, {200})

    async def search_api(self, client, query):
        path = "/api/v1/search?" + urllib.parse.urlencode({"q": query})
        await self.request(client, "search API", "GET", path, {}, {200})

    async def read(self, client, path):
        await self.request(client, "page", "GET", path, {}, {200})

    def jobs(self):
        rng = random.Random(2026)
        sessions = self.data["sessions"]
        jobs = [
            (self.submit, (n, sessions[n % len(sessions)]))
            for n in range(self.args.holders * self.args.per_holder)
        ]
        for n in range(self.args.searches):
            job = self.search_page if n % 2 else self.search_api
            jobs.append((job, (QUERIES[n % len(QUERIES)],)))
        pages = self.data["pages"] or ["/"]
        for n in range(self.args.reads):
            jobs.append((self.read, ("/" if n % 5 == 0 else rng.choice(pages),)))
        rng.shuffle(jobs)
        return jobs

    async def warm_up(self, rounds):
        """Each kind of page a few times, not counted: a site in service is warm (imports,
        templates, connections), and the figures should not hang on the first requests."""
        paths = ["/", *self.data["pages"][:3], "/recherche/?q=energie", "/api/v1/search?q=energie"]
        form = ("/demandes/nouvelle/", {"sessionid": self.data["sessions"][0]})
        for _ in range(rounds):
            await asyncio.gather(
                *(http(self.host, self.port, "GET", path, {}) for path in paths),
                http(self.host, self.port, "GET", form[0], dict(form[1])),
            )

    async def run(self):
        queue = asyncio.Queue()
        for job in self.jobs():
            queue.put_nowait(job)

        async def client(number):
            while not queue.empty():
                function, arguments = queue.get_nowait()
                await function(number, *arguments)

        started = time.perf_counter()
        await asyncio.gather(*(client(n) for n in range(self.args.clients)))
        return time.perf_counter() - started


# Gunicorn's access log, one line per request with the time spent in the worker (µs).
ACCESS_LOG = (
    "--access-logfile",
    "-",
    "--access-logformat",
    "BENCH-ACCESS %(m)s %(U)s %(s)s %(D)s",
)


def kind_of(method, path):
    if path == "/demandes/nouvelle/":
        return "submit" if method == "POST" else "form"
    if path.startswith("/demandes/"):
        return "detail"
    if path.startswith("/recherche/"):
        return "search page"
    if path.startswith("/api/v1/search"):
        return "search API"
    return "page"


def access_lines(log):
    lines = log.read_text(errors="replace").splitlines()
    return [line for line in lines if line.startswith("BENCH-ACCESS ")]


def server_times(log, skip=0):
    """Seconds spent in gunicorn's worker per kind, read from the access log."""
    times = defaultdict(list)
    for line in access_lines(log)[skip:]:
        _, method, path, _status, micros = line.split()
        times[kind_of(method, path)].append(int(micros) / 1e6)
    return times


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def ms(values, fraction):
    return None if not values else round(percentile(values, fraction) * 1000, 1)


def report(bench, counts, elapsed, args, server, tracebacks, restarts):
    kinds = {}
    for kind in ["form", "submit", "detail", "search page", "search API", "page"]:
        times = bench.timings.get(kind, [])
        statuses = bench.statuses.get(kind, {})
        kinds[kind] = {
            "requests": sum(statuses.values()),
            "errors": len(bench.errors.get(kind, [])),
            "5xx": sum(n for s, n in statuses.items() if isinstance(s, int) and s >= 500),
            "429": statuses.get(429, 0),
            "p50_ms": ms(times, 0.5),
            "p99_ms": ms(times, 0.99),
            "max_ms": ms(times, 1),
            "server_p50_ms": ms(server.get(kind, []), 0.5),
            "server_p99_ms": ms(server.get(kind, []), 0.99),
            "statuses": {str(s): n for s, n in sorted(statuses.items(), key=str)},
        }
    expected = counts["requests_stored"] * counts["coordinators"]
    total_requests = sum(k["requests"] for k in kinds.values())
    checks = {
        "no errors": sum(k["errors"] for k in kinds.values()) == 0,
        "no 5xx": sum(k["5xx"] for k in kinds.values()) == 0,
        "no traceback in the logs": not any(tracebacks.values()),
        "every submission accepted": bench.accepted == bench.sent,
        "requests stored = sent": counts["requests_stored"] == bench.sent
        and counts["requests_distinct"] == bench.sent,
        "one submit event per request": counts["submit_events"] == counts["requests_stored"],
        "notifications queued = expected": counts["notifications"] == expected,
        "no duplicate notification": counts["duplicate_notifications"] == 0,
        "each notification queued once": counts["notifications_without_task"] == 0
        and counts["notifications_queued_twice"] == 0,
        "every notification sent once": counts["notification_states"].get("sent", 0) == expected
        and counts["mail_messages"] == counts["all_notifications_sent"],
    }
    result = {
        "settings": {
            "gunicorn_workers": args.workers,
            "clients": args.clients,
            "holders": args.holders,
            "submissions_per_holder": args.per_holder,
            "searches": args.searches,
            "page_reads": args.reads,
            "ratelimits": args.ratelimits,
            "database": "SQLite",
            "gunicorn_args": args.gunicorn_arg,
        },
        "elapsed_seconds": round(elapsed, 1),
        "throughput_rps": round(total_requests / elapsed, 1),
        "kinds": kinds,
        "submissions": {"sent": bench.sent, "accepted": bench.accepted},
        "database": counts,
        "log_tracebacks": tracebacks,
        "gunicorn_worker_restarts": restarts,
        "notifications_expected": expected,
        "checks": checks,
        "error_samples": {k: v[:5] for k, v in bench.errors.items() if v},
        "passed": all(checks.values()),
    }

    print()
    print(
        f"Load: {args.clients} clients, gunicorn {args.workers} workers, SQLite, "
        f"rate limits {'ON' if args.ratelimits else 'OFF (RATELIMITS_ENABLED=false)'}"
    )
    print(f"{total_requests} HTTP requests in {elapsed:.1f} s ({result['throughput_rps']} req/s)\n")
    columns = ["p50_ms", "p99_ms", "server_p50_ms", "server_p99_ms"]
    print(
        f"{'kind':<12} {'requests':>8} {'errors':>6} {'5xx':>4} {'429':>4} "
        f"{'p50 ms':>8} {'p99 ms':>8} {'server p50':>10} {'server p99':>10}"
    )
    for kind, row in kinds.items():
        p50, p99, sp50, sp99 = ("-" if row[c] is None else f"{row[c]:.1f}" for c in columns)
        print(
            f"{kind:<12} {row['requests']:>8} {row['errors']:>6} {row['5xx']:>4} "
            f"{row['429']:>4} {p50:>8} {p99:>8} {sp50:>10} {sp99:>10}"
        )
    print()
    print(f"submissions sent / accepted (302)   {bench.sent} / {bench.accepted}")
    print(
        f"requests stored / distinct          {counts['requests_stored']} / "
        f"{counts['requests_distinct']}"
    )
    print(
        f"notifications queued / expected     {counts['notifications']} / {expected} "
        f"({counts['coordinators']} coordinators per submission; the holder is not told "
        "of their own step)"
    )
    print(f"notification states                 {counts['notification_states']}")
    print(f"duplicate notifications             {counts['duplicate_notifications']}")
    print(
        f"delivery tasks                      {counts['delivery_tasks']} "
        f"(without a task: {counts['notifications_without_task']}, "
        f"queued twice: {counts['notifications_queued_twice']})"
    )
    print(
        f"mail messages written / sent        {counts['mail_messages']} / "
        f"{counts['all_notifications_sent']}"
    )
    print(f"queue settled after the load in     {counts['settled_seconds']} s")
    print(f"tracebacks in the logs              {tracebacks}")
    print(f"gunicorn workers recycled           {restarts}")
    for kind, samples in result["error_samples"].items():
        print(f"\n{kind} errors (first {len(samples)}):")
        for sample in samples:
            print(f"  {sample}")
    print()
    for name, ok in checks.items():
        print(f"  [{'ok' if ok else 'FAIL'}] {name}")
    print(f"\n{'PASSED' if result['passed'] else 'FAILED'}; details in {args.output}")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holders", type=int, default=250)
    parser.add_argument("--per-holder", type=int, default=2)
    parser.add_argument("--coordinators", type=int, default=3)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--searches", type=int, default=500)
    parser.add_argument("--reads", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--settle", type=int, default=300, help="seconds to wait for the queue")
    parser.add_argument(
        "--no-ratelimits",
        dest="ratelimits",
        action="store_false",
        help="switch every rate limit off (RATELIMITS_ENABLED=false)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary var dir")
    parser.add_argument(
        "--gunicorn-arg",
        action="append",
        default=[],
        help="an extra gunicorn option, e.g. --gunicorn-arg=--max-requests=0 (repeatable)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()

    params = {"holders": args.holders, "coordinators": args.coordinators}
    data = {}

    def setup(site):
        print("bench: loading the demo content and the people…", flush=True)
        site.manage("load_demo", "-v", "0", capture=True)
        data.update(shell_json(site, SETUP_CODE.format(params=json.dumps(params), mark=MARK)))

    env = {
        "RATELIMITS_ENABLED": "true" if args.ratelimits else "false",
        "TRUSTED_PROXY_COUNT": "1",
        "DESK_NOTIFICATIONS": "true",  # counted below, whatever the caller's environment says
    }
    print("bench: migrating and collecting static files…", flush=True)
    options = {"env": env, "setup": setup, "task_worker": True, "keep": args.keep}
    gunicorn_args = (*ACCESS_LOG, *args.gunicorn_arg)
    with running_site(workers=args.workers, gunicorn_args=gunicorn_args, **options) as site:
        print(f"bench: serving {site.base_url}; sending the load…", flush=True)
        bench = Bench(site.base_url, data, args)
        log = site.var_dir / "logs" / "gunicorn.log"
        asyncio.run(bench.warm_up(rounds=3 * args.workers))
        warm_up_requests = len(access_lines(log))
        elapsed = asyncio.run(bench.run())
        print("bench: waiting for the task queue to settle and counting…", flush=True)
        counts = shell_json(site, COUNT_CODE.format(wait=args.settle, mark=MARK))
        server = server_times(log, skip=warm_up_requests)
        # Gunicorn recycles a worker after max_requests (gunicorn.conf.py); while the new
        # one boots, one worker serves alone: it shows in the tail latency.
        restarts = log.read_text(errors="replace").count("Booting worker") - args.workers
        tracebacks = {
            name: (site.var_dir / "logs" / f"{name}.log")
            .read_text(errors="replace")
            .count("Traceback")
            for name in ("gunicorn", "worker")
        }
        result = report(bench, counts, elapsed, args, server, tracebacks, restarts)
        if not result["passed"]:
            for name in ("gunicorn", "worker"):
                tail = site.log_tail(name, 15)
                if tail:
                    print(f"\n--- {name} log (tail) ---\n{tail}")
    args.output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())

"""The fault suite (`make test-faults`, run by .ci/run): the site as an operator runs it,
with faults injected, and what must hold while and after they last.

Run inside `scripts/with-postgres.sh` (the Makefile does), which gives a private
PostgreSQL cluster and the means to restart it. The suite starts, on 127.0.0.1 only:

- the OpenSearch node (tools/search-node, port $FAULTS_ENGINE_PORT, default 9213), and
  in front of it a TCP proxy (proxy.py) that the site's SEARCH_URL points at: it passes
  through, stalls (accepts and never answers) or refuses, so the engine can hang without
  being stopped;
- an SMTP sink (smtp_sink.py) that records each accepted message and can hold its reply
  to DATA (a message whose DATA got no 250 before the connection dropped was not
  accepted, as in SMTP);
- the site under production settings (bench/server.py's `running_site`): gunicorn with
  2 workers, and the task worker under scripts/keep-running.sh (`manage.py run_worker`),
  with its heartbeat, housekeeping and stale-sending delays set low.

Then, in order:

1. baseline: p95 of the home page, a guide, the request form (anonymous) and /health,
   while three threads search (more than the gunicorn workers); search from the engine;
2. engine stopped: first the proxy refuses (the node keeps its data: the updates
   published meanwhile are replayed into it), then the node itself is stopped and
   started (`run.sh`, which starts it empty: the site makes its index and refills it);
3. engine hung: the proxy stalls; the same p95, with the same searches, within 2x of
   the baseline (the breaker); afterwards the half-open trial closes it;
4. engine emptied: its index and alias deleted on the node; 4b. engine read-only (a
   write block): the refused update is kept and replayed once unblocked;
5. PostgreSQL restarted (`pg_ctl restart -m fast`, then down for OUTAGE seconds) while
   pages are published and requests filed: same worker process, nothing lost;
6. the worker killed (SIGKILL) while the sink holds one of 40 emails in DATA;
7. the production guard: load_demo refused, also under the dev settings.

After each fault every searchable page is in the engine exactly once (document ids
counted on the node); at the end every notification of the run was accepted exactly
once by the sink. Every answer of the search page and the API is recorded, and none may
be 5xx. A check that fails because of a known finding of the site is listed in
`KNOWN_FINDINGS` with its reason (a strict expected failure: the suite fails once it
passes, so that the entry is removed). Everything stops at the end, also on failure.

    scripts/with-postgres.sh .venv/bin/python tests/faults/run.py
"""

import contextlib
import json
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
import traceback
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.server import PYTHON, running_site  # noqa: E402
from tests.faults import site_scripts  # noqa: E402
from tests.faults.proxy import PASS, REFUSE, STALL, TcpProxy  # noqa: E402
from tests.faults.smtp_sink import SmtpSink  # noqa: E402

ENGINE_PORT = int(os.environ.get("FAULTS_ENGINE_PORT", "9213"))
ENGINE = f"http://127.0.0.1:{ENGINE_PORT}"
ALIAS = "trihub-guidance"
RUN_SH = ["bash", str(ROOT / "tools" / "search-node" / "run.sh")]
KEEP_RUNNING = ROOT / "scripts" / "keep-running.sh"
# Rounds of the baseline and hung measurements (each round: every measured page once).
ROUNDS = 40
# The search page's notice that the database answered (templates/search/search.html).
NOTICE = b'class="notice notice--warning" role="status"'
BATCH = 40  # emails of the last fault
OUTAGE = 3  # seconds PostgreSQL stays down at least, after its fast restart

# Checks that fail because of a finding not fixed yet: check name -> reason, e.g.
# "load_demo refused under production settings": "it exits 0 and writes the demo content"
# (so it was until 67659d7).
KNOWN_FINDINGS = {}

# Low delays, so that each fault resolves in seconds (the defaults are minutes).
SITE_ENV = {
    "SEARCH_ENGINE": "opensearch",
    "SEARCH_TIMEOUT": "1",
    "SEARCH_BREAKER_FAILURES": "3",
    "SEARCH_BREAKER_SECONDS": "5",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_TIMEOUT": "10",
    "RATELIMITS_ENABLED": "false",
    "WORKER_HEARTBEAT_SECONDS": "1",
    "WORKER_HEARTBEAT_STALE_SECONDS": "5",
    "WORKER_HOUSEKEEPING_SECONDS": "2",
    "NOTIFICATION_STALE_SENDING_SECONDS": "10",
    "LOG_FORMAT": "text",
    "LOG_LEVEL": "INFO",
    # E.g. FAULTS_SITE_ENV='{"SEARCH_BREAKER_FAILURES": "100000"}' to see a check fail.
    **json.loads(os.environ.get("FAULTS_SITE_ENV", "{}")),
}


# Results ------------------------------------------------------------------------


class Checks:
    def __init__(self):
        self.results = []  # (fault, name, outcome, detail)
        self.measures = []  # (what, value)

    def check(self, fault, name, passed, detail=""):
        detail = " | ".join(line.strip() for line in str(detail).splitlines() if line.strip())
        known = KNOWN_FINDINGS.get(name)
        if known and not passed:
            outcome, detail = "xfail", f"known finding: {known} ({detail})"
        elif known:
            outcome, detail = "XPASS", f"passes now: remove it from KNOWN_FINDINGS ({known})"
        else:
            outcome = "ok" if passed else "FAIL"
        self.results.append((fault, name, outcome, detail))
        print(f"  [{outcome}] {name}" + (f": {detail}" if detail else ""), flush=True)
        return passed

    def measure(self, what, value):
        self.measures.append((what, value))
        print(f"  {what}: {value}", flush=True)

    def failed(self):
        return [result for result in self.results if result[2] in ("FAIL", "XPASS")]


checks = Checks()


class Timeout(Exception):
    pass


def wait_for(condition, timeout, what, interval=0.2):
    """Poll `condition()` until it returns something true; that value, or Timeout."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = condition()
        except (OSError, psycopg.Error) as error:  # a service coming back
            last = error
        else:
            if last:
                return last
        time.sleep(interval)
    raise Timeout(f"{what}: not within {timeout} s (last: {last!r})")


def p95(durations):
    ordered = sorted(durations)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


# HTTP -----------------------------------------------------------------------------


def http(url, method="GET", body=None, timeout=30):
    """(status, seconds, body); status 0 when nothing answered."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, time.monotonic() - started, response.read()
    except urllib.error.HTTPError as error:
        return error.code, time.monotonic() - started, error.read()
    except OSError:
        return 0, time.monotonic() - started, b""


class SearchProbe:
    """The search page, the search API and the suggestions, each answer recorded."""

    def __init__(self, site):
        self.site = site
        self.statuses = []  # (phase, path, status)
        self.phase = "start"
        self._lock = threading.Lock()

    def get(self, path):
        status, seconds, body = http(self.site.url(path))
        with self._lock:
            self.statuses.append((self.phase, path, status))
        return status, seconds, body

    def api(self, text):
        status, _seconds, body = self.get(f"/api/v1/search?q={text}")
        try:
            return status, json.loads(body)
        except ValueError:
            return status, {}

    def round(self, text="chaleur"):
        self.get(f"/recherche/?q={text}")
        self.get(f"/api/v1/search/suggest?q={text[:4]}")
        return self.api(text)

    def errors(self, phase=None):
        with self._lock:
            return [
                (path, status)
                for seen, path, status in self.statuses
                if (phase is None or seen == phase) and (status >= 500 or status == 0)
            ]

    def count(self, phase=None):
        with self._lock:
            return sum(1 for seen, _path, _status in self.statuses if phase in (None, seen))


class Traffic:
    """Searches from threads of their own while pages are measured: more searchers than
    gunicorn workers, so that searches held by a hung engine would hold every worker
    and the pages would wait behind them."""

    def __init__(self, probe, searchers=3):
        self.probe = probe
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._run, daemon=True) for _number in range(searchers)
        ]

    def _run(self):
        while not self._stop.is_set():
            self.probe.round()
            time.sleep(0.05)

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(60)


def measure_pages(site, pages):
    durations, bad = [], []
    for _round in range(ROUNDS):
        for path in pages:
            status, seconds, _body = http(site.url(path))
            durations.append(seconds)
            if status != 200:
                bad.append((path, status))
    return durations, bad


# The engine, the database, the worker --------------------------------------------


def engine(method, path, body=None):
    status, _seconds, answer = http(ENGINE + path, method=method, body=body, timeout=30)
    try:
        return status, json.loads(answer) if answer else {}
    except ValueError:
        return status, {}


def engine_documents():
    """(Counter of document ids under the alias, the indices the alias names, every
    index on the node)."""
    engine("POST", f"/{ALIAS}/_refresh")
    _status, aliases = engine("GET", f"/_alias/{ALIAS}")
    targets = sorted(aliases) if _status == 200 else []
    ids = Counter()
    if targets:
        status, found = engine(
            "POST",
            f"/{ALIAS}/_search",
            {"query": {"match_all": {}}, "size": 10000, "_source": False},
        )
        if status == 200:
            ids = Counter(int(hit["_id"]) for hit in found["hits"]["hits"])
    _status, indices = engine("GET", "/_cat/indices?format=json")
    names = sorted(index["index"] for index in indices) if isinstance(indices, list) else []
    return ids, targets, names


def sql(query, *params):
    with psycopg.connect(os.environ["DATABASE_URL"], connect_timeout=5) as connection:
        return connection.execute(query, params).fetchall()


def searchable_ids():
    return {pk for (pk,) in sql("SELECT page_id FROM search_searchdocument")}


def engine_exactly_once(fault, name, timeout=60):
    """Wait until the engine holds every searchable page once, under one index."""

    def settled():
        expected = searchable_ids()
        ids, targets, _names = engine_documents()
        return (set(ids) == expected and len(targets) == 1, expected, ids, targets)

    with contextlib.suppress(Timeout):
        wait_for(lambda: settled()[0], timeout, name, interval=0.5)
    done, expected, ids, targets = settled()
    twice = [pk for pk, times in ids.items() if times > 1]
    missing = sorted(expected - set(ids))
    extra = sorted(set(ids) - expected)
    checks.check(
        fault,
        name,
        done and not twice,
        f"{len(expected)} searchable, engine {sum(ids.values())} docs under {targets}"
        + (f", missing {missing}" if missing else "")
        + (f", not searchable {extra}" if extra else "")
        + (f", twice {twice}" if twice else ""),
    )
    return expected


def quiet():
    """Nothing left to do: no task ready or running, no email pending or sending."""
    tasks = sql(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult "
        "WHERE status = 'RUNNING' OR (status = 'READY' AND run_after <= now())"
    )[0][0]
    emails = sql("SELECT count(*) FROM desk_notification WHERE state IN ('pending', 'sending')")[0][
        0
    ]
    updates = sql("SELECT count(*) FROM search_pendingengineupdate")[0][0]
    return tasks == 0 and emails == 0 and updates == 0


def pg_ctl(*args):
    """pg_ctl on the suite's cluster (scripts/with-postgres.sh exports where it is)."""
    return subprocess.run(
        [*os.environ.get("PG_RUN_AS", "").split(), f"{os.environ['PG_BIN']}/pg_ctl",
         "-D", os.environ["PG_CTL_DATA"], "-l", os.environ["PG_SERVER_LOG"], "-w", "-t", "60",
         *args],
        capture_output=True, text=True, timeout=90,
    )  # fmt: skip


def server_options():
    """The options the cluster was started with (postmaster.opts), for `pg_ctl start`."""
    words = shlex.split(Path(os.environ["PG_CTL_DATA"], "postmaster.opts").read_text())
    options, skip = [], True  # the first word is the server's binary
    for word in words:
        if skip:
            skip = False
        elif word == "-D":
            skip = True  # and its value: pg_ctl gives it
        else:
            options.append(shlex.quote(word))
    return " ".join(options)


def task_counts():
    return dict(
        sql("SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status")
    )


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as listing:
            return [int(child) for child in listing.read().split()]
    except OSError:
        return []


def worker_pid(site):
    """The worker process itself: keep-running.sh's child running manage.py."""
    wrapper = site.processes["worker"].pid
    if not KEEP_RUNNING.exists():
        return wrapper if site.processes["worker"].poll() is None else None
    for child in children(wrapper):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"manage.py" in command:
            return child
    return None


def worker_command():
    if not KEEP_RUNNING.exists():
        print("WARNING: scripts/keep-running.sh is missing: the worker runs unguarded.")
        prefix = []
    else:
        prefix = ["bash", str(KEEP_RUNNING)]
    found = list(ROOT.glob("*/management/commands/run_worker.py"))
    # FAULTS_WORKER=db_worker: django_tasks_db's own worker, to see the checks it fails.
    command = os.environ.get("FAULTS_WORKER") or ("run_worker" if found else "db_worker")
    if command != "run_worker":
        print(f"WARNING: the worker is manage.py {command}, not run_worker.")
    return [*prefix, PYTHON, str(ROOT / "manage.py"), command, "--queue-name", "*",
            "--interval", "0.2", "--no-startup-delay", "--no-reload"]  # fmt: skip


def shell_json(site, code, timeout=120):
    """Run `code` in the site's shell; its last line, read as JSON."""
    return json.loads(site.shell(code, timeout=timeout).strip().splitlines()[-1])


# Set-up -----------------------------------------------------------------------------


def prepare(site):
    """After migrate, before serving: the programme's content (`load_content`, as an
    operator loads it), the suite's guides and people, the engine's index.

    These commands fill the engine in bulk on a node just started, with the served
    site's own settings: its SEARCH_TIMEOUT of 1 s (for the hung engine) made them time
    out now and then, until bulk loads got their own SEARCH_BULK_TIMEOUT."""
    for command in (["load_content", "-v", "0"], ["rebuild_search_index"]):
        done = site.manage(*command, check=False, capture=True, timeout=300)
        checks.check("set-up", f"{command[0]} runs under production settings",
                     done.returncode == 0, done.stderr.strip()[-300:])  # fmt: skip
        if command[0] == "load_content":
            site.manage("setup_roles", "-v", "0")
            site.seeded = shell_json(site, site_scripts.SEED)


def production_guard(site):
    """Last, since a load_demo that is not refused writes the demo content."""
    fault = "7 production guard"
    refused = site.manage("load_demo", "-v", "0", check=False, capture=True)
    checks.check(
        fault,
        "load_demo refused under production settings",
        refused.returncode != 0,
        f"exit {refused.returncode}: "
        + (
            (refused.stderr.strip().splitlines() or [""])[-1][:120]
            if refused.returncode
            else "; ".join(line for line in refused.stdout.splitlines() if "créé" in line)[:200]
        ),
    )
    dev = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), "load_demo", "-v", "0"],
        cwd=ROOT,
        env={**site.env, "DJANGO_SETTINGS_MODULE": "trihub.settings.dev"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    checks.check(
        fault,
        "load_demo refused under the dev settings on the production database",
        dev.returncode != 0,
        f"exit {dev.returncode}",
    )
    demo = sql("SELECT count(*) FROM auth_user WHERE username NOT LIKE 'faults-%%'")[0][0]
    checks.check(fault, "no demo account created", demo == 0, f"{demo} other accounts")


# The faults -----------------------------------------------------------------------


def baseline(site, probe, pages):
    fault = "1 baseline"
    probe.phase = fault
    # The steady state: the worker done with what the set-up queued (content indexed).
    wait_for(quiet, 180, "the worker done with the set-up's tasks", interval=0.5)
    alone, _bad = measure_pages(site, pages)
    checks.measure("p95 of the other pages, nobody searching (ms)", round(p95(alone) * 1000, 1))
    # "Normal": the same searches as while the engine hangs, answered by the engine.
    with Traffic(probe):
        durations, bad = measure_pages(site, pages)
    status, answer = probe.round()
    checks.check(fault, "pages answer 200", not bad, f"{bad[:5]}" if bad else "")
    checks.check(
        fault,
        "search API answers 200 from the engine",
        status == 200 and answer.get("backend") == "engine" and answer.get("total", 0) > 0,
        f"{status}, backend {answer.get('backend')}, {answer.get('total')} hits",
    )
    site.baseline_p95 = p95(durations)
    checks.measure("p95 of the other pages, baseline (ms)", round(site.baseline_p95 * 1000, 1))
    engine_exactly_once(fault, "every searchable page in the engine once")


def no_server_errors(probe, fault):
    """The check every fault ends with: search and its API never answered 5xx."""
    checks.check(fault, "no 5xx from search page and API", not probe.errors(fault),
                 f"{probe.count(fault)} answers, bad: {probe.errors(fault)[:5]}")  # fmt: skip


def engine_stopped(site, probe):
    fault = "2 engine stopped"
    probe.phase = fault
    site.proxy.set_mode(REFUSE)
    status, answer = probe.round()
    checks.check(
        fault,
        "search API answers from the database, with the notice",
        status == 200 and answer.get("backend") == "database" and bool(answer.get("notice")),
        f"{status}, backend {answer.get('backend')}",
    )
    status, _seconds, page = probe.get("/recherche/?q=chaleur")
    checks.check(fault, "search page answers from the database, with the notice",
                 status == 200 and NOTICE in page, f"{status}")  # fmt: skip
    script = site_scripts.PUBLISH.format(count=2, word="zorbalite", guides=site_scripts.GUIDES)
    published = shell_json(site, script)["published"]

    def found_in_database():
        status, answer = probe.api("zorbalite")
        return answer.get("backend") == "database" and answer.get("total") == len(published)

    try:
        wait_for(found_in_database, 60, "pages published meanwhile found", interval=0.5)
        indexed = True
    except Timeout:
        indexed = False
    checks.check(fault, "pages published meanwhile are found in the database", indexed)

    def waiting():
        return sql("SELECT count(*) FROM search_pendingengineupdate")[0][0]

    with contextlib.suppress(Timeout):  # kept just after the database's index is written
        wait_for(lambda: waiting() >= len(published), 30, "updates kept", interval=0.5)
    checks.measure("updates waiting for replay while stopped", waiting())
    checks.check(fault, "their engine updates are kept for replay", waiting() >= len(published))
    site.proxy.set_mode(PASS)

    def from_engine():
        status, answer = probe.api("zorbalite")
        return answer.get("backend") == "engine" and answer.get("total") == len(published)

    started = time.monotonic()
    try:
        wait_for(from_engine, 60, "engine answers with the replayed pages", interval=0.5)
        replayed = True
    except Timeout:
        replayed = False
    checks.measure("seconds until the engine answered again", round(time.monotonic() - started))
    checks.check(fault, "after restart, the engine answers with the pages replayed", replayed)
    wait_for(lambda: not sql("SELECT 1 FROM search_pendingengineupdate"), 60, "replay done")
    engine_exactly_once(fault, "after replay, every searchable page in the engine once")

    # The node itself stopped (`run.sh stop` removes its data: it starts again empty).
    subprocess.run([*RUN_SH, "stop", str(ENGINE_PORT)], check=True, cwd=ROOT)
    status, answer = probe.round()
    checks.check(fault, "node stopped: search API answers from the database",
                 status == 200 and answer.get("backend") == "database", f"{status}")  # fmt: skip
    script = site_scripts.PUBLISH.format(count=1, word="vextrane", guides=site_scripts.GUIDES)
    shell_json(site, script)
    subprocess.run([*RUN_SH, "start", str(ENGINE_PORT)], check=True, cwd=ROOT)
    with Traffic(probe, searchers=1):
        engine_exactly_once(fault, "node started again: every searchable page in it once")
    no_server_errors(probe, fault)


def engine_hung(site, probe, pages):
    fault = "3 engine hung"
    probe.phase = fault
    site.proxy.set_mode(STALL)
    with Traffic(probe):
        durations, bad = measure_pages(site, pages)
    hung_p95 = p95(durations)
    checks.measure("p95 of the other pages, engine hung (ms)", round(hung_p95 * 1000, 1))
    checks.check(fault, "pages answer 200 while it hangs", not bad, f"{bad[:5]}" if bad else "")
    checks.check(
        fault,
        "p95 of the other pages within 2x of the baseline",
        hung_p95 <= 2 * site.baseline_p95,
        f"{hung_p95 * 1000:.0f} ms vs 2 x {site.baseline_p95 * 1000:.0f} ms",
    )
    # Three searches: at most one of them is the breaker's half-open trial, which waits
    # for SEARCH_TIMEOUT; the others answer from the database at once.
    tries = [probe.get("/api/v1/search?q=chaleur") for _number in range(3)]
    status, _seconds, body = tries[0]
    seconds = sorted(seconds for _status, seconds, _body in tries)[1]
    answers = [json.loads(body) if status == 200 else {} for status, _seconds, body in tries]
    answer = answers[1] if answers[0].get("backend") == "engine" else answers[0]
    statuses = {status for status, _seconds, _body in tries}
    _status, _seconds, ready = http(site.url("/ready"))
    breaker = json.loads(ready or b"{}").get("search_engine", {}).get("breaker")
    checks.measure("breaker while hung (from /ready)", breaker)
    checks.check(
        fault,
        "search API answers fast from the database while it hangs",
        statuses == {200} and answer.get("backend") == "database" and seconds < 0.5,
        f"{statuses}, median {seconds * 1000:.0f} ms, backend {answer.get('backend')}, "
        f"breaker {breaker}",
    )
    site.proxy.set_mode(PASS)
    started = time.monotonic()
    try:
        wait_for(lambda: probe.api("chaleur")[1].get("backend") == "engine", 60, "breaker closes")
        closed = True
    except Timeout:
        closed = False
    checks.measure("seconds until the breaker closed", round(time.monotonic() - started, 1))
    _status, _seconds, ready = http(site.url("/ready"))
    breaker = json.loads(ready or b"{}").get("search_engine", {}).get("breaker")
    checks.check(fault, "after un-stalling, the breaker closes and the engine answers",
                 closed and breaker == "closed", f"breaker {breaker}")  # fmt: skip
    no_server_errors(probe, fault)


def engine_emptied(site, probe):
    fault = "4 engine emptied"
    probe.phase = fault
    _ids, targets, _names = engine_documents()
    # The site may make its index again at once (a search, the worker's round): what is
    # checked here is that the node took the deletion, then what the site made.
    deleted = [engine("DELETE", f"/{index}") for index in targets]
    checks.measure("indices deleted", ", ".join(targets))
    checks.check(
        fault,
        "the index and its alias deleted on the node",
        targets and all(status == 200 and answer.get("acknowledged") for status, answer in deleted),
        f"{deleted}",
    )
    with Traffic(probe):
        engine_exactly_once(fault, "the site makes its index again, refilled, each page once")
    _ids, targets, names = engine_documents()
    checks.check(
        fault,
        "no index auto-created by the engine",
        ALIAS not in names and len(targets) == 1,
        f"indices {names}, alias on {targets}",
    )
    no_server_errors(probe, fault)


def engine_read_only(site, probe):
    """The engine answers searches and refuses writes (a read-only block, as a full
    disk sets): a 4xx, not an outage."""
    fault = "4b engine read-only"
    probe.phase = fault
    # The index the site made in 4 filled, no filling left to swap a new one in.
    wait_for(lambda: sql(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE task_path = "
        "'search.tasks.refill_engine_index_task' AND status IN ('READY', 'RUNNING')"
    )[0][0] == 0, 60, "the filling done", interval=0.2)  # fmt: skip
    _ids, targets, _names = engine_documents()
    for index in targets:
        engine("PUT", f"/{index}/_settings", {"index.blocks.write": True})
    waiting_before = sql("SELECT count(*) FROM search_pendingengineupdate")[0][0]
    script = site_scripts.PUBLISH.format(count=1, word="quillorne", guides=site_scripts.GUIDES)
    shell_json(site, script)
    try:
        wait_for(lambda: sql("SELECT count(*) FROM search_pendingengineupdate")[0][0]
                 > waiting_before, 60, "the refused update kept", interval=0.5)  # fmt: skip
        kept = True
    except Timeout:
        kept = False
    checks.check(fault, "the refused update is kept for replay", kept)
    status, answer = probe.round()
    checks.check(fault, "search API answers 200 from the engine meanwhile",
                 status == 200 and answer.get("backend") == "engine",
                 f"{status}, backend {answer.get('backend')}")  # fmt: skip
    for index in targets:
        engine("PUT", f"/{index}/_settings", {"index.blocks.write": False})
    engine_exactly_once(fault, "unblocked: replayed, every searchable page in the engine once")
    no_server_errors(probe, fault)


def postgres_restarted(site, probe, pages):
    fault = "5 PostgreSQL restarted"
    probe.phase = fault
    before_pid = worker_pid(site)
    sent_before = site.sink.count()
    notifications_before = sql("SELECT count(*) FROM desk_notification")[0][0]
    steps = subprocess.Popen(
        [PYTHON, str(ROOT / "manage.py"), "shell", "--no-imports", "-c",
         site_scripts.DURING_RESTART.format(count=12, word="quervanite",
                                           guides=site_scripts.GUIDES)],
        cwd=ROOT, env=site.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(steps.stdout), daemon=True)
    reader.start()

    def first_steps():
        if steps.poll() is not None:
            raise RuntimeError("the steps stopped:\n" + "".join(lines[-20:]))
        return sum(line.startswith("filed") for line in lines) >= 2

    wait_for(first_steps, 90, "first steps")
    started = time.monotonic()
    restart = pg_ctl("-m", "fast", "restart")
    checks.measure("pg_ctl restart -m fast (s)", round(time.monotonic() - started, 1))
    checks.check(fault, "pg_ctl restart succeeded", restart.returncode == 0, restart.stderr[-200:])
    answered = [(path, http(site.url(path))[0]) for path in pages * 3]
    bad = [(path, status) for path, status in answered if status != 200]
    checks.check(fault, "pages answer 200 at once after the restart (no stale connection)",
                 not bad, f"{bad[:4]}")  # fmt: skip

    # Then down until the site and the steps have seen it (/ready 503, a step retried),
    # and for at least OUTAGE seconds: the worker's heartbeat and polls meet it too.
    filed = sum(line.startswith("filed") for line in lines)
    wait_for(lambda: sum(line.startswith("filed") for line in lines) > filed, 60, "more steps")
    retried = sum(line.startswith("retried") for line in lines)
    started = time.monotonic()
    stop = pg_ctl("-m", "fast", "stop")
    with contextlib.suppress(Timeout):
        wait_for(lambda: http(site.url("/ready"))[0] == 503, 30, "/ready 503")
    probes = {path: http(site.url(path))[0] for path in ("/health", "/ready")}
    checks.check(fault, "while it is down: /health 200 (alive), /ready 503 (not ready)",
                 probes == {"/health": 200, "/ready": 503}, f"{probes}")  # fmt: skip
    with contextlib.suppress(Timeout):
        wait_for(lambda: sum(line.startswith("retried") for line in lines) > retried
                 or steps.poll() is not None, 30, "a step retried")  # fmt: skip
    with contextlib.suppress(Timeout):
        wait_for(lambda: time.monotonic() - started >= OUTAGE, OUTAGE + 1, "the outage")
    start = pg_ctl("start", "-o", server_options())
    checks.measure("PostgreSQL down for (s)", round(time.monotonic() - started, 1))
    checks.check(fault, "pg_ctl stop and start succeeded",
                 stop.returncode == 0 and start.returncode == 0, start.stderr[-200:])  # fmt: skip
    steps.wait(120)
    reader.join(10)
    retried = sum(line.startswith("retried") for line in lines)
    checks.measure("steps taken again after the outage", retried)
    checks.check(fault, "pages published and requests filed across the restart",
                 steps.returncode == 0, lines[-1] if lines else "")  # fmt: skip
    try:
        wait_for(lambda: http(site.url("/ready"))[0] == 200, 60, "/ready 200", interval=0.5)
        ready = True
    except Timeout:
        ready = False
    checks.check(fault, "/ready is 200 again", ready, http(site.url("/ready"))[2].decode()[:300])
    status, answer = probe.round()
    checks.check(fault, "search API answers from the engine again",
                 status == 200 and answer.get("backend") == "engine", f"{status}")  # fmt: skip
    try:
        wait_for(quiet, 90, "every task done", interval=0.5)
        done = True
    except Timeout:
        done = False
    checks.check(fault, "no task lost: none left ready or running, no email pending", done,
                 f"tasks {task_counts()}")  # fmt: skip
    later = sql(
        "SELECT task_path, run_after FROM django_tasks_database_dbtaskresult "
        "WHERE status = 'READY' ORDER BY run_after"
    )
    checks.measure("tasks queued for later", [f"{path} at {when:%H:%M}" for path, when in later])
    after_pid = worker_pid(site)
    checks.check(fault, "the worker is the same process afterwards", before_pid == after_pid,
                 f"pid {before_pid} -> {after_pid}")  # fmt: skip
    new_notifications = sql("SELECT count(*) FROM desk_notification")[0][0] - notifications_before
    accepted = site.sink.since(sent_before)
    pairs = Counter((message.recipients, message.subject) for message in accepted)
    checks.measure("emails queued across the restart / accepted", f"{new_notifications} / "
                   f"{len(accepted)}")  # fmt: skip
    checks.check(fault, "every email queued across the restart sent exactly once",
                 len(accepted) == new_notifications and len(pairs) == len(accepted),
                 f"twice: {[pair for pair, times in pairs.items() if times > 1][:3]}")  # fmt: skip
    engine_exactly_once(fault, "every page published across the restart in the engine once")
    no_server_errors(probe, fault)


def worker_killed(site, probe):
    fault = "6 worker killed mid-batch"
    probe.phase = fault
    sink = site.sink
    start = sink.count()
    dropped_before = sink.dropped
    filer = threading.Thread(
        target=lambda: site.filed.update(
            shell_json(site, site_scripts.FILE_REQUESTS.format(count=BATCH // 2, word="lot"))
        ),
        daemon=True,
    )
    filer.start()
    wait_for(lambda: sink.count() >= start + 8, 120, "the batch's first emails", interval=0.02)
    sink.hold_next(seconds=8)
    wait_for(sink.holding.is_set, 30, "an email held in DATA", interval=0.02)
    victim = worker_pid(site)
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    wait_for(lambda: sink.dropped > dropped_before, 10, "the held email dropped", interval=0.02)
    sink.release()
    checks.measure("emails accepted when the worker was killed", sink.count() - start)
    checks.measure("emails dropped in DATA by the kill", sink.dropped - dropped_before)
    try:
        restarted = wait_for(lambda: (pid := worker_pid(site)) and pid != victim and pid,
                             30, "a new worker")  # fmt: skip
    except Timeout:
        restarted = None
    checks.check(fault, "keep-running started the worker again", bool(restarted),
                 f"pid {victim} -> {restarted}")  # fmt: skip
    filer.join(120)
    if restarted:  # else nothing sends them: no use waiting
        with contextlib.suppress(Timeout):
            wait_for(lambda: sink.count() >= start + BATCH, 120, "all emails", interval=0.2)
        checks.measure("seconds from the kill to the last email",
                       round(time.monotonic() - killed_at))  # fmt: skip
        with contextlib.suppress(Timeout):
            wait_for(quiet, 60, "nothing left to send", interval=0.5)
    accepted = sink.since(start)
    message_ids = Counter(message.message_id for message in accepted)
    pairs = Counter((message.recipients, message.subject) for message in accepted)
    checks.measure("notifications made by the batch", site.filed.get("notifications"))
    checks.measure("emails accepted / distinct Message-IDs / distinct (recipient, subject)",
                   f"{len(accepted)} / {len(message_ids)} / {len(pairs)}")  # fmt: skip
    checks.check(fault, f"the batch made {BATCH} notifications",
                 site.filed.get("notifications") == BATCH)  # fmt: skip
    checks.check(
        fault,
        f"all {BATCH} emails arrive, each exactly once",
        len(accepted) == BATCH and len(message_ids) == BATCH and len(pairs) == BATCH,
        f"twice: {[pair for pair, times in pairs.items() if times > 1][:3]}",
    )
    states = dict(sql("SELECT state, count(*) FROM desk_notification GROUP BY state"))
    checks.check(fault, "every Notification ends sent", set(states) == {"sent"}, f"{states}")
    try:
        wait_for(lambda: http(site.url("/ready"))[0] == 200, 30, "/ready 200", interval=0.5)
        ready = True
    except Timeout:
        ready = False
    checks.check(fault, "/ready is 200 with the new worker", ready)


def every_email_once(site):
    fault = "all"
    accepted = site.sink.since(0)
    sent = sql("SELECT count(*) FROM desk_notification WHERE state = 'sent'")[0][0]
    total = sql("SELECT count(*) FROM desk_notification")[0][0]
    pairs = Counter((message.recipients, message.subject) for message in accepted)
    checks.measure("notifications / sent / emails accepted", f"{total} / {sent} / {len(accepted)}")
    checks.check(
        fault,
        "every notification of the run sent, each email exactly once",
        total == sent == len(accepted) == len(pairs),
    )


# The run ----------------------------------------------------------------------------


def run_faults(site, probe):
    pages = ["/", site.seeded["guide_url"], "/demandes/nouvelle/", "/health"]
    for path in pages:  # warm the page cache and each worker
        for _ in range(4):
            http(site.url(path))
    site.filed = {}
    faults = [
        lambda: baseline(site, probe, pages),
        lambda: engine_stopped(site, probe),
        lambda: engine_hung(site, probe, pages),
        lambda: engine_emptied(site, probe),
        lambda: engine_read_only(site, probe),
        lambda: postgres_restarted(site, probe, pages),
        lambda: worker_killed(site, probe),
        lambda: every_email_once(site),
        lambda: production_guard(site),
    ]
    names = ["1 baseline", "2 engine stopped", "3 engine hung", "4 engine emptied",
             "4b engine read-only",
             "5 PostgreSQL restarted", "6 worker killed mid-batch", "all",
             "7 production guard"]  # fmt: skip
    for name, fault in zip(names, faults, strict=True):
        print(f"\n== {name} ==", flush=True)
        started = time.monotonic()
        try:
            fault()
        except Exception as error:  # a fault that could not finish: a failed check
            traceback.print_exc()
            checks.check(name, f"{name}: ran to the end", False, f"{type(error).__name__}: {error}")
            site.proxy.set_mode(PASS)
            site.sink.release()
        checks.measure(f"{name}: seconds", round(time.monotonic() - started, 1))
    checks.check("all", "no 5xx from search page and API in the whole run", not probe.errors(),
                 f"{probe.count()} answers recorded")  # fmt: skip


def summary(started):
    print("\n== summary ==")
    width = max(len(name) for _fault, name, _outcome, _detail in checks.results)
    for fault, name, outcome, detail in checks.results:
        shown = detail if outcome != "ok" else detail[:90]
        print(f"{outcome:5}  {fault:26}  {name:{width}}  {shown}")
    print()
    for what, value in checks.measures:
        if not what.endswith(": seconds"):
            print(f"  {what:70} {value}")
    failed = checks.failed()
    print(f"\ntest-faults: {len(checks.results) - len(failed)} of {len(checks.results)} checks "
          f"passed ({sum(r[2] == 'xfail' for r in checks.results)} known findings), "
          f"{time.monotonic() - started:.0f} s")  # fmt: skip
    return 1 if failed else 0


def main():
    if not os.environ.get("PG_CTL_DATA") or not os.environ.get("DATABASE_URL"):
        print("tests/faults/run.py runs inside scripts/with-postgres.sh (make test-faults).")
        return 2
    started = time.monotonic()
    # A TERM (a CI timeout) unwinds like an error: every service started is stopped.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    proxy = sink = None
    try:
        subprocess.run([*RUN_SH, "start", str(ENGINE_PORT)], check=True, cwd=ROOT)
        proxy = TcpProxy(ENGINE_PORT)
        sink = SmtpSink()
        env = {
            **SITE_ENV,
            "DATABASE_URL": os.environ["DATABASE_URL"],
            "SEARCH_URL": f"http://127.0.0.1:{proxy.port}",
            "EMAIL_PORT": str(sink.port),
        }
        print(f"engine {ENGINE} behind proxy :{proxy.port}, SMTP sink :{sink.port}", flush=True)
        with running_site(
            workers=2,
            env=env,
            setup=prepare,
            worker_command=worker_command(),
            start_timeout=120,
        ) as site:
            print(f"site {site.base_url}, set up in {time.monotonic() - started:.0f} s")
            site.proxy, site.sink = proxy, sink
            probe = SearchProbe(site)
            try:
                run_faults(site, probe)
            finally:
                if checks.failed():
                    for name in ("gunicorn", "worker"):
                        print(f"\n----- last lines of the {name} log (no access lines) -----")
                        lines = site.log_tail(name, lines=2000).splitlines()
                        print("\n".join([line for line in lines if " HTTP/1." not in line][-60:]))
    except Exception as error:
        traceback.print_exc()
        checks.check("set-up", "the services started", False, f"{type(error).__name__}: {error}")
    finally:
        if proxy is not None:
            proxy.close()
        if sink is not None:
            sink.close()
        subprocess.run([*RUN_SH, "stop", str(ENGINE_PORT)], cwd=ROOT)
    return summary(started)


if __name__ == "__main__":
    sys.exit(main())

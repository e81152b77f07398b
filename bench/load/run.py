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
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.load.access_log import ACCESS_LOG, access_lines, server_times  # noqa: E402
from bench.load.report import report  # noqa: E402
from bench.load.shell import COUNT_CODE, MARK, SETUP_CODE, shell_json  # noqa: E402
from bench.load.traffic import Bench  # noqa: E402
from bench.server import running_site  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results.json"


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
        site.manage("load_content", "-v", "0", capture=True)
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

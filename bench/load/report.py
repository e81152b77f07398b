"""The load benchmark's figures and checks: a table on the terminal, a dict for the JSON."""


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

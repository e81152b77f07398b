"""Gunicorn's access log: the time each request spent inside a worker, by kind."""

from collections import defaultdict

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

"""A circuit breaker in front of the search engine: an engine that keeps failing, or
hangs, is left alone for a while, so each search costs a fast database fallback instead
of a timeout.

- closed: calls go through; `SEARCH_BREAKER_FAILURES` failures in a row open it;
- open, for `SEARCH_BREAKER_SECONDS`: no call is made (the caller falls back at once,
  and an index update is kept for replay);
- half-open, after that: one call, from one process, tries the engine; its success
  closes the breaker, its failure opens it again.

The state lives in the default cache (files under var/cache, shared by the web
processes and the worker of a server): one hung engine costs a server one timeout per
period, not one per process. That cache's `add` and `incr` are not atomic across
processes: two processes may both make the half-open trial, which costs one timeout more,
never a wrong answer. A cache that fails leaves the breaker closed (calls go through,
each bounded by `SEARCH_TIMEOUT`). Hand-written: the breaker libraries on PyPI
(pybreaker, circuitbreaker) keep their state per process or need their own Redis client,
where Django's cache already is the shared state here.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

FAILURES = "search:breaker:failures"
OPEN_UNTIL = "search:breaker:open-until"
TRIAL = "search:breaker:trial"


def _threshold():
    return int(getattr(settings, "SEARCH_BREAKER_FAILURES", 3))


def _open_seconds():
    return float(getattr(settings, "SEARCH_BREAKER_SECONDS", 30))


def guarded(operation, default=None):
    """`operation()` on the cache, or `default` if the cache fails: search never
    fails for its cache."""
    try:
        return operation()
    except Exception:  # the cache is down: the breaker stays out of the way
        logger.warning("Search breaker: the cache failed; calling the engine.", exc_info=True)
        return default


def state():
    """ "closed", "open" or "half-open", for /ready and the logs."""
    open_until = guarded(lambda: cache.get(OPEN_UNTIL))
    if open_until is None:
        return "closed"
    return "open" if time.time() < open_until else "half-open"


def allow():
    """Whether a call to the engine may be made now."""
    open_until = guarded(lambda: cache.get(OPEN_UNTIL))
    if open_until is None:
        return True
    if time.time() < open_until:
        return False
    # Half-open: one trial at a time, whoever takes it first; it is bounded by the
    # engine's timeout, after which another may try.
    trial_seconds = max(1, int(float(getattr(settings, "SEARCH_TIMEOUT", 3)) * 2))
    return bool(guarded(lambda: cache.add(TRIAL, True, timeout=trial_seconds), True))


def succeeded():
    """The engine answered: the breaker closes (one cache read when it was closed)."""
    known = guarded(lambda: cache.get_many([FAILURES, OPEN_UNTIL, TRIAL]), {})
    if not known:
        return
    if OPEN_UNTIL in known:
        logger.warning("Search engine answers again: the breaker closes.")
    guarded(lambda: cache.delete_many([FAILURES, OPEN_UNTIL, TRIAL]))


def failed():
    """Count a failure; open the breaker at the threshold, or at once after a trial."""

    def count():
        cache.add(FAILURES, 0, timeout=None)
        return cache.incr(FAILURES)

    failures = guarded(count, 0)
    trial = guarded(lambda: cache.get(OPEN_UNTIL)) is not None
    if trial or failures >= _threshold():
        seconds = _open_seconds()
        logger.warning(
            "Search engine failing (%s in a row): not called for %s s.", failures, seconds
        )
        guarded(lambda: cache.set(OPEN_UNTIL, time.time() + seconds, timeout=None))
        guarded(lambda: cache.delete(TRIAL))

"""Counting what search and suggestions achieve, at no cost a search can feel.

What is counted (see `models_statistics.StatisticKind`), per day and linked to nobody:
searches with their normalised query and result count; which rank of the search page
was opened (click-through); header suggestions opened; on the request form, forms that
showed suggestions, forms where one was opened, and requests filed after either. "Left"
is derived: forms that showed suggestions minus requests filed after them.

Why a buffer in the process, and not a write per search or a cache counter:
- a write per search would put a write (and, on SQLite, the database's single writer
  lock) in every search's path: the bench (bench/search/run.py, "api with recording
  on / off") is there to show the cost stays under 1.1x;
- Django's file cache (the production `default`) does not increment atomically (it reads
  then writes), so two workers counting at once would lose counts, and a cache counter
  still needs a job to copy it into the database;
- so each process adds to a lock-protected Counter of (day, kind, key) -> n, and the first
  count after SEARCH_STATISTICS_FLUSH_SECONDS (30 s) starts a short-lived thread that
  writes the whole buffer as F() increments, one row per (day, kind, key), in one
  transaction on the thread's own connection: the request that noticed goes on at once
  (the bench measured a flush of 20 rows at 80 ms on a loaded machine, too much for one
  unlucky search to wait). Also at the process's exit (`atexit`: gunicorn's workers and
  runserver exit cleanly) and whenever `flush()` is called (the admin reports call it
  before reading, the tests too).

What may be lost: a process killed without its exit (SIGKILL, a crash) loses up to
SEARCH_STATISTICS_FLUSH_SECONDS of its counts. A database that fails at flush time
(locked, down) never fails the request that flushed: the counts go back into the buffer
for the next flush, which holds at most MAX_KEYS distinct keys (new keys beyond are
dropped, with a warning), so memory stays bounded however long the database is away.

The thread's connection is its own, so a request's transaction (and its rollback) never
holds the counts; one flush thread at a time per process.

What is kept of the words searched: `query_privacy` (an email address or a long number is
counted under the empty key, a query is shown once searched a few times, rare ones are
folded away after a while). A result opened counts only for words the search page itself
showed results for: the page signs them for its beacon, so words posted to the beacon
alone count nothing, and the beacon adds no key the searches did not (the searches are
bounded by the search page's rate limit). A signature may be sent again: one more result
opened of a search really made, as a visitor opening a second result sends.

SEARCH_STATISTICS=False turns all of it off (the bench measures the difference).
"""

import atexit
import logging
import threading
import time
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import DatabaseError, IntegrityError, connections, transaction
from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from . import query_privacy
from .models import ZeroResultQuery
from .models_statistics import QUERY_KINDS, SearchStatistic, StatisticKind
from .query import MAX_PAGE_SIZE, MAX_QUERY_LENGTH

logger = logging.getLogger(__name__)

MAX_KEYS = 10_000
MAX_RANK = MAX_PAGE_SIZE  # the beacon refuses ranks above: five pages of ten

_lock = threading.Lock()
_buffer = Counter()
_last_flush = time.monotonic()
_exit_hook = False
_dropped = False
_flush_thread = None


def enabled():
    return getattr(settings, "SEARCH_STATISTICS", True)


def normalise_query(text):
    """The query as counted: words separated by one space, lower case, at most 200 characters."""
    return " ".join(str(text).split()).lower()[:MAX_QUERY_LENGTH]


def counted_query(text):
    """The key a query is counted under: normalised, or withheld (`query_privacy`)."""
    text = normalise_query(text)
    return text if query_privacy.may_keep(text) else query_privacy.WITHHELD


_SIGNER = signing.Signer(salt="search.statistics.result-opened")


def sign_query(text):
    """What the search page gives its beacon with the words it showed results for: nothing
    of the visitor (the same words sign the same for everyone), and only this site can
    make it, so a result opened is counted only for words someone searched here."""
    return _SIGNER.signature(normalise_query(text))


def signed(text, signature):
    return constant_time_compare(sign_query(text), signature or "")


def _add(counts):
    """Add {(kind, key): n} to today's buffer, then flush if one is due."""
    global _dropped, _exit_hook
    if not enabled():
        return
    day = timezone.localdate()
    with _lock:
        for (kind, key), amount in counts.items():
            entry = (day, kind, key)
            if entry not in _buffer and len(_buffer) >= MAX_KEYS:
                if not _dropped:
                    logger.warning("Search statistics buffer full: counts dropped until a flush")
                    _dropped = True
                continue
            _buffer[entry] += amount
        if not _exit_hook and getattr(settings, "SEARCH_STATISTICS_FLUSH_AT_EXIT", True):
            atexit.register(_flush_at_exit)
            _exit_hook = True
    _flush_if_due()


def _flush_if_due():
    global _flush_thread, _last_flush
    seconds = getattr(settings, "SEARCH_STATISTICS_FLUSH_SECONDS", 30)
    if seconds is None or time.monotonic() - _last_flush < seconds:
        return
    with _lock:
        if _flush_thread is not None and _flush_thread.is_alive():
            return
        _last_flush = time.monotonic()  # claimed: the next requests do not start another
        _flush_thread = threading.Thread(
            target=_flush_in_thread, name="search-statistics-flush", daemon=True
        )
    _flush_thread.start()


def _flush_in_thread():
    try:
        flush()
    except Exception:  # a thread's exception would only be printed; say it in the log
        logger.warning("Search statistics flush failed", exc_info=True)
    finally:
        connections.close_all()  # this thread's connections only


def wait_for_flush(timeout=10):
    """Wait for a flush thread under way (tests)."""
    thread = _flush_thread
    if thread is not None:
        thread.join(timeout)


def _flush_at_exit():
    try:
        flush()
    except Exception:  # at exit, nothing is left to report to
        logger.warning("Search statistics not written at exit", exc_info=True)


def flush():
    """Write the buffer into the daily rows; returns how many rows were written.

    Idempotent: what is written leaves the buffer, so a second call writes nothing. On a
    database error the counts go back into the buffer and the error is only logged."""
    global _last_flush, _dropped
    with _lock:
        _last_flush = time.monotonic()
        if not _buffer:
            return 0
        pending = dict(_buffer)
        _buffer.clear()
        _dropped = False
    try:
        with transaction.atomic():
            # In a fixed order, so that two processes flushing at once never deadlock.
            for (day, kind, key), amount in sorted(pending.items()):
                _increment(day, kind, key, amount)
    except DatabaseError:
        logger.warning("Search statistics not written; kept for the next flush", exc_info=True)
        with _lock:
            for entry, amount in pending.items():
                if entry in _buffer or len(_buffer) < MAX_KEYS:
                    _buffer[entry] += amount
        return 0
    return len(pending)


def _increment(day, kind, key, amount):
    rows = SearchStatistic.objects.filter(day=day, kind=kind, key=key)
    if rows.update(count=F("count") + amount):
        return
    try:
        with transaction.atomic():
            SearchStatistic.objects.create(day=day, kind=kind, key=key, count=amount)
    except IntegrityError:  # created meanwhile by another process's flush
        rows.update(count=F("count") + amount)


def discard():
    """Forget what the buffer holds (tests start from nothing)."""
    global _last_flush, _dropped
    with _lock:
        _buffer.clear()
        _last_flush = time.monotonic()
        _dropped = False


def pending():
    """A copy of the buffer, {(day, kind, key): n}."""
    with _lock:
        return dict(_buffer)


# What the search, the search page's beacon and the desk call.


def record_search(query, total):
    """A search with words: counted once per search, on its first page only (the next
    pages are the same search read further)."""
    if not query.text or query.page != 1:
        return
    text = counted_query(query.text)
    counts = {(StatisticKind.SEARCH, text): 1, (StatisticKind.RESULTS, text): total}
    if not total:
        counts[(StatisticKind.ZERO, text)] = 1
    _add(counts)


def record_result_opened(query_text, rank):
    """A result of the search page opened, at `rank` (1 for the first of page one). The
    beacon checks first that the page showed these words (`signed`)."""
    text = counted_query(query_text)
    _add(
        {
            (StatisticKind.CLICK, text): 1,
            (StatisticKind.RANK_SUM, text): rank,
            (StatisticKind.RANK, str(rank)): 1,
        }
    )


def record_header_suggestion_opened():
    _add({(StatisticKind.HEADER_SUGGESTION, ""): 1})


def record_form_suggestions_shown():
    """A request form showed suggestions (once per visit of the form)."""
    _add({(StatisticKind.FORM_SHOWN, ""): 1})


def record_form_suggestion_opened():
    """A suggestion of the request form was opened (once per visit of the form)."""
    _add({(StatisticKind.FORM_OPENED, ""): 1})


def record_filing(suggestions_shown, suggestion_opened):
    """A request was filed; the form said whether it had shown suggestions, and whether
    one was opened (its hidden inputs, set by static/js/suggest.js)."""
    counts = {(StatisticKind.FILED, ""): 1}
    if suggestions_shown:
        counts[(StatisticKind.FILED_SHOWN, "")] = 1
    if suggestion_opened:
        counts[(StatisticKind.FILED_OPENED, "")] = 1
    _add(counts)


# Rare queries, after a while ---------------------------------------------------------------


def fold_rare_queries(today=None, batch=500):
    """Fold the rows of the queries never shown (`query_privacy`: searched too few times,
    or on too few days) whose last search is more than SEARCH_STATISTICS_RARE_DAYS old
    into the withheld key, day by day, so the totals stay and the words go; forget the
    searches without results of the same kind. Returns (rows folded, searches without
    results forgotten). Idempotent; run by the retention timer
    (`manage.py fold_rare_search_queries`)."""
    cutoff = (today or timezone.localdate()) - timedelta(days=query_privacy.rare_days())
    shown = query_privacy.min_searches()
    rare_keys = list(
        SearchStatistic.objects.filter(kind__in=QUERY_KINDS)
        .exclude(key=query_privacy.WITHHELD)
        .values("key")
        .annotate(
            last=Max("day"),
            searches=Sum("count", filter=Q(kind=StatisticKind.SEARCH)),
            search_days=Count("day", distinct=True, filter=Q(kind=StatisticKind.SEARCH)),
        )
        .filter(last__lt=cutoff)
        .filter(
            Q(searches__lt=shown)
            | Q(searches__isnull=True)
            | Q(search_days__lt=query_privacy.min_days())
        )
        .values_list("key", flat=True)
    )
    folded = 0
    for start in range(0, len(rare_keys), batch):
        keys = rare_keys[start : start + batch]
        with transaction.atomic():
            # Before the cutoff only: a key searched again since it was listed keeps its
            # new rows (and a flush writing today's cannot be folded half-way).
            rows = SearchStatistic.objects.filter(
                kind__in=QUERY_KINDS, key__in=keys, day__lt=cutoff
            )
            sums = rows.values("day", "kind").annotate(total=Sum("count")).order_by("day", "kind")
            for row in sums:
                _increment(row["day"], row["kind"], query_privacy.WITHHELD, row["total"])
            folded += rows.delete()[0]
    never_shown = ZeroResultQuery.objects.exclude(pk__in=ZeroResultQuery.objects.shown())
    forgotten, _by_model = never_shown.filter(last_seen__date__lt=cutoff).delete()
    return folded, forgotten

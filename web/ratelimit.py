"""Abuse limits of our own views: fixed-window counters in the `default` cache.

Sign-up, sign-in and password reset are limited by django-allauth itself
(ACCOUNT_RATE_LIMITS); this module limits the rest: filing a request (per user, the
site's form and the API sharing one budget) and the search page and API (per client IP).

Each limit is a "scope" with a rate in settings.TRIHUB_RATE_LIMITS, e.g.
{"request_submit": "10/h"} (count/[n]unit, unit s, m, h or d). A hit adds one to the
counter of the current window (cache.add creates it, cache.incr bumps it); over the
count, the client is refused until the window ends. `cache.incr` is atomic on Redis and
Memcached and under the memory cache's lock; on the file cache it reads then writes, so
hits racing within the same instant may be counted once. That errs toward letting a
little more through, which is fine for limits set far above normal use.

TRIHUB_RATELIMITS_ENABLED=False (env RATELIMITS_ENABLED=false, for load benchmarks run
from one machine) turns every limit off, allauth's included.
"""

import hashlib
import ipaddress
import logging
import math
import re
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from ninja import Schema

logger = logging.getLogger(__name__)

RATE_PATTERN = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

# Read through this name so that tests can move to the next window without waiting.
clock = time.time

# allauth's refusals do not say which window was full; all the windows we give it in
# ACCOUNT_RATE_LIMITS last five minutes at most, so that is what we tell people.
ACCOUNT_RETRY_AFTER = 5 * 60


@dataclass(frozen=True)
class Rate:
    count: int
    window: int  # seconds


@dataclass(frozen=True)
class Refusal:
    """A hit over the limit: when the client may try again."""

    scope: str
    retry_after: int  # whole seconds, at least 1

    @property
    def retry_after_minutes(self):
        return max(1, math.ceil(self.retry_after / 60))


class RateLimitExceeded(Exception):
    """Raised by `check_api`; the API answers it 429 (see trihub/api.py)."""

    def __init__(self, refusal):
        super().__init__(f"rate limit {refusal.scope} exceeded")
        self.refusal = refusal


def parse_rate(text):
    match = RATE_PATTERN.match(text or "")
    if not match:
        raise ImproperlyConfigured(
            f"A rate limit looks like '10/h' or '30/5m' (count/[n]s|m|h|d), not {text!r}."
        )
    count, size, unit = match.groups()
    return Rate(int(count), int(size or 1) * UNIT_SECONDS[unit])


def enabled():
    return getattr(settings, "TRIHUB_RATELIMITS_ENABLED", True)


def rate_for(scope):
    """The scope's rate, or None when limits are off or the scope has none."""
    if not enabled():
        return None
    text = getattr(settings, "TRIHUB_RATE_LIMITS", {}).get(scope)
    return parse_rate(text) if text else None


def client_ip(request):
    """The client's address, for per-IP limits.

    REMOTE_ADDR unless TRUSTED_PROXY_COUNT says that many proxies of ours stand in
    front: then the address the outermost of them saw, counted from the right of
    X-Forwarded-For. Anything further left was written by the client and could be
    anything, so trusting it would let one client pose as many and dodge every limit.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(addresses) >= proxies:
            return addresses[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_key(request, per):
    if per == "user":
        if request.user.is_authenticated:
            return f"user:{request.user.pk}"
        # Anonymous callers of a per-user limit share their address's budget.
    elif per != "ip":
        raise ValueError(f"per must be 'user' or 'ip', not {per!r}")
    return f"ip:{address_block(client_ip(request))}"


def address_block(address):
    """IPv6 clients are counted per /64: one connection commonly holds a whole /64, and
    could otherwise take a fresh address for each request (as allauth does too)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.IPv6Network(f"{parsed}/64", strict=False).network_address)
    return address


def _count(cache_key, rate):
    # One extra second so the counter never expires before its window ends.
    if cache.add(cache_key, 1, timeout=rate.window + 1):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr: this is the first hit again
        cache.add(cache_key, 1, timeout=rate.window + 1)
        return 1


def hit(scope, key):
    """Count one hit of `key` (a user or address) on `scope`; a Refusal if over the limit."""
    rate = rate_for(scope)
    if rate is None:
        return None
    now = clock()
    window_start = int(now // rate.window) * rate.window
    # Hashed: any key (an IPv6 address, say) makes a valid cache key on every backend.
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"trihub:rl:{scope}:{digest}:{window_start}"
    try:
        count = _count(cache_key, rate)
    except Exception:  # a failing cache lets the request through rather than fail it
        logger.warning("Rate limit %s not counted: the cache failed", scope, exc_info=True)
        return None
    if count <= rate.count:
        return None
    retry_after = max(1, math.ceil(window_start + rate.window - now))
    if count == rate.count + 1:  # log once per window, not on every refused hit
        logger.warning("Rate limit %s reached by %s", scope, key)
    return Refusal(scope, retry_after)


def consume(request, scope, per="ip"):
    """Count this request on `scope` for its user or address; a Refusal if over the limit."""
    return hit(scope, client_key(request, per))


def set_retry_after(response, refusal):
    response["Retry-After"] = str(refusal.retry_after)
    add_never_cache_headers(response)
    return response


def too_many_requests(request, refusal=None):
    """The 429 page; allauth calls it too, through trihub.urls.handler429."""
    refusal = refusal or Refusal("account", ACCOUNT_RETRY_AFTER)
    response = render(request, "429.html", {"refusal": refusal}, status=429)
    return set_retry_after(response, refusal)


def limit(scope, per="ip", methods=("GET", "POST")):
    """Decorator for views: over the limit, the 429 page instead of the view."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                refusal = consume(request, scope, per)
                if refusal is not None:
                    return too_many_requests(request, refusal)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RateLimitedOut(Schema):
    """The body of an API 429; endpoints declare it as their `429` response."""

    detail: str


def api_response(api, request, exc):
    """The API's answer to RateLimitExceeded: 429 JSON with Retry-After."""
    seconds = exc.refusal.retry_after
    response = api.create_response(
        request,
        {"detail": f"Too many requests. Try again in {seconds} seconds."},
        status=429,
    )
    return set_retry_after(response, exc.refusal)


def check_api(request, scope, per="ip"):
    """For ninja endpoints: raise RateLimitExceeded (answered 429 JSON) if over the limit.

    Per-user API limits key on `request.auth` (ninja's authenticated user)."""
    user = getattr(request, "auth", None)
    if per == "user" and getattr(user, "is_authenticated", False):
        refusal = hit(scope, f"user:{user.pk}")
    else:
        refusal = consume(request, scope, per)
    if refusal is not None:
        raise RateLimitExceeded(refusal)

"""Helpers for the abuse-limit tests: tiny rates, and the next window without waiting."""

import time

from django.test import override_settings

from web import ratelimit


def freeze_clock(monkeypatch):
    """The limiter's clock stopped one second into an hour, where every window of a
    minute, a quarter or an hour starts: no window ends between a test's requests
    (with the real clock, one could, now and then, and let a request through)."""
    start = time.time() // 3600 * 3600 + 1
    monkeypatch.setattr(ratelimit, "clock", lambda: start)


def move_clock(monkeypatch, seconds):
    """The limiter's clock `seconds` ahead: the next window, without waiting."""
    now = ratelimit.clock()
    monkeypatch.setattr(ratelimit, "clock", lambda: now + seconds)


def tiny(**rates):
    return override_settings(TRIHUB_RATELIMITS_ENABLED=True, TRIHUB_RATE_LIMITS=rates)


def assert_retry_after(response, at_most):
    assert 1 <= int(response["Retry-After"]) <= at_most
    assert "no-store" in response["Cache-Control"]

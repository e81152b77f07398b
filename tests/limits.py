"""Helpers for the abuse-limit tests: tiny rates, and the next window without waiting."""

import time

from django.test import override_settings

from trihub import ratelimit


def move_clock(monkeypatch, seconds):
    """The limiter's clock `seconds` ahead: the next window, without waiting."""
    monkeypatch.setattr(ratelimit, "clock", lambda: time.time() + seconds)


def tiny(**rates):
    return override_settings(TRIHUB_RATELIMITS_ENABLED=True, TRIHUB_RATE_LIMITS=rates)


def assert_retry_after(response, at_most):
    assert 1 <= int(response["Retry-After"]) <= at_most
    assert "no-store" in response["Cache-Control"]

"""Helpers for tests that drive real processes (a worker, the worker's keeper)."""

import time


def wait_until(condition, timeout=60, interval=0.05):
    """Poll `condition` until it holds; True, or False once `timeout` seconds passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False

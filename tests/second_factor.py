"""Helpers for the second-factor tests: the code an authenticator app would show."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.factories import TOTP_SECRET


def current_code(secret=TOTP_SECRET):
    """The code an authenticator app shows now. allauth accepts the current 30-second
    window only: in a window's last second, wait for the next one."""
    if 30 - time.time() % 30 < 1:
        time.sleep(1.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def wrong_code(secret=TOTP_SECRET):
    return f"{(int(current_code(secret)) + 1) % 10**6:06d}"

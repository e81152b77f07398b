"""Static files served by WhiteNoise, those with hashed names cached for one year.

WhiteNoise marks a file whose name carries its content's hash `immutable` and caches it
"forever", which it takes as ten years (`WhiteNoise.FOREVER`, which no setting changes).
One year is the longest lifetime HTTP/1.1 allowed a response (RFC 2616, 14.21) and what
the README promises; nothing is ever served stale either way, since a changed file gets a
new name.
"""

from whitenoise.middleware import WhiteNoiseMiddleware

ONE_YEAR = 365 * 24 * 60 * 60


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    FOREVER = ONE_YEAR

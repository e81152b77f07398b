"""The site's public address, from configuration: every absolute URL the site writes starts here.

Wagtail builds a page's full URL from its Site record, `localhost` on port 80 as the first
migration made it: a record in the database that knows neither the scheme nor the name
the proxy answers to, so feeds, the sitemap and calendars linked to `http://localhost/`.
The address is configured once instead, as WAGTAILADMIN_BASE_URL (Wagtail's own setting
for the links in its emails): scheme, host and port if any, no path.
"""

from urllib.parse import urlsplit

from django.conf import settings


def public_url(path=""):
    """The absolute URL of a path on the site ("/feuille-de-route/"), or of its root."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def public_host():
    """The host name of the public address, without port (for identifiers like iCal UIDs)."""
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname

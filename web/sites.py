"""The Wagtail site answering a request, found once per host and kept in the page cache.

Wagtail looks the site up with an ORM query on every request that asks for it; building
that query costs about 4 ms, the largest fixed cost of a page the page cache does not
answer (the search page, the request desk, the account pages all show the site's name
and menus). Sites change rarely, and any change to a site or a page clears the page
cache (knowledge/receivers.py), this entry with it. Looked up only when asked for: the API and
other views that show no site need no database for it.
"""

from django.core.exceptions import DisallowedHost
from wagtail.models import Site

from .pagecache import GENERATION_KEY, current_generation, page_cache


def _key(request):
    try:
        return f"site:{request.get_host()}:{request.get_port()}"
    except DisallowedHost:  # e.g. while rendering the error page for such a request
        return None


def find_site(request):
    """The request's site (or None), as `Site.find_for_request` finds it."""
    if hasattr(request, "_wagtail_site"):  # Wagtail's own per-request memo
        return request._wagtail_site
    key = _key(request)
    if key is None:
        return Site.find_for_request(request)
    cache = page_cache()
    stored = cache.get(key)
    if stored is not None:
        (site,) = stored
        request._wagtail_site = site
        return site
    current = current_generation(cache)
    site = Site.find_for_request(request)
    # A purge during the lookup means the site may have changed: do not keep it.
    if cache.get(GENERATION_KEY) == current:
        cache.set(key, (site,))
    return site

"""A cache of rendered public pages for anonymous visitors.

Wagtail leaves page caching to the site (its frontend-cache app only purges CDNs), and
wagtail-cache does not support Wagtail 8 yet, so this is a small middleware of our own
on Django's cache framework, in the spirit of Django's `cache_page`:

- Only Wagtail pages are stored, and only when `before_serve_page` found the page public
  (no privacy restriction on it or an ancestor), the visitor is anonymous, has no pending
  message, and the render used no CSRF token and no CSP nonce.
- The key is the host, the full path and the active language.
- Any change to what pages show (publish, unpublish, move, delete, privacy, reference
  data, sites) clears the whole "pages" cache after the transaction commits. Menus,
  cards and listings show other pages, so per-page purging would miss pages.
- A generation token taken before rendering is checked before storing, so a render
  that started before a purge is not stored after it.

The middleware sits last in MIDDLEWARE: on a hit every other middleware still adds its
headers (security, CSP, language), only the view is skipped.
"""

import hashlib
import uuid

from django.core.cache import caches
from django.db import transaction
from django.utils.translation import get_language

CACHE_ALIAS = "pages"
GENERATION_KEY = "generation"
HIT_HEADER = "X-Page-Cache"
# Headers of the rendered response worth keeping; the rest are added again by the
# middleware chain on every response.
STORED_HEADERS = ("Content-Type", "Content-Disposition", "Last-Modified", "Link")


def page_cache():
    return caches[CACHE_ALIAS]


def mark_cacheable(request):
    """Called by the `before_serve_page` hook for a page anyone may see."""
    request.trihub_public_page = True


def purge():
    """Forget every cached page, once the current transaction (if any) commits."""
    transaction.on_commit(_purge_now)


def _purge_now():
    cache = page_cache()
    cache.clear()
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def _generation(cache):
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def _may_use_cache(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if "messages" in request.COOKIES:
        return False
    if request.user.is_authenticated:
        return False
    # An anonymous session can still carry messages (the session fallback storage).
    session = getattr(request, "session", None)
    return session is None or session.is_empty() or not session.get("_messages")


def _key(request, generation):
    raw = f"{request.get_host()}|{request.get_full_path()}|{get_language()}"
    return f"page:{generation}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _may_store(request, response):
    return (
        request.method == "GET"
        and getattr(request, "trihub_public_page", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        # get_token() sets this: the page holds a CSRF token, personal to the visitor.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and getattr(request, "_csp_nonce", None) is None
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            return self.get_response(request)
        cache = page_cache()
        generation = _generation(cache)
        key = _key(request, generation)
        stored = cache.get(key)
        if stored is not None:
            return self._rebuild(stored)
        response = self.get_response(request)
        if _may_store(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            # A purge during the render means what we rendered may already be stale.
            if cache.get(GENERATION_KEY) == generation:
                headers = {name: response[name] for name in STORED_HEADERS if name in response}
                cache.set(key, (response.status_code, headers, response.content))
            response[HIT_HEADER] = "miss"
        return response

    @staticmethod
    def _rebuild(stored):
        from django.http import HttpResponse

        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response

"""A cache of rendered public pages for anonymous visitors.

Wagtail leaves page caching to the site (its frontend-cache app only purges CDNs), and
wagtail-cache does not support Wagtail 8 yet, so this is a small middleware of our own
on Django's cache framework, in the spirit of Django's cache middleware:

- Only Wagtail pages are stored, and only when `before_serve_page` found the page public
  (no privacy restriction on it or an ancestor), the visitor is anonymous and sent no
  session or message cookie, and the render set no cookie (no CSRF token, no message)
  and used no CSP nonce.
- The key is the host, the full path and the visitor's language.
- Any change to what pages show (publish, unpublish, move, delete, privacy, reference
  data, sites) clears the whole "pages" cache after the transaction commits. Menus,
  cards and listings show other pages, so per-page purging would miss pages.
- A generation token read before rendering is checked before storing, so a render that
  started before a purge is not stored after it.

The middleware sits right after the security, static-file and CSP middleware: a hit
skips sessions, authentication, CSRF and the view, and replays the headers the inner
middleware had added (language, Vary, X-Frame-Options); the outer ones add theirs
again on every response.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation

CACHE_ALIAS = "pages"
GENERATION_KEY = "generation"
HIT_HEADER = "X-Page-Cache"
# Headers set by the view and the inner middleware, replayed on a hit; the outer
# middleware (security headers, CSP) add theirs to every response, cached or not.
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Vary",
    "X-Frame-Options",
    "Last-Modified",
    "Link",
)


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


def current_generation(cache):
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def _may_use_cache(request):
    """Before the session and authentication middleware: only visitors without a
    session (so anonymous) and without pending messages."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _key(request, language):
    raw = f"{request.get_host()}|{request.get_full_path()}|{language}"
    return f"page:{hashlib.sha256(raw.encode()).hexdigest()}"


def _may_store(request, response):
    user = getattr(request, "user", None)
    return (
        request.method == "GET"
        and getattr(request, "trihub_public_page", False)
        and user is not None
        and not user.is_authenticated
        and response.status_code == 200
        and not response.streaming
        # A CSRF token, a session or a message: personal to this visitor.
        and not response.cookies
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
        # The language the locale middleware will pick, as it would pick it.
        key = _key(request, translation.get_language_from_request(request))
        stored = cache.get(key)
        if stored is not None:
            return self._rebuild(stored)
        generation = current_generation(cache)
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
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response

"""Security headers and cookies with the production values; the Content-Security-Policy per area.

The production settings module is loaded here with a realistic environment and its security
settings applied to the test settings, so that these tests follow any change made there.
"""

import importlib
import re
import secrets
import sys

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from wagtail.models import Page

from tests.factories import PASSWORD
from workflows import roles

SECURITY_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE",
]


@pytest.fixture
def production_security(settings, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(50))
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver")
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD"):
        monkeypatch.delenv(name, raising=False)
    # A fresh import of production and of the base it reads the environment through; the
    # modules the test settings came from are put back afterwards.
    names = ("trihub.settings.base", "trihub.settings.production")
    loaded = {name: sys.modules.pop(name, None) for name in names}
    try:
        production = importlib.import_module("trihub.settings.production")
    finally:
        for name, module in loaded.items():
            sys.modules.pop(name, None)
            if module is not None:
                sys.modules[name] = module
                setattr(sys.modules["trihub.settings"], name.rsplit(".", 1)[1], module)
    for name in SECURITY_SETTINGS:
        setattr(settings, name, getattr(production, name))


def test_production_pages_carry_the_security_headers(production_security, client, home):
    response = client.get(home.url, secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


def test_production_redirects_plain_http(production_security, client, home):
    response = client.get(home.url)
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_production_cookies_are_secure_and_out_of_scripts_reach(
    production_security, client, make_user
):
    user = make_user(username="holder")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    login_page = client.get(reverse("account_login"), secure=True)
    assert login_page.cookies["csrftoken"]["secure"]

    client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD},
        secure=True,
    )
    session = client.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"

    client.post(reverse("set_language"), {"language": "en", "next": "/"}, secure=True)
    language = client.cookies["django_language"]
    assert language["secure"] and language["httponly"] and language["samesite"] == "Lax"


def test_the_language_switch_sets_a_same_site_cookie(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})

    assert response.status_code == 302
    set_cookie = response.cookies["django_language"].output()
    assert "django_language=en" in set_cookie and "SameSite=Lax" in set_cookie


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    parts = response["Content-Security-Policy"].split(";")
    return {name: sources for name, *sources in (part.split() for part in parts)}


def test_public_policy_is_strict(client, home):
    directives = policy(client.get(home.url))

    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]  # a nonce only if a page asked for one
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert "unsafe" not in str(directives)


def test_admin_policy_allows_what_wagtail_needs_and_no_more(client, editor):
    client.force_login(editor)
    directives = policy(client.get(reverse("wagtailadmin_home")))

    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]  # no nonce: it would void it
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["img-src"] == ["'self'", "data:", "blob:"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["connect-src"] == ["'self'"]
    assert "unsafe-eval" not in str(directives)


INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.IGNORECASE
)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE)


def assert_no_inline_code(url, html):
    """What the strict public policy would block: inline scripts, styles and handlers."""
    for pattern in (INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER):
        match = pattern.search(html)
        assert match is None, f"{url}: {html[max(match.start() - 80, 0) : match.end() + 80]}"


def test_public_pages_have_no_inline_code(client, demo, make_user):
    """Every live page of the demo site, plus the search, sign-in and request form."""
    urls = [page.url for page in Page.objects.live().public().filter(depth__gt=1).specific()]
    urls += ["/recherche/?q=energie", reverse("account_login"), reverse("account_signup")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_inline_code(url, response.content.decode())

    client.force_login(make_user(username="holder"))
    for name in ("desk:create", "desk:my_requests"):
        url = reverse(name)
        assert_no_inline_code(url, client.get(url).content.decode())


def test_staff_see_the_userbar_under_the_strict_policy(client, demo, staff_roles, make_user):
    client.force_login(make_user(roles.EDITORS, is_staff=True))
    response = client.get("/")
    assert "wagtail-userbar" in response.content.decode()
    assert_no_inline_code("/", response.content.decode())

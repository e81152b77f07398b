"""Abuse limits: filing requests, searching, signing up and in, resetting a password.

Each limit is met with a tiny rate (override_settings), answers 429 with a clear page or
JSON and Retry-After, and lets the client in again in the next window. The real rates
are checked against what people do.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings
from django.urls import reverse

from tests.factories import UserFactory
from tests.limits import assert_retry_after, move_clock, tiny
from web import ratelimit

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SEARCH_API = "/api/v1/search"
SUGGEST_API = "/api/v1/search/suggest"


# The limiter itself ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, count, window",
    [("10/h", 10, 3600), ("30/5m", 30, 300), ("1/s", 1, 1), ("2 / 1d", 2, 86400)],
)
def test_rates_are_read_from_settings_text(text, count, window):
    assert ratelimit.parse_rate(text) == ratelimit.Rate(count, window)


@pytest.mark.parametrize("text", ["10", "10/w", "ten/h", "", "10/h/ip"])
def test_a_malformed_rate_is_a_configuration_error(text):
    with pytest.raises(ImproperlyConfigured):
        ratelimit.parse_rate(text)


def test_counts_per_key_and_window(monkeypatch):
    with tiny(probe="2/m"):
        assert ratelimit.hit("probe", "a") is None
        assert ratelimit.hit("probe", "a") is None
        refusal = ratelimit.hit("probe", "a")
        assert refusal is not None and 1 <= refusal.retry_after <= 60
        assert ratelimit.hit("probe", "b") is None  # another client has its own budget
        move_clock(monkeypatch, 60)
        assert ratelimit.hit("probe", "a") is None


def test_scopes_without_a_rate_and_switched_off_limits_never_refuse():
    with tiny(probe="1/m"):
        for _ in range(3):
            assert ratelimit.hit("unlisted", "a") is None
    with override_settings(TRIHUB_RATELIMITS_ENABLED=False, TRIHUB_RATE_LIMITS={"probe": "1/m"}):
        for _ in range(3):
            assert ratelimit.hit("probe", "a") is None


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "", "10.0.0.9"),
        # No proxy of ours: the header is the client's own word, ignored.
        (0, "203.0.113.7", "10.0.0.9"),
        # One proxy of ours: the address it saw is the last one it appended.
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        # Fewer addresses than proxies: misconfigured, fall back to the socket.
        (2, "203.0.113.7", "10.0.0.9"),
    ],
)
def test_client_address_trusts_forwarded_for_only_behind_our_proxies(proxies, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert ratelimit.client_ip(request) == expected


def test_ipv6_clients_share_the_budget_of_their_64_block():
    factory = RequestFactory()
    first = factory.get("/", REMOTE_ADDR="2001:db8:1:2::a")
    second = factory.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::b")
    elsewhere = factory.get("/", REMOTE_ADDR="2001:db8:1:3::a")
    with tiny(probe="1/m"):
        assert ratelimit.consume(first, "probe") is None
        assert ratelimit.consume(second, "probe") is not None
        assert ratelimit.consume(elsewhere, "probe") is None


def test_allauth_reads_the_same_proxy_count():
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == settings.TRUSTED_PROXY_COUNT == 0


# Search ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, scope", [(SEARCH_API, "search_api"), (SUGGEST_API, "search_suggest")]
)
def test_search_api_limit_per_address(client, home, path, scope, monkeypatch):
    with tiny(**{scope: "2/m"}):
        for _ in range(2):
            assert client.get(path, {"q": "énergie"}).status_code == 200
        response = client.get(path, {"q": "énergie"})
        assert response.status_code == 429
        assert response["Content-Type"].startswith("application/json")
        assert "Try again in" in response.json()["detail"]
        assert_retry_after(response, 60)
        # Another address is not held back by this one.
        assert client.get(path, {"q": "énergie"}, REMOTE_ADDR="192.0.2.44").status_code == 200
        move_clock(monkeypatch, 60)
        assert client.get(path, {"q": "énergie"}).status_code == 200


def test_search_page_limit_answers_the_429_page(client, home, monkeypatch):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with tiny(search_page="1/m"):
        assert client.get(reverse("search:search"), {"q": "énergie"}).status_code == 200
        response = client.get(reverse("search:search"), {"q": "énergie"})
        assert response.status_code == 429
        assert_retry_after(response, 60)
        html = response.content.decode()
        assert "<h1>Too many requests</h1>" in html
        assert 'class="site-header"' in html  # the site's own page, with its layout
        move_clock(monkeypatch, 60)
        assert client.get(reverse("search:search"), {"q": "énergie"}).status_code == 200


def test_the_429_page_says_when_to_try_again(client, home):
    with tiny(search_page="1/h"):
        client.get(reverse("search:search"))
        response = client.get(reverse("search:search"), headers={"accept-language": "en"})
    assert response.status_code == 429
    minutes = -(-int(response["Retry-After"]) // 60)  # rounded up
    expected = "1 minute." if minutes == 1 else f"{minutes} minutes."
    assert f"Please try again in {expected}" in response.content.decode()


def test_openapi_declares_the_429_answers(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "429" in paths["/api/v1/search"]["get"]["responses"]
    assert "429" in paths["/api/v1/search/suggest"]["get"]["responses"]
    assert "429" in paths["/api/v1/requests"]["post"]["responses"]


# Real rates: what people do stays well below them ---------------------------------


def test_people_typing_and_searching_are_never_held_back(client, home):
    # Someone typing a long question: a suggestion per pause, a few searches, a few pages.
    for length in range(1, 61):
        assert client.get(SUGGEST_API, {"q": "énergies renouvelables"[:length]}).status_code == 200
    for _ in range(10):
        assert client.get(SEARCH_API, {"q": "énergie"}).status_code == 200
        assert client.get(reverse("search:search"), {"q": "énergie"}).status_code == 200


# django-allauth's limits, with our page ------------------------------------------


def test_sign_up_limit_answers_our_429_page(client, home):
    with override_settings(ACCOUNT_RATE_LIMITS={"signup": "2/m/ip"}):
        for number in range(2):
            response = client.post(
                reverse("account_signup"),
                {
                    "first_name": "Camille",
                    "last_name": "Martin",
                    "organisation": "Commune d’Arras",
                    "email": f"personne{number}@example.org",
                    "password1": "une-phrase-de-passe-solide",
                    "password2": "une-phrase-de-passe-solide",
                },
            )
            assert response.status_code == 302
        response = client.post(
            reverse("account_signup"),
            {
                "email": "robot@example.org",
                "password1": "une-phrase-de-passe-solide",
                "password2": "une-phrase-de-passe-solide",
            },
        )
    assert response.status_code == 429
    assert response["Retry-After"] == str(ratelimit.ACCOUNT_RETRY_AFTER)
    assert 'class="site-header"' in response.content.decode()
    assert not UserFactory._meta.model.objects.filter(email="robot@example.org").exists()


def test_sign_in_limit_answers_our_429_page(client, home, make_user):
    holder = make_user()
    with override_settings(ACCOUNT_RATE_LIMITS={"login": "1/m/ip"}):
        credentials = {"login": holder.email, "password": "wrong-password"}
        assert client.post(reverse("account_login"), credentials).status_code == 200
        response = client.post(reverse("account_login"), credentials)
    assert response.status_code == 429
    assert 'class="site-header"' in response.content.decode()


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, home, make_user):
    holder = make_user()
    with override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "2/5m/key"}):
        for _ in range(2):
            client.post(reverse("account_login"), {"login": holder.email, "password": "faux"})
        response = client.post(
            reverse("account_login"), {"login": holder.email, "password": "test-password-123"}
        )
    assert response.status_code == 200  # the form again, with allauth's message
    assert "_auth_user_id" not in client.session


def test_password_reset_limit_per_address(client, home, make_user):
    holder = make_user()
    with override_settings(ACCOUNT_RATE_LIMITS={"reset_password": "2/5m/key"}):
        for _ in range(2):
            response = client.post(reverse("account_reset_password"), {"email": holder.email})
            assert response.status_code == 302
        response = client.post(reverse("account_reset_password"), {"email": holder.email})
    assert response.status_code == 429
    assert len(mail.outbox) == 2


def test_switching_limits_off_switches_allauth_off_too():
    code = (
        "import trihub.settings.test as s; "
        "assert s.ACCOUNT_RATE_LIMITS is False, s.ACCOUNT_RATE_LIMITS; "
        "assert s.TRIHUB_RATELIMITS_ENABLED is False"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "site",
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "trihub.settings.test",
            "RATELIMITS_ENABLED": "false",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert settings.ACCOUNT_RATE_LIMITS["login"]  # and on by default


def test_a_failing_cache_lets_the_request_through(monkeypatch, settings):
    from django.core.cache import cache

    from web import ratelimit

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "add", broken)
    scope = next(iter(settings.TRIHUB_RATE_LIMITS))
    assert ratelimit.hit(scope, "203.0.113.9") is None

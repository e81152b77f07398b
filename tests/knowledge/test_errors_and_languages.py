"""The site's own error pages, its landmarks, and its two languages."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOCALE_FR = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def test_unknown_url_gives_the_sites_own_404(client, home):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<main id="main"' in html
    assert 'lang="fr"' in html
    assert "Page introuvable" in html


def test_server_error_gives_the_sites_own_500(home, settings):
    settings.ROOT_URLCONF = "tests.site.failing_urls"
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "<html" in html and 'lang="fr"' in html
    assert "Traceback" not in html


def test_home_page_has_landmarks_and_skip_link(client, home, demo):
    html = client.get(home.url).content.decode()
    assert re.search(r'<a class="skip-link" href="#main">', html)
    for landmark in ('role="banner"', "<main", 'role="contentinfo"', 'role="search"'):
        assert landmark in html
    assert re.search(r"<nav[^>]+aria-label=", html)


def test_french_is_the_default_and_english_is_available(client, home):
    french = client.get(home.url).content.decode()
    assert 'lang="fr"' in french
    assert "Aller au contenu principal" in french

    response = client.post(
        reverse("set_language"), {"language": "en", "next": home.url}, follow=True
    )
    english = response.content.decode()
    assert 'lang="en"' in english
    assert "Skip to main content" in english


def test_french_catalogue_is_complete():
    """Every UI string has a French translation, and none is marked fuzzy."""
    import polib

    catalogue = polib.pofile(str(LOCALE_FR))
    assert len(catalogue) > 100
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert Path(str(LOCALE_FR).replace(".po", ".mo")).exists()

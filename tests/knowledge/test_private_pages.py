"""Private pages: a password-protected page asks for its password in the site's layout, and
a page for signed-in visitors sends them to the one sign-in (allauth's), never to Wagtail's
own front-end login, which took a password with no attempt limit and no email check."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from wagtail.models import PageViewRestriction

from knowledge.models import StandardPage
from tests.factories import PASSWORD, add_page

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Compte rendu confidentiel"
SECRET_INTRODUCTION = "Canari-7f3e : ce que seuls les invités lisent."


@pytest.fixture
def protected(home):
    page = add_page(
        home, StandardPage, title=SECRET_TITLE, slug="reserve", introduction=SECRET_INTRODUCTION
    )
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="sesame-2026"
    )
    return page


def _password_form_action(protected):
    restriction = PageViewRestriction.objects.get(page=protected)
    return reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, protected.pk])


def _assert_in_the_sites_layout(html):
    assert '<html lang="fr">' in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert 'class="skip-link"' in html and '<main id="main"' in html


def test_a_protected_page_asks_for_its_password_in_the_sites_layout(client, protected):
    response = client.get(protected.url)

    assert response.status_code == 200
    html = response.content.decode()
    _assert_in_the_sites_layout(html)
    assert "<title>Mot de passe requis – " in html
    assert "<h1>Mot de passe requis</h1>" in html
    assert "Cette page est protégée par un mot de passe. Saisissez-le pour la lire." in html
    assert ">Afficher la page</button>" in html
    assert f'action="{_password_form_action(protected)}"' in html
    assert '<label class="field__label" for="id_password">Mot de passe' in html
    assert 'type="password" name="password"' in html
    assert 'name="return_url"' in html and 'type="hidden"' in html
    assert '<meta name="robots" content="noindex">' in html
    # Nothing of the page itself before the password: title, introduction, breadcrumbs.
    assert SECRET_TITLE not in html and "Canari-7f3e" not in html
    assert 'class="error-summary"' not in html


def test_a_wrong_password_shows_the_error_in_the_sites_layout(client, protected):
    response = client.post(
        _password_form_action(protected), {"password": "faux", "return_url": protected.url}
    )

    assert response.status_code == 200
    html = response.content.decode()
    _assert_in_the_sites_layout(html)
    assert 'class="error-summary" role="alert"' in html
    assert 'href="#id_password"' in html  # the summary leads to the field
    assert 'aria-invalid="true"' in html and 'id="id_password_error"' in html
    assert "Canari-7f3e" not in html


def test_the_right_password_opens_the_page(client, protected):
    response = client.post(
        _password_form_action(protected),
        {"password": "sesame-2026", "return_url": protected.url},
    )

    assert response.status_code == 302 and response["Location"] == protected.url
    assert SECRET_INTRODUCTION in client.get(protected.url).content.decode()


def test_the_password_form_in_english(client, protected):
    client.cookies["django_language"] = "en"
    html = client.get(protected.url).content.decode()

    assert '<html lang="en">' in html
    assert "<h1>Password required</h1>" in html
    assert "This page is protected by a password. Enter it to read the page." in html
    assert ">Show the page</button>" in html


@pytest.fixture
def members_only(home):
    page = add_page(home, StandardPage, title="Réservé aux inscrits", slug="inscrits")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def test_a_members_only_page_sends_visitors_to_the_one_sign_in(client, members_only):
    response = client.get(members_only.url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={members_only.url}"


def test_wagtails_front_end_login_signs_nobody_in(client, members_only, make_user):
    """An account whose address was never confirmed used to sign in there."""
    holder = make_user(username="pas-confirme")
    EmailAddress.objects.create(user=holder, email=holder.email, verified=False, primary=True)

    response = client.post("/_util/login/", {"username": holder.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get(members_only.url)["Location"].startswith(reverse("account_login"))

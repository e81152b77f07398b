"""Holders sign up with an email address, confirm it, sign in and reset their password."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _link(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_sign_up_confirm_sign_in_and_reset(client, home):
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Camille",
            "last_name": "Martin",
            "organisation": "Commune d’Arras",
            "email": "nouvelle@example.org",
            "password1": "une-phrase-de-passe-solide",
            "password2": "une-phrase-de-passe-solide",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="nouvelle@example.org")
    assert not user.is_staff
    # Unconfirmed: no access to the request form yet.
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "nouvelle@example.org", "password": "une-phrase-de-passe-solide"},
    )
    assert response.status_code == 302
    assert "confirm" in response.url or "verif" in response.url

    confirm = _link(mail.outbox[-1])
    client.get(confirm)
    response = client.post(confirm)
    assert response.status_code == 302
    client.logout()

    response = client.post(
        reverse("account_login"),
        {"login": "nouvelle@example.org", "password": "une-phrase-de-passe-solide"},
    )
    assert response.status_code == 302
    assert client.get(reverse("desk:create")).status_code == 200

    client.logout()
    mail.outbox.clear()
    client.post(reverse("account_reset_password"), {"email": "nouvelle@example.org"})
    reset = _link(mail.outbox[-1])
    form_url = client.get(reset).url  # allauth moves the key out of the URL
    response = client.post(
        form_url,
        {"password1": "une-autre-phrase-solide", "password2": "une-autre-phrase-solide"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("une-autre-phrase-solide")


def test_signup_form_keeps_the_email_on_error(client, home):
    response = client.post(
        reverse("account_signup"),
        {"email": "garde@example.org", "password1": "court", "password2": "autre"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="garde@example.org"' in html
    assert not get_user_model().objects.filter(email="garde@example.org").exists()


# Addresses Django's EmailValidator accepts, at no domain name: a server address, the
# machine itself.
NOT_AT_A_DOMAIN_NAME = ["a@[127.0.0.1]", "a@[::1]", "a@localhost"]
REFUSAL_FR = "Saisissez une adresse électronique sur un nom de domaine"
REFUSAL_EN = "Enter an email address at a domain name"


@pytest.mark.parametrize("address", NOT_AT_A_DOMAIN_NAME)
def test_sign_up_refuses_an_address_at_no_domain_name(client, home, address):
    response = client.post(
        reverse("account_signup"),
        {
            "email": address,
            "password1": "une-phrase-de-passe-solide",
            "password2": "une-phrase-de-passe-solide",
        },
    )

    assert response.status_code == 200
    assert REFUSAL_FR in response.content.decode()
    assert not get_user_model().objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("address", NOT_AT_A_DOMAIN_NAME)
def test_the_email_page_refuses_to_add_an_address_at_no_domain_name(client, home, holder, address):
    EmailAddress.objects.create(user=holder, email=holder.email, verified=True, primary=True)
    client.force_login(holder)
    client.cookies["django_language"] = "en"

    response = client.post(reverse("account_email"), {"email": address, "action_add": ""})

    assert response.status_code == 200
    assert REFUSAL_EN in response.content.decode()
    assert list(EmailAddress.objects.values_list("email", flat=True)) == [holder.email]
    assert mail.outbox == []


def test_the_email_page_adds_an_address_at_a_domain_name(client, home, holder):
    EmailAddress.objects.create(user=holder, email=holder.email, verified=True, primary=True)
    client.force_login(holder)

    response = client.post(
        reverse("account_email"), {"email": "autre@example.org", "action_add": ""}
    )

    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=holder, email="autre@example.org").exists()
    assert mail.outbox[-1].to == ["autre@example.org"]

"""The honeypot on the account forms: filled, refused quietly; empty, no difference.

The request form's honeypot is tested with the desk (tests/desk/test_abuse.py).
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django import forms
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD
from web.honeypot import HoneypotFormMixin

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Camille",
    "last_name": "Martin",
    "organisation": "Commune d’Arras",
    "email": "nouvelle@example.org",
    "password1": "une-phrase-de-passe-solide",
    "password2": "une-phrase-de-passe-solide",
}


class ContactForm(HoneypotFormMixin, forms.Form):
    message = forms.CharField()


def trap_html(html):
    match = re.search(r'<div class="form__trap"[^>]*>.*?</div>', html, re.S)
    assert match, "no honeypot in the form"
    return match.group(0)


def test_the_field_is_hidden_from_people_and_never_echoes_input():
    form = ContactForm({"message": "Bonjour", "website": "http://spam.example"})
    assert form.is_valid()  # a robot learns nothing from an error either
    assert form.caught_by_honeypot()
    assert [field.name for field in form.hidden_fields()] == ["website"]
    html = trap_html(str(form["website"]))
    assert 'aria-hidden="true"' in html
    assert 'tabindex="-1"' in html and 'autocomplete="off"' in html
    assert '<label for="id_website">' in html
    assert "spam.example" not in html
    assert not ContactForm({"message": "Bonjour", "website": "  "}).caught_by_honeypot()
    assert not ContactForm({"message": "Bonjour"}).caught_by_honeypot()


@pytest.mark.parametrize("name", ["account_signup", "account_login", "account_reset_password"])
def test_account_forms_carry_the_honeypot(client, home, name):
    html = client.get(reverse(name)).content.decode()
    assert 'name="website"' in trap_html(html)


def test_sign_up_with_a_filled_honeypot_creates_nothing_and_sends_nothing(client, home):
    response = client.post(reverse("account_signup"), {**SIGNUP, "website": "spam"})
    # What a person sees after signing up: "check your email".
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not get_user_model().objects.filter(email=SIGNUP["email"]).exists()
    assert mail.outbox == []


def test_sign_up_with_an_empty_honeypot_works(client, home):
    response = client.post(reverse("account_signup"), {**SIGNUP, "website": ""})
    assert response.status_code == 302
    assert get_user_model().objects.filter(email=SIGNUP["email"]).exists()
    assert len(mail.outbox) == 1


def test_password_reset_with_a_filled_honeypot_sends_nothing(client, home, make_user):
    user = make_user()
    response = client.post(
        reverse("account_reset_password"), {"email": user.email, "website": "spam"}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")
    assert mail.outbox == []


def test_password_reset_with_an_empty_honeypot_sends_the_link(client, home, make_user):
    user = make_user()
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]


def test_sign_in_with_a_filled_honeypot_fails_like_a_wrong_password(client, home, make_user):
    user = make_user()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    wrong = client.post(reverse("account_login"), {"login": user.email, "password": "faux"})
    trapped = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD, "website": "x"}
    )
    assert trapped.status_code == wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    assert wrong.context["form"].non_field_errors() == trapped.context["form"].non_field_errors()


def test_sign_in_with_an_empty_honeypot_works(client, home, make_user):
    user = make_user()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD, "website": ""}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

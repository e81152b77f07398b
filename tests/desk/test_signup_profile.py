"""Holders give their name and organisation at sign-up and change them on their account
page; emails greet them by name, allauth's name the site, the admin shows the name."""

import re

import pytest
from allauth.account.utils import user_display
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from desk import steps
from desk.models import HolderProfile, Notification
from desk.notifications import render

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Camille",
    "last_name": "Delattre",
    "organisation": "Commune de Wimereux",
    "email": "camille@exemple.fr",
    "password1": "une-phrase-de-passe-solide",
    "password2": "une-phrase-de-passe-solide",
}


def test_sign_up_asks_for_the_name_and_organisation(client, home):
    form = client.get(reverse("account_signup")).content.decode()
    for name, autocomplete in (
        ("first_name", "given-name"),
        ("last_name", "family-name"),
        ("organisation", "organization"),
    ):
        assert re.search(rf'<input[^>]*name="{name}"[^>]*autocomplete="{autocomplete}"', form) or (
            re.search(rf'<input[^>]*autocomplete="{autocomplete}"[^>]*name="{name}"', form)
        ), name
        assert f'<label class="field__label" for="id_{name}">' in form
    # Who they are comes before the address.
    assert form.index('name="first_name"') < form.index('name="email"')

    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == 302
    user = get_user_model().objects.get(email="camille@exemple.fr")
    assert (user.first_name, user.last_name) == ("Camille", "Delattre")
    assert user.holder_profile.organisation == "Commune de Wimereux"
    assert user_display(user) == "Camille Delattre"


def test_the_confirmation_email_greets_by_name_and_names_the_site(client, home):
    client.post(reverse("account_signup"), SIGNUP)

    (message,) = mail.outbox
    assert re.match(r"(Hello|Bonjour) Camille,", message.body), message.body[:80]
    assert settings.WAGTAIL_SITE_NAME in message.body
    assert "camille@exemple.fr" not in message.body.splitlines()[0]
    # allauth's "Hello from <the request's host>!" ("Bonjour, c'est 127.0.0.1:8101 !") is
    # replaced by a greeting and the site's name.
    assert "c'est" not in message.body and "Hello from" not in message.body


@pytest.mark.parametrize("missing", ["first_name", "last_name", "organisation"])
def test_sign_up_without_a_name_or_organisation_keeps_the_form(client, home, missing):
    response = client.post(reverse("account_signup"), {**SIGNUP, missing: "\u200b "})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="camille@exemple.fr"' in html
    assert 'aria-invalid="true"' in html
    assert not get_user_model().objects.exists()
    assert mail.outbox == []


def test_the_account_page_changes_the_name_and_organisation(client, home, holder):
    HolderProfile.objects.create(user=holder, organisation="Mairie de Desvres")
    client.force_login(holder)
    url = reverse("account_profile")
    page = client.get(url).content.decode()
    assert 'value="Hélène"' in page and 'value="Mairie de Desvres"' in page
    assert f'href="{url}" aria-current="page"' in page  # in the account's menu

    refused = client.post(url, {"first_name": "", "last_name": "Caron", "organisation": "X"})
    assert refused.status_code == 400
    assert 'value="Caron"' in refused.content.decode()

    saved = client.post(
        url, {"first_name": "Hélène", "last_name": "Caron", "organisation": "SIVOM du Boulonnais"}
    )
    assert saved.status_code == 302
    holder.refresh_from_db()
    assert holder.get_full_name() == "Hélène Caron"
    assert holder.holder_profile.organisation == "SIVOM du Boulonnais"


def test_the_page_creates_the_profile_of_an_account_made_before(client, home, holder):
    client.force_login(holder)
    client.post(
        reverse("account_profile"),
        {"first_name": "Hélène", "last_name": "Caron", "organisation": "Régie des eaux"},
    )
    assert HolderProfile.objects.get(user=holder).organisation == "Régie des eaux"


def test_the_desks_emails_greet_by_first_name(filed, holder, coordinator, body):
    holder.last_name = "Caron"
    holder.save()
    event = steps.route(filed, coordinator, [body])
    to_holder = Notification.objects.get(event=event, recipient=holder)
    assert re.match(r"(Hello|Bonjour) Hélène,", render(to_holder)[1])
    # No name known: their address, as before.
    holder.first_name = holder.last_name = ""
    holder.save()
    to_holder = Notification.objects.get(pk=to_holder.pk)  # the recipient as they are now
    assert re.match(rf"(Hello|Bonjour) {re.escape(holder.email)},", render(to_holder)[1])


def test_the_admin_shows_the_holders_name_and_organisation_once(
    client, holder, coordinator, request_data
):
    how_to_request = steps.file_request(holder, request_data())
    client.force_login(coordinator)
    url = reverse("desk_admin:inspect", args=[how_to_request.pk])

    holder.first_name, holder.last_name = "", ""
    holder.save()
    html = client.get(url).content.decode()
    assert html.count(holder.email) == 1

    holder.first_name, holder.last_name = "Hélène", "Caron"
    holder.save()
    HolderProfile.objects.create(user=holder, organisation="Mairie de Desvres")
    html = client.get(url).content.decode()
    assert f"Hélène Caron ({holder.email}), Mairie de Desvres" in html


def test_staff_change_their_name_without_naming_an_organisation(client, home, coordinator):
    client.force_login(coordinator)
    url = reverse("account_profile")
    saved = client.post(url, {"first_name": "Camille", "last_name": "Roux", "organisation": ""})
    assert saved.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.get_full_name() == "Camille Roux"

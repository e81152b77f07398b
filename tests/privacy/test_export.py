"""The "My data" page, who may use it, and the export of everything held about a person."""

import json

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse
from django.utils import timezone

from desk import steps
from privacy import export
from tests.factories import PASSWORD, TOTP_SECRET
from tests.privacy.story import EMAIL, MY_DATA, NAME, OTHER_EMAIL, SURNAME

pytestmark = pytest.mark.django_db


def test_my_data_needs_a_signed_in_person(client):
    for url in (MY_DATA, MY_DATA + "telecharger/"):
        response = client.get(url)
        assert response.status_code == 302 and "/compte/login/" in response.url
    response = client.post(MY_DATA + "supprimer/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and "/compte/login/" in response.url


def test_my_data_page_offers_the_export_and_the_deletion(client, zephyrine):
    client.force_login(zephyrine)
    html = client.get(MY_DATA).content.decode()
    assert html.count("<h1") == 1
    assert f'href="{reverse("privacy:download")}"' in html
    assert f'action="{reverse("privacy:delete")}"' in html
    assert 'autocomplete="current-password"' in html
    assert 'aria-current="page"' in html  # the account menu shows where we are
    assert "3" in html  # the retention period


def test_export_holds_my_data_and_nothing_else(client, story, zephyrine):
    request_obj, _page, other = story
    client.force_login(zephyrine)
    response = client.get(MY_DATA + "telecharger/")
    assert response.status_code == 200
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="donnees-tri-{today:%Y-%m-%d}.json"'
    )
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == EMAIL and data["account"]["last_name"] == SURNAME
    assert {a["email"] for a in data["email_addresses"]} == {EMAIL, OTHER_EMAIL}
    [mine] = data["requests"]
    assert mine["reference"] == request_obj.reference and NAME in mine["question"]
    assert "fonds chaleur" in mine["answer"]
    assert {a["file_name"] for a in mine["attachments"]} == {"statuts-quennehen.pdf", "devis.pdf"}
    comments = [event["comment"] for event in mine["timeline"]]
    assert f"Bonjour Madame {SURNAME}, quelle puissance ?" in comments
    assert data["notifications"] and {n["to"] for n in data["notifications"]} == {EMAIL}
    assert any(e["action"] == "desk.submit" for e in data["log_entries"])
    assert any(e["action"] == "wagtail.edit" for e in data["log_entries"])  # about her
    text = response.content.decode()
    assert "Note interne" not in text  # experts' internal notes never
    assert other.title not in text and other.holder.email not in text


def test_export_hides_an_answer_still_under_review(
    zephyrine, request_data, coordinator, expert, body
):
    request_obj = steps.file_request(zephyrine, request_data())
    steps.route(request_obj, coordinator, [body])
    steps.claim(request_obj, expert)
    steps.write_answer(request_obj, expert, "Texte du fonds vert à relire", review=True)
    exported = export.export_json(zephyrine)
    assert "Texte du fonds vert à relire" not in exported


def test_export_names_my_second_factors_never_their_secrets(client, zephyrine):
    TOTP.activate(zephyrine, TOTP_SECRET)
    recovery_codes = RecoveryCodes.activate(zephyrine)
    client.force_login(zephyrine)
    response = client.get(MY_DATA + "telecharger/")
    data = json.loads(response.content)
    assert [factor["type"] for factor in data["second_factors"]] == ["totp", "recovery_codes"]
    text = response.content.decode()
    assert TOTP_SECRET not in text
    assert not any(code in text for code in recovery_codes.generate_codes())


def test_export_lists_my_single_sign_on_identities(client, zephyrine):
    SocialAccount.objects.create(
        user=zephyrine,
        provider="proconnect",
        uid="agent-0001",
        extra_data={"userinfo": {"sub": "agent-0001", "usual_name": "Zéphyrine"}},
    )
    client.force_login(zephyrine)
    data = json.loads(client.get(MY_DATA + "telecharger/").content)
    (identity,) = data["single_sign_on"]
    assert (identity["provider"], identity["identifier"]) == ("proconnect", "agent-0001")
    assert identity["claims"]["userinfo"]["usual_name"] == "Zéphyrine"

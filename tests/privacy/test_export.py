"""The "My data" page, who may use it, and the export of everything held about a person."""

import json
import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from desk import steps
from desk.models import AccountEmail
from privacy import export
from privacy.erasure import delete_account
from projects.models import Project
from tests.factories import PASSWORD, TOTP_SECRET
from tests.privacy.story import (
    EMAIL,
    EVALUATOR_NAME,
    EVALUATOR_SURNAME,
    MY_DATA,
    NAME,
    OTHER_EMAIL,
    PHONE,
    SURNAME,
)

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Camille",
    "last_name": "Martin",
    "organisation": "Commune d’Arras",
    "email": "nouvelle@example.org",
    "password1": "une-phrase-de-passe-solide",
    "password2": "une-phrase-de-passe-solide",
}


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
    # To her confirmed address: her own steps' emails. Not what went to the other,
    # which she never confirmed (anyone may add a stranger's address unconfirmed).
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


def test_export_names_the_qa_page_built_from_my_request_and_my_time_zone(client, story, zephyrine):
    _request_obj, page, _other = story
    profile = UserProfile.get_for_user(zephyrine)
    profile.current_time_zone = "Europe/Paris"
    profile.save()
    client.force_login(zephyrine)
    data = json.loads(client.get(MY_DATA + "telecharger/").content)
    assert data["account"]["time_zone"] == "Europe/Paris"
    [mine] = data["requests"]
    assert mine["qa_page"] == {"title": page.title, "url": page.full_url, "live": True}


def test_export_lists_the_account_emails_sent_to_me_never_their_links(client, home):
    client.post(reverse("account_signup"), SIGNUP)
    user = get_user_model().objects.get(email=SIGNUP["email"])
    client.logout()
    client.post(reverse("account_reset_password"), {"email": SIGNUP["email"]})
    links = [link for message in mail.outbox for link in re.findall(r"https?://\S+", message.body)]
    assert len(mail.outbox) == 2 and links
    client.force_login(user)
    response = client.get(MY_DATA + "telecharger/")
    sent = json.loads(response.content)["account_emails"]
    assert [(e["to"], e["email"]) for e in sent] == [
        (SIGNUP["email"], "email_confirmation_signup"),
        (SIGNUP["email"], "password_reset_key"),
    ]
    assert not any(link in response.content.decode() for link in links)


def test_account_emails_go_with_the_account(client, home):
    client.post(reverse("account_signup"), SIGNUP)
    user = get_user_model().objects.get(email=SIGNUP["email"])
    assert AccountEmail.objects.filter(recipient=user).count() == 1
    delete_account(user, by=user)
    assert not AccountEmail.objects.filter(email=SIGNUP["email"]).exists()


def test_an_email_to_an_address_with_no_account_is_not_kept(client, home, settings):
    settings.ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
    client.post(reverse("account_reset_password"), {"email": "personne@example.org"})
    assert not AccountEmail.objects.exists()


def test_export_holds_my_projects_invitations_and_steps_as_my_team_sees_them(
    story, zephyrine, teams
):
    request_obj, _page, _other = story
    with translation.override("en"):
        text = export.export_json(zephyrine)
    data = json.loads(text)
    project = request_obj.project
    [mine] = data["requests"]
    assert mine["project"] == project.title
    by_title = {p["title"]: p for p in data["projects"]}
    assert set(by_title) == {project.title, "Méthaniseur du Ternois"}
    own, joined = by_title[project.title], by_title["Méthaniseur du Ternois"]
    assert (own["role"], joined["role"]) == ("Owner", "Member")
    assert own["reference"] == project.reference and own["joined_at"]
    assert own["partners"] == f"Mairie, contact {OTHER_EMAIL}"
    assert SURNAME in own["expected_effects"] and own["on_showcase"] is True
    assert {link["title"] for link in own["links"]} == {f"Dossier de {SURNAME}", "Sa page"}
    [decision] = own["decisions"]
    assert decision["public_justification"] == f"Un réseau utile, porté par Mme {SURNAME}."
    assert decision["opinion"] == f"Projet solide porté par {NAME} {SURNAME}."
    # Invitations: the one she sent (to whom is the invitee's own data), those to her.
    [sent] = data["invitations_sent"]
    assert sent["project"] == project.title and "to" not in sent
    received = {(i["project"], i["state"]) for i in data["invitations_received"]}
    # The invitation pending to her unconfirmed address is not hers to read.
    assert received == {("Méthaniseur du Ternois", "Accepted")}
    # Her steps on projects (created, edited, invited, joined, showcased), and the
    # emails of project steps to her confirmed address.
    steps_taken = {(s["project"], s["comment"]) for s in data["project_steps"]}
    assert (project.title, "") in steps_taken and len(data["project_steps"]) == 5
    about = {n["about"] for n in data["notifications"]}
    assert project.reference in about
    assert Project.objects.get(title="Covoiturage du Ternois").reference not in about
    assert OTHER_EMAIL not in {n["to"] for n in data["notifications"]}
    assert data["reviews"] == []
    # Never Commission 15's scores or notes, nor the other people's addresses.
    assert "Bon ancrage" not in text and "Rappeler" not in text
    teammate, neighbour = teams
    assert teammate.email not in text and neighbour.email not in text


def test_an_evaluators_export_holds_his_reviews_scores_and_notes(client, story, commission):
    request_obj, _page, _other = story
    gaspard, _second = commission
    client.force_login(gaspard)  # staff download theirs from the same page
    assert client.get(MY_DATA + "telecharger/").status_code == 200
    with translation.override("en"):
        data = json.loads(export.export_json(gaspard))
    [review] = data["reviews"]
    assert review["project"] == request_obj.project.title
    assert review["notes"] == f"Rappeler {NAME} au {PHONE}. {EVALUATOR_NAME}"
    assert review["scored_at"] and review["grid_version"] == 1
    assert len(review["scores"]) == 4
    assert {s["level"] for s in review["scores"]} == {3}
    assert all(EVALUATOR_SURNAME in s["justification"] for s in review["scores"])
    # His steps (assigned by the coordinator, he scored): internal, without comments.
    assert [s["step"] for s in data["project_steps"]] == ["Evaluation scored"]
    assert data["projects"] == [] and data["invitations_received"] == []
    text = json.dumps(data, ensure_ascii=False)
    assert "le relecteur" not in text  # the other evaluator's review is not his

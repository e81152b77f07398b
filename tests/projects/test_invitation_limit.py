"""Each invitation sends an email to any address: past the limit per person, the
members' page and the API refuse with 429 and Retry-After, and send nothing."""

import json

from django.core import mail
from django.urls import reverse

from projects.models import Invitation
from tests.limits import assert_retry_after, tiny


def _invite_by_page(client, project, email):
    return client.post(
        reverse("projects:members", args=[project.public_id]),
        {"action": "invite", "email": email, "role": "member"},
    )


def _invite_by_api(client, project, email):
    return client.post(
        f"/api/v1/projects/{project.public_id}/invitations",
        data=json.dumps({"email": email, "role": "member"}),
        content_type="application/json",
    )


def test_the_members_page_keeps_the_address_and_says_when(client, project, owner):
    client.force_login(owner)
    with tiny(project_invite="2/h"):
        for n in range(2):
            assert _invite_by_page(client, project, f"ami{n}@example.org").status_code == 302
        sent = len(mail.outbox)
        refused = _invite_by_page(client, project, "troisieme@example.org")
    assert refused.status_code == 429
    assert_retry_after(refused, 3600)
    assert 'value="troisieme@example.org"' in refused.content.decode()
    assert not Invitation.objects.filter(email="troisieme@example.org").exists()
    assert len(mail.outbox) == sent


def test_the_api_answers_429_in_its_format(client, project, owner):
    client.force_login(owner)
    with tiny(project_invite="1/h"):
        assert _invite_by_api(client, project, "ami@example.org").status_code == 201
        refused = _invite_by_api(client, project, "autre@example.org")
    assert refused.status_code == 429
    assert_retry_after(refused, 3600)
    assert "Try again" in refused.json()["detail"]
    assert not Invitation.objects.filter(email="autre@example.org").exists()

"""A project without an owner (its last owner's account erased): a coordinator appoints
a member owner, or invites someone to become its owner, through the admin; the step
closes once an owner is in place."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from desk.models import Notification
from projects import steps
from projects.models import Invitation, Membership, Role
from projects.models.events import ProjectAction
from projects.notices import invitation_from_token
from tests.factories import ProjectFactory
from tests.projects.admin_steps import detail_url, prefixed, step_url
from tests.projects.test_api import call

pytestmark = pytest.mark.django_db

NEW_OWNER_EMAIL = "nouvelle.porteuse@example.org"


@pytest.fixture
def ownerless(project, owner):
    Membership.objects.filter(project=project, user=owner).delete()
    return project


def _membership(project, user):
    return Membership.objects.get(project=project, user=user)


def test_a_coordinator_names_a_member_owner_who_is_told(ownerless, member, coordinator, committed):
    with committed():
        event = steps.appoint_owner(
            ownerless, coordinator, member=_membership(ownerless, member), email=""
        )
    assert _membership(ownerless, member).role == Role.OWNER
    assert event.action == ProjectAction.APPOINT_OWNER and not event.internal
    assert event.details["member"] == member.pk
    # The team reads it as the programme's act, not Commission 15's nor a person's.
    from projects.timeline import actor_for_team

    assert str(actor_for_team(event, {member.pk})) in {"The programme", "Le programme"}
    notification = Notification.objects.get(project_event=event)
    assert notification.recipient == member and notification.state == Notification.State.SENT
    message = mail.outbox[-1]
    assert message.to == [member.email]
    assert "You are now its owner" in message.body or "propriétaire" in message.body
    # An owner is in place: the step closes, and the new owner manages the team.
    assert not steps.appoint_owner.is_open(ownerless, coordinator)
    assert steps.invite_member.is_open(ownerless, member)


def test_a_coordinator_invites_someone_to_become_the_owner(
    ownerless, coordinator, make_user, committed
):
    with committed():
        event = steps.appoint_owner(ownerless, coordinator, email=f" {NEW_OWNER_EMAIL.upper()} ")
    invitation = Invitation.objects.get(public_id=event.details["invitation"])
    assert invitation.role == Role.OWNER and invitation.email == NEW_OWNER_EMAIL
    assert invitation.invited_by == coordinator
    message = mail.outbox[-1]
    assert message.to == [NEW_OWNER_EMAIL]
    assert ownerless.title in message.subject
    link = next(line for line in message.body.splitlines() if "/invitation/" in line)
    assert invitation_from_token(link.rstrip("/").rsplit("/", 1)[-1]) == invitation
    # Still ownerless until the invitation is accepted: the step stays open.
    assert steps.appoint_owner.is_open(ownerless, coordinator)
    newcomer = make_user(username="newcomer", email=NEW_OWNER_EMAIL)
    steps.accept_invitation(ownerless, newcomer, invitation=invitation)
    assert _membership(ownerless, newcomer).role == Role.OWNER
    assert not steps.appoint_owner.is_open(ownerless, coordinator)


def test_an_address_of_a_member_names_that_member(ownerless, member, coordinator):
    steps.appoint_owner(ownerless, coordinator, email=member.email.upper())
    assert _membership(ownerless, member).role == Role.OWNER
    assert not Invitation.objects.filter(project=ownerless, role=Role.OWNER).exists()


@pytest.mark.parametrize("choice", ["neither", "both"])
def test_a_member_or_an_address_not_both_nor_neither(ownerless, member, coordinator, choice):
    arguments = {"member": None, "email": ""}
    if choice == "both":
        arguments = {"member": _membership(ownerless, member), "email": NEW_OWNER_EMAIL}
    with pytest.raises(ValidationError):
        steps.appoint_owner(ownerless, coordinator, **arguments)
    assert not ownerless.events.filter(action=ProjectAction.APPOINT_OWNER).exists()
    assert not ownerless.memberships.filter(role=Role.OWNER).exists()


def test_a_member_of_another_project_cannot_be_named(ownerless, coordinator, owner, make_user):
    elsewhere = ProjectFactory(owner=make_user(username="ailleurs"))
    stranger = Membership.objects.get(project=elsewhere)
    with pytest.raises(ValidationError):
        steps.appoint_owner(ownerless, coordinator, member=stranger)
    assert Membership.objects.get(pk=stranger.pk).project == elsewhere


def test_only_a_coordinator_and_only_without_an_owner(
    project, ownerless, member, evaluators, coordinator
):
    for someone in (member, evaluators[0]):
        with pytest.raises(PermissionDenied):
            steps.appoint_owner(ownerless, someone, email=NEW_OWNER_EMAIL)
    steps.appoint_owner(ownerless, coordinator, member=_membership(ownerless, member))
    with pytest.raises(steps.TransitionError):
        steps.appoint_owner(ownerless, coordinator, email=NEW_OWNER_EMAIL)


def test_the_admin_says_the_project_has_no_owner_and_appoints_one(
    client, ownerless, member, coordinator
):
    client.force_login(coordinator)
    html = client.get(detail_url(ownerless)).content.decode()
    assert "The project has no owner" in html or "n’a plus de propriétaire" in html
    assert f'action="{step_url(ownerless, "appoint_owner")}"' in html
    # Neither a member nor an address: the form again, with its error, nothing done.
    response = client.post(step_url(ownerless, "appoint_owner"), prefixed("appoint_owner", {}))
    assert response.status_code == 200
    assert not ownerless.memberships.filter(role=Role.OWNER).exists()
    data = prefixed("appoint_owner", {"member": _membership(ownerless, member).pk})
    response = client.post(step_url(ownerless, "appoint_owner"), data, follow=True)
    assert response.redirect_chain[-1][0] == detail_url(ownerless)
    assert _membership(ownerless, member).role == Role.OWNER
    html = response.content.decode()
    assert "The project has no owner" not in html
    assert f'action="{step_url(ownerless, "appoint_owner")}"' not in html


def test_the_holders_page_of_an_ownerless_project_still_answers(client, ownerless, member):
    client.force_login(member)
    assert client.get(ownerless.get_absolute_url()).status_code == 200
    assert client.get(reverse("projects:mine")).status_code == 200


def test_the_api_appoints_by_address_and_refuses_a_bad_one(client, ownerless, coordinator):
    client.force_login(coordinator)
    path = f"/portfolio/{ownerless.public_id}"
    assert "appoint_owner" in call(client, "get", path)[1]["open_steps"]
    status, body = call(client, "post", f"{path}/steps/appoint_owner", {"email": "pas-une-adresse"})
    assert 400 <= status < 500 and "email" in str(body)
    assert not Invitation.objects.filter(project=ownerless).exists()
    status, body = call(client, "post", f"{path}/steps/appoint_owner", {"email": NEW_OWNER_EMAIL})
    assert status == 200, body
    assert Invitation.objects.get(project=ownerless).role == Role.OWNER

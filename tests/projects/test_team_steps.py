"""The team's steps read the team again under their lock, and withdrawing the consent
takes the showcase page down in the same transaction."""

import pytest
from django.core.exceptions import ValidationError

from knowledge.models import ProjectIndexPage, ProjectPage
from projects import showcase, steps
from projects.models import Invitation, Membership
from tests.factories import add_page


def _invited(project, owner, email):
    event = steps.invite_member(project, owner, email=email)
    return Invitation.objects.get(public_id=event.details["invitation"])


def test_an_invitation_accepted_twice_is_refused_not_a_crash(project, owner, make_user):
    newcomer = make_user(username="newcomer")
    invitation = _invited(project, owner, newcomer.email)
    same_page = Invitation.objects.get(pk=invitation.pk)  # the second click's copy
    steps.accept_invitation(project, newcomer, invitation=invitation)
    with pytest.raises(ValidationError):
        steps.accept_invitation(project, newcomer, invitation=same_page)
    assert Membership.objects.filter(project=project, user=newcomer).count() == 1


def test_an_invitation_revoked_meanwhile_cannot_be_accepted(project, owner, make_user):
    newcomer = make_user(username="newcomer")
    invitation = _invited(project, owner, newcomer.email)
    stale = Invitation.objects.get(pk=invitation.pk)
    steps.revoke_invitation(project, owner, invitation=invitation)
    with pytest.raises(ValidationError):
        steps.accept_invitation(project, newcomer, invitation=stale)
    stale.refresh_from_db()
    assert stale.accepted_at is None and stale.revoked_at is not None


def test_a_member_removed_meanwhile_is_refused_clearly(project, owner, member):
    membership = Membership.objects.get(project=project, user=member)
    stale = Membership.objects.get(pk=membership.pk)
    steps.remove_member(project, owner, membership=membership)
    with pytest.raises(ValidationError):
        steps.change_role(project, owner, membership=stale, role="owner")


def test_a_link_that_is_not_a_web_address_is_refused_whoever_calls(project, owner):
    with pytest.raises(ValidationError):
        steps.update_project(project, owner, links=[("Voir", "javascript:alert(1)")])
    assert not project.links.exists()


def test_withdrawing_consent_takes_the_page_down_at_once(project, owner, home):
    add_page(home, ProjectIndexPage, title="Projets", slug="projets")
    steps.show_on_showcase(project, owner)
    showcase.sync(project.pk)
    project.refresh_from_db()
    assert ProjectPage.objects.get(pk=project.showcase_page_id).live
    # Nothing after commit runs here (no `committed()`): the step itself unpublishes.
    steps.hide_from_showcase(project, owner)
    assert not ProjectPage.objects.get(pk=project.showcase_page_id).live

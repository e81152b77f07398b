"""The projects' steps go through the desk's outbox: who is told, once, and what the
email says (an invitation reaches an address with no account yet)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from desk.models import Notification
from projects import steps
from projects.notices import invitation_from_token, invitation_token
from tests.projects.conftest import full_scores


def _told(event):
    return sorted(Notification.objects.filter(project_event=event).values_list("email", flat=True))


def test_an_invitation_is_emailed_to_an_address_without_account(project, owner, committed):
    with committed():
        event = steps.invite_member(project, owner, email="Nouvelle.Membre@Example.org")
    notification = Notification.objects.get(project_event=event)
    assert notification.recipient is None and notification.email == "nouvelle.membre@example.org"
    assert notification.state == Notification.State.SENT
    message = mail.outbox[-1]
    assert message.to == ["nouvelle.membre@example.org"]
    assert project.title in message.subject
    link = next(line for line in message.body.splitlines() if "/invitation/" in line)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    invitation = invitation_from_token(token)
    assert invitation is not None and invitation.email == "nouvelle.membre@example.org"
    assert invitation_from_token(token + "x") is None
    assert invitation_from_token(invitation_token(invitation)) == invitation


def test_the_team_hears_of_the_submission_and_the_decision_not_of_the_scores(
    project, owner, member, coordinator, evaluators, grid, committed
):
    submitted = steps.submit_for_evaluation(project, coordinator)
    team_and_commission = {owner.email, member.email, *(e.email for e in evaluators)}
    assert set(_told(submitted)) == team_and_commission
    for evaluator in evaluators[:2]:
        assigned = steps.assign_evaluator(project, coordinator, evaluator=evaluator)
        assert _told(assigned) == [evaluator.email]
    scored = [steps.score(project, e, scores=full_scores(grid)) for e in evaluators[:2]]
    for event in scored:
        assert _told(event) == [coordinator.email]  # never the team
    with committed():
        decided = steps.decide(
            project,
            evaluators[0],
            decision="favourable",
            opinion="Un projet solide.",
            public_justification="Trois piliers articulés.",
        )
    # The team, the other evaluator, the coordinators; not the one who decided.
    others = {owner.email, member.email, evaluators[1].email, coordinator.email}
    assert set(_told(decided)) == others
    to_owner = next(m for m in mail.outbox if m.to == [owner.email] and "Trois piliers" in m.body)
    assert "Favorable" in to_owner.body or "Favourable" in to_owner.body
    assert "/mes-projets/" in to_owner.body or str(project.public_id) in to_owner.body


def test_a_refused_invitation_writes_nothing(project, owner, member, committed):
    before = Notification.objects.count(), project.events.count()
    with pytest.raises(ValidationError):
        steps.invite_member(project, owner, email=member.email.upper())
    assert (Notification.objects.count(), project.events.count()) == before


def test_the_commissions_actions_are_the_catalogues_commission_steps():
    from projects.models.events import COMMISSION_ACTIONS, ProjectAction

    # But the coordinator's appointment of an owner, which the team reads as the
    # programme's, not as Commission 15's.
    actions = {declared.action for declared in steps.COMMISSION_STEPS}
    assert actions - {ProjectAction.APPOINT_OWNER} == COMMISSION_ACTIONS

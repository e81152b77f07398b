"""Commission 15's steps refused, through the steps and through the admin's forms: the
same rule answers both (the step), with 403 for a step not the person's to take, 409 for
one the evaluation's state does not allow, and the form's errors for bad input."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from projects import forms, steps
from projects.models import Evaluation, Score
from projects.states import EvaluationState, state_of
from tests.projects.admin_steps import post_step, score_data
from tests.projects.conftest import full_scores
from workflows import roles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def submitted(project, coordinator, grid):
    steps.submit_for_evaluation(project, coordinator)
    return project


@pytest.fixture
def member_evaluator(member, staff_roles):
    """The project's member, who also sits on Commission 15."""
    member.groups.add(Group.objects.get(name=roles.REVIEWERS))
    from allauth.mfa.totp.internal.auth import TOTP

    from tests.factories import TOTP_SECRET

    TOTP.activate(member, TOTP_SECRET)
    return type(member).objects.get(pk=member.pk)


def test_every_commission_step_declares_its_form():
    for declared in steps.COMMISSION_STEPS:
        assert issubclass(declared.form_class, forms.StepForm), declared.name
    for declared in steps.TEAM_STEPS:
        assert declared.form_class is None, declared.name


def test_scoring_twice_is_refused(client, submitted, coordinator, evaluators, grid):
    steps.assign_evaluator(submitted, coordinator, evaluator=evaluators[0])
    steps.score(submitted, evaluators[0], scores=full_scores(grid, level=2))
    with pytest.raises(steps.TransitionError) as refused:
        steps.score(submitted, evaluators[0], scores=full_scores(grid, level=5))
    assert "already scored" in refused.value.message
    client.force_login(evaluators[0])
    response = post_step(client, submitted, "score", **score_data(grid, level=5))
    assert response.status_code == 409
    assert set(Score.objects.values_list("level", flat=True)) == {2}


def test_deciding_before_every_evaluator_scored_is_refused(
    client, submitted, coordinator, evaluators, commission_member, grid
):
    steps.assign_evaluator(submitted, coordinator, evaluator=evaluators[0])
    steps.assign_evaluator(submitted, coordinator, evaluator=evaluators[1])
    steps.score(submitted, evaluators[0], scores=full_scores(grid))
    assert state_of(submitted) == EvaluationState.IN_EVALUATION
    client.force_login(commission_member)
    response = post_step(
        client, submitted, "decide", decision="favourable", public_justification="Trop tôt"
    )
    assert response.status_code == 409
    assert "Being evaluated" in response.content.decode()
    assert "Trop tôt" in response.content.decode()  # what was typed is kept
    assert Evaluation.objects.get().decision == ""


def test_deciding_with_fewer_than_two_evaluators_is_refused(
    submitted, coordinator, evaluators, commission_member, grid
):
    steps.assign_evaluator(submitted, coordinator, evaluator=evaluators[0])
    steps.score(submitted, evaluators[0], scores=full_scores(grid))
    assert state_of(submitted) == EvaluationState.IN_EVALUATION  # 1 of 1 is not enough
    with pytest.raises(steps.TransitionError):
        steps.decide(
            submitted,
            commission_member,
            decision="favourable",
            opinion="",
            public_justification="Un seul avis",
        )


def test_a_decision_needs_a_decision_and_a_public_justification(
    client, submitted, coordinator, evaluators, commission_member, grid
):
    for evaluator in evaluators[:2]:
        steps.assign_evaluator(submitted, coordinator, evaluator=evaluator)
        steps.score(submitted, evaluator, scores=full_scores(grid))
    client.force_login(commission_member)
    response = post_step(client, submitted, "decide", opinion="Avis gardé")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a decision." in html and "Avis gardé" in html
    response = post_step(client, submitted, "decide", decision="unfavourable")
    assert "Give the decision&#x27;s justification." in response.content.decode()
    assert state_of(submitted) == EvaluationState.READY


def test_only_an_assigned_evaluator_scores(
    client, submitted, coordinator, evaluators, commission_member, grid
):
    steps.assign_evaluator(submitted, coordinator, evaluator=evaluators[0])
    for outsider in (commission_member, coordinator):
        with pytest.raises(PermissionDenied):
            steps.score(submitted, outsider, scores=full_scores(grid))
        client.force_login(outsider)
        response = post_step(client, submitted, "score", **score_data(grid))
        assert response.status_code == 403, outsider
    assert not Score.objects.exists()


def test_a_member_of_the_project_is_not_assigned(
    client, submitted, coordinator, member_evaluator, evaluators
):
    client.force_login(coordinator)
    page = client.get(f"/admin/commission-15/projects/{submitted.pk}/").content.decode()
    assert f'value="{member_evaluator.pk}"' not in page
    assert f'value="{evaluators[0].pk}"' in page
    response = post_step(client, submitted, "assign_evaluator", evaluator=member_evaluator.pk)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        steps.assign_evaluator(submitted, coordinator, evaluator=member_evaluator)
    assert "project's team" in str(refused.value)
    # Nor may they take part of their own accord.
    assert not steps.take_part.is_open(submitted, member_evaluator)
    assert steps.take_part.refusal(submitted, member_evaluator).message == (
        "A member of the project may not evaluate it."
    )
    # Their own project is not in their portfolio: the admin answers 404, and reading
    # its evaluation is the team's (permissions.sees_evaluation).
    client.force_login(member_evaluator)
    response = post_step(client, submitted, "take_part")
    assert response.status_code == 404
    assert client.get(f"/admin/commission-15/projects/{submitted.pk}/").status_code == 404
    assert not submitted.evaluations.get().reviews.exists()


def test_an_evaluator_already_assigned_is_no_longer_offered(
    client, submitted, coordinator, evaluators
):
    steps.assign_evaluator(submitted, coordinator, evaluator=evaluators[0])
    with pytest.raises(ValidationError):
        steps.assign_evaluator(submitted, coordinator, evaluator=evaluators[0])
    form = forms.AssignEvaluatorForm(project=submitted, user=coordinator)
    offered = set(form.fields["evaluator"].queryset)
    assert evaluators[0] not in offered and set(evaluators[1:]) <= offered
    with pytest.raises(steps.TransitionError):
        steps.take_part(submitted, evaluators[0])


def test_the_score_form_is_the_grids(submitted, coordinator, evaluators, grid):
    steps.assign_evaluator(submitted, coordinator, evaluator=evaluators[0])
    form = forms.ScoreForm(project=submitted, user=evaluators[0], prefix="score")
    fieldsets = form.fieldsets()
    assert [criterion for criterion, *_rest in fieldsets] == list(grid.criteria.all())
    criterion, questions, level, justification = fieldsets[0]
    assert questions == criterion.questions()
    assert [label for _value, label in level.field.choices] == [
        label for _level, label in criterion.levels()
    ]
    assert 'type="radio"' in str(level)
    assert "<textarea" in str(justification)


def test_withdrawing_goes_back_and_a_decided_project_may_be_submitted_again(
    submitted, coordinator, evaluators, commission_member, grid
):
    steps.withdraw_evaluation(submitted, coordinator, comment="Dossier incomplet")
    assert state_of(submitted) == EvaluationState.NOT_SUBMITTED
    steps.submit_for_evaluation(submitted, coordinator)
    for evaluator in evaluators[:2]:
        steps.assign_evaluator(submitted, coordinator, evaluator=evaluator)
        steps.score(submitted, evaluator, scores=full_scores(grid))
    steps.decide(
        submitted,
        commission_member,
        decision="favourable",
        opinion="",
        public_justification="Bien",
    )
    assert state_of(submitted) == EvaluationState.DECIDED
    steps.submit_for_evaluation(submitted, coordinator)
    assert state_of(submitted) == EvaluationState.IN_EVALUATION
    steps.withdraw_evaluation(submitted, coordinator)
    assert state_of(submitted) == EvaluationState.DECIDED  # back to its decision


def test_a_coordinator_in_the_team_takes_no_commission_step(
    submitted, coordinator, evaluators, grid
):
    from projects.models import Membership

    Membership.objects.create(project=submitted, user=coordinator)
    for declared in (steps.assign_evaluator, steps.withdraw_evaluation):
        refusal = declared.refusal(submitted, coordinator)
        assert refusal.message == "A member of the project may not evaluate it."


def test_a_second_decision_taken_on_stale_data_is_refused(submitted, coordinator, evaluators, grid):
    """Two Commission members decide from the same page: the second is refused, and the
    first decision stands (the step reads the state again under its lock)."""
    for evaluator in evaluators[:2]:
        steps.assign_evaluator(submitted, coordinator, evaluator=evaluator)
        steps.score(submitted, evaluator, scores=full_scores(grid))
    stale = type(submitted).objects.get(pk=submitted.pk)
    assert steps.decide.is_open(stale, evaluators[2])  # what the second page showed
    steps.decide(
        submitted, evaluators[0], decision="favourable", opinion="Oui.", public_justification="A."
    )
    with pytest.raises(steps.TransitionError):
        steps.decide(
            stale, evaluators[2], decision="unfavourable", opinion="Non.", public_justification="B."
        )
    decided = submitted.evaluations.get()
    assert (decided.decision, decided.public_justification) == ("favourable", "A.")

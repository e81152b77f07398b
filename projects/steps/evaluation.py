"""Commission 15's steps: submit a project, assign evaluators, score, decide, withdraw."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from web.working_days import add_working_days

from .. import forms, permissions
from ..models import Decision, Evaluation, EvaluationGrid, EvaluationStatus, Review, Score
from ..models.events import ProjectAction
from ..states import BEING_EVALUATED, EvaluationState, latest_evaluation
from .base import Outcome, step


def _a_grid_exists(project, user):
    grid = EvaluationGrid.objects.current()
    if grid is None or not grid.criteria.exists():
        return _("There is no evaluation grid with criteria yet: write one first.")
    return None


def _outside_the_team(project, user):
    """Nobody takes the Commission's steps on a project whose team they are in."""
    if permissions.is_member(user, project):
        return _("A member of the project may not evaluate it.")
    return None


def _not_yet_assigned(project, user):
    if permissions.is_assigned(user, latest_evaluation(project)):
        return _("You already take part in this evaluation.")
    if permissions.is_member(user, project):
        return _("A member of the project may not evaluate it.")
    return None


def _review_in_progress(project, user):
    review = permissions.review_of(user, latest_evaluation(project))
    if review is not None and review.is_done:
        return _("You have already scored this project.")
    return None


@step(
    "submit_for_evaluation",
    label=_("Submit to Commission 15"),
    action=ProjectAction.SUBMIT,
    transitions={
        EvaluationState.NOT_SUBMITTED: EvaluationState.IN_EVALUATION,
        EvaluationState.DECIDED: EvaluationState.IN_EVALUATION,
    },
    allowed=permissions.is_coordinator,
    preconditions=(_outside_the_team, _a_grid_exists),
    primary=True,
    form_class=forms.SubmitForm,
)
def submit_for_evaluation(project, coordinator, comment=""):
    evaluation = Evaluation.objects.create(
        project=project,
        grid=EvaluationGrid.objects.current(),
        submitted_by=coordinator,
        due_date=add_working_days(timezone.localdate(), settings.PROJECTS_EVALUATION_DAYS),
    )
    return Outcome(
        comment=comment,
        evaluation=evaluation,
        details={"grid_version": evaluation.grid.version, "due": evaluation.due_date.isoformat()},
    )


@step(
    "assign_evaluator",
    label=_("Assign an evaluator"),
    action=ProjectAction.ASSIGN,
    transitions={
        EvaluationState.IN_EVALUATION: EvaluationState.IN_EVALUATION,
        EvaluationState.READY: EvaluationState.IN_EVALUATION,
    },
    allowed=permissions.is_coordinator,
    preconditions=(_outside_the_team,),
    form_class=forms.AssignEvaluatorForm,
)
def assign_evaluator(project, coordinator, evaluator, comment=""):
    evaluation = latest_evaluation(project)
    # The same choice as the admin's form offers (one rule for both).
    assignable = permissions.assignable_evaluators(project, evaluation)
    if not assignable.filter(pk=evaluator.pk).exists():
        raise ValidationError(
            {
                "evaluator": _(
                    "Choose a member of Commission 15 who is not yet assigned and is not "
                    "in the project's team."
                )
            }
        )
    Review.objects.create(evaluation=evaluation, evaluator=evaluator, assigned_by=coordinator)
    return Outcome(
        comment=comment,
        internal=True,
        evaluation=evaluation,
        details={"evaluator": evaluator.pk},
    )


@step(
    "take_part",
    label=_("Take part in the evaluation"),
    action=ProjectAction.VOLUNTEER,
    transitions={
        EvaluationState.IN_EVALUATION: EvaluationState.IN_EVALUATION,
        EvaluationState.READY: EvaluationState.IN_EVALUATION,
    },
    allowed=permissions.is_evaluator,
    preconditions=(_not_yet_assigned,),
    form_class=forms.TakePartForm,
)
def take_part(project, evaluator):
    evaluation = latest_evaluation(project)
    Review.objects.create(evaluation=evaluation, evaluator=evaluator, assigned_by=evaluator)
    return Outcome(internal=True, evaluation=evaluation, details={"evaluator": evaluator.pk})


def _may_score(user, project):
    evaluation = latest_evaluation(project)
    return evaluation is not None and permissions.is_assigned(user, evaluation)


def clean_scores(evaluation, scores):
    """`scores` maps each criterion's id to (level, justification): every criterion of
    the evaluation's grid, a level on its scale, a written justification."""
    errors = {}
    cleaned = []
    for criterion in evaluation.grid.criteria.all():
        level, justification = scores.get(criterion.pk, (None, ""))
        justification = (justification or "").strip()
        try:
            level = int(level)
        except (TypeError, ValueError):
            level = None
        if level is None or not 1 <= level <= criterion.top_level:
            errors[f"level_{criterion.pk}"] = _("Choose a level on the scale.")
        if not justification:
            errors[f"justification_{criterion.pk}"] = _("Justify the score in a few words.")
        cleaned.append((criterion, level, justification))
    unknown = set(scores) - {criterion.pk for criterion, _level, _text in cleaned}
    if unknown:
        errors["scores"] = _("Score only the criteria of this evaluation's grid.")
    if errors:
        raise ValidationError(errors)
    return cleaned


@step(
    "score",
    label=_("Score the project"),
    action=ProjectAction.SCORE,
    transitions={
        EvaluationState.IN_EVALUATION: (EvaluationState.IN_EVALUATION, EvaluationState.READY)
    },
    allowed=_may_score,
    preconditions=(_review_in_progress,),
    primary=True,
    form_class=forms.ScoreForm,
)
def score(project, evaluator, scores, notes=""):
    evaluation = latest_evaluation(project)
    review = permissions.review_of(evaluator, evaluation)
    for criterion, level, justification in clean_scores(evaluation, scores):
        Score.objects.update_or_create(
            review=review,
            criterion=criterion,
            defaults={"level": int(level), "justification": justification},
        )
    review.notes = notes
    review.submitted_at = timezone.now()
    review.save(update_fields=["notes", "submitted_at"])
    return Outcome(internal=True, evaluation=evaluation, details={"review": review.pk})


def _may_decide(user, project):
    """Coordinators (the Commission's secretariat) and Commission 15, never a member of
    the project's own team."""
    return (
        permissions.is_coordinator(user) or permissions.is_evaluator(user)
    ) and not permissions.is_member(user, project)


@step(
    "decide",
    label=_("Record the decision"),
    action=ProjectAction.DECIDE,
    transitions={EvaluationState.READY: EvaluationState.DECIDED},
    allowed=_may_decide,
    primary=True,
    form_class=forms.DecideForm,
)
def decide(project, user, decision, opinion, public_justification):
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Choose a decision.")})
    if not public_justification.strip():
        raise ValidationError({"public_justification": _("Give the decision's justification.")})
    evaluation = latest_evaluation(project)
    evaluation.status = EvaluationStatus.DECIDED
    evaluation.decision = decision
    evaluation.opinion = opinion
    evaluation.public_justification = public_justification
    evaluation.decided_by = user
    evaluation.decided_at = timezone.now()
    evaluation.save(
        update_fields=[
            "status",
            "decision",
            "opinion",
            "public_justification",
            "decided_by",
            "decided_at",
        ]
    )
    return Outcome(
        comment=public_justification,
        evaluation=evaluation,
        details={"decision": decision},
    )


@step(
    "withdraw_evaluation",
    label=_("Withdraw the evaluation"),
    action=ProjectAction.WITHDRAW,
    # Back to where it stood before: not submitted, or its previous decision.
    transitions=dict.fromkeys(
        BEING_EVALUATED, (EvaluationState.NOT_SUBMITTED, EvaluationState.DECIDED)
    ),
    allowed=permissions.is_coordinator,
    preconditions=(_outside_the_team,),
    form_class=forms.WithdrawForm,
)
def withdraw_evaluation(project, coordinator, comment=""):
    evaluation = latest_evaluation(project)
    evaluation.status = EvaluationStatus.WITHDRAWN
    evaluation.save(update_fields=["status"])
    return Outcome(comment=comment, evaluation=evaluation)

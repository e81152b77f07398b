"""Where a project stands with Commission 15, derived from its latest evaluation.

A project has no status field of its own: its evaluation state is read from its
evaluations (`state_of`), so no step can leave the two out of step.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import MIN_EVALUATORS, Evaluation, EvaluationStatus


class EvaluationState(models.TextChoices):
    NOT_SUBMITTED = "not_submitted", _("Not submitted")
    IN_EVALUATION = "in_evaluation", _("Being evaluated")
    READY = "ready", _("Ready for the decision")
    DECIDED = "decided", _("Decided")


def latest_evaluation(project):
    """The project's latest evaluation that was not withdrawn, or None."""
    cached = project.__dict__.get("_latest_evaluation", models.NOT_PROVIDED)
    if cached is models.NOT_PROVIDED:
        cached = (
            project.evaluations.exclude(status=EvaluationStatus.WITHDRAWN)
            .prefetch_related("reviews")
            .order_by("-submitted_at", "-pk")
            .first()
        )
        project.__dict__["_latest_evaluation"] = cached
    return cached


def forget_latest_evaluation(project):
    project.__dict__.pop("_latest_evaluation", None)


def with_latest_evaluations(projects):
    """Fetch the latest evaluation of each of `projects` at once (two queries, however
    many projects), so that `state_of` asks nothing more of each; returns the list."""
    projects = list(projects)
    latest = {}
    evaluations = (
        Evaluation.objects.filter(project__in=[project.pk for project in projects])
        .exclude(status=EvaluationStatus.WITHDRAWN)
        .prefetch_related("reviews")
        .order_by("project", "-submitted_at", "-pk")
    )
    for evaluation in evaluations:
        latest.setdefault(evaluation.project_id, evaluation)
    for project in projects:
        project.__dict__["_latest_evaluation"] = latest.get(project.pk)
    return projects


def is_ready(evaluation):
    done, assigned = evaluation.progress()
    return assigned >= MIN_EVALUATORS and done == assigned


def state_of(project):
    evaluation = latest_evaluation(project)
    if evaluation is None:
        return EvaluationState.NOT_SUBMITTED
    if evaluation.status == EvaluationStatus.DECIDED:
        return EvaluationState.DECIDED
    return EvaluationState.READY if is_ready(evaluation) else EvaluationState.IN_EVALUATION


ALL_STATES = tuple(EvaluationState)
BEING_EVALUATED = (EvaluationState.IN_EVALUATION, EvaluationState.READY)


def team_state(project):
    """The evaluation state the project's team reads: whether every evaluator has scored
    is the Commission's business, so "ready" reads as "being evaluated"."""
    state = state_of(project)
    return EvaluationState.IN_EVALUATION if state == EvaluationState.READY else state


def latest_decision(project):
    """The project's latest decided evaluation (still the decision while a new
    evaluation runs), or None: what the team, the showcase and the export show."""
    return project.evaluations.decided().order_by("-decided_at", "-pk").first()

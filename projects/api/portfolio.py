"""Commission 15's and the coordinators' side of the projects API: the portfolio, an
evaluation's detail, and the evaluation's steps.

Session authentication with CSRF, as the desk's staff operations. The portfolio is for
coordinators and Commission 15's evaluators (`permissions.sees_portfolio`): anyone
else is refused the list (403) and gets 404 for any of its projects or evaluations, so
an expert or a holder learns nothing of an evaluation. A review in progress is its
evaluator's alone, a submitted one Commission 15's and the coordinators'
(`permissions.can_read_review`); notes are only ever their author's.
"""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.db.models import Prefetch
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import SessionAuth

from web.api import BoundedPageNumberPagination, InvalidInput, answers

from .. import permissions, steps
from ..models import Decision, Evaluation, ProjectStage, Review, Score
from ..models.grid import MAX_LEVELS
from ..states import EvaluationState, latest_evaluation
from .common import (
    WRITE_ERRORS,
    LazyRows,
    evaluation_state,
    find_by_opaque_id,
    full_name,
    opaque_id,
    refuse,
    take,
    with_evaluation_state,
)

router = Router(auth=SessionAuth(csrf=True), tags=["portfolio"])

NOT_PORTFOLIO = "The portfolio is for coordinators and Commission 15."
UNKNOWN_EVALUATOR = "Choose a member of Commission 15 (an id of /portfolio/evaluators)."
COMMENT_LENGTH = 5_000


class PortfolioFilter(Schema):
    evaluation_state: Literal[tuple(EvaluationState.values)] | None = None
    priority: str | None = Field(None, description="A priority slug.", max_length=120)
    territory: str | None = Field(None, description="A territory slug.", max_length=120)
    pillar: str | None = Field(None, description="A master-plan pillar's slug.", max_length=255)
    stage: Literal[tuple(ProjectStage.values)] | None = None


class ProgressOut(Schema):
    done: int
    assigned: int


class PortfolioProjectOut(Schema):
    id: UUID
    reference: str
    title: str
    territory: str
    priorities: list[str]
    pillars: list[str]
    pillar_count: int
    stage: str
    evaluation_state: str
    evaluation_state_label: str
    progress: ProgressOut | None = Field(description="Of the evaluation in progress or last.")
    decision: str = Field(description="The latest decision, if any (else empty).")
    mean_score: float | None
    showcase: bool
    created_at: datetime


class LevelOut(Schema):
    level: int
    label: str


class CriterionOut(Schema):
    id: int
    name: str
    questions: list[str]
    levels: list[LevelOut]


class GridOut(Schema):
    version: int
    title: str
    criteria: list[CriterionOut]


class ScoreOut(Schema):
    criterion: int
    level: int
    justification: str


class ReviewOut(Schema):
    evaluator: UUID
    evaluator_name: str | None
    is_mine: bool
    done: bool
    assigned_at: datetime
    submitted_at: datetime | None
    scores: list[ScoreOut] | None = Field(description="Null while you may not read them.")
    notes: str | None = Field(description="Your own notes only.")


class EvaluationOut(Schema):
    id: UUID
    project: UUID
    status: str
    status_label: str
    submitted_at: datetime
    due_date: date | None
    grid: GridOut
    progress: ProgressOut
    progress_label: str
    reviews: list[ReviewOut]
    decision: str
    decision_label: str
    opinion: str
    public_justification: str
    decided_at: datetime | None


class EvaluationRefOut(Schema):
    id: UUID
    status: str
    decision: str
    submitted_at: datetime
    decided_at: datetime | None


class PortfolioDetailOut(PortfolioProjectOut):
    summary: str
    organisations: list[str]
    expected_effects: str
    evaluation: EvaluationOut | None = Field(description="The latest evaluation not withdrawn.")
    evaluations: list[EvaluationRefOut] = Field(description="Every evaluation, newest first.")
    open_steps: list[str] = Field(description="The Commission's steps you may take now.")


class EvaluatorOut(Schema):
    id: UUID
    name: str


class ScoreIn(Schema):
    criterion: int = Field(ge=1, le=2**31 - 1, description="A criterion's id (the grid's).")
    level: int = Field(ge=1, le=MAX_LEVELS)
    justification: str = Field(max_length=Score._meta.get_field("justification").max_length)


def _text_limit(model, name):
    return model._meta.get_field(name).max_length


class StepIn(Schema):
    """Fields a step may take; each step uses the ones it needs."""

    comment: str = Field("", max_length=COMMENT_LENGTH)
    evaluator: UUID | None = Field(None, description="assign_evaluator: an evaluator's id.")
    scores: list[ScoreIn] = Field([], description="score: every criterion.", max_length=50)
    notes: str = Field(
        "", description="score: private to you.", max_length=_text_limit(Review, "notes")
    )
    decision: Literal[tuple(Decision.values)] | None = None
    opinion: str = Field("", max_length=_text_limit(Evaluation, "opinion"))
    public_justification: str = Field(
        "", max_length=_text_limit(Evaluation, "public_justification")
    )
    email: str = Field(
        "",
        max_length=254,
        description="appoint_owner: the address of the project's new owner (a member's "
        "names that member; anyone else is invited to become the owner).",
    )


StepName = Literal[tuple(declared.name for declared in steps.COMMISSION_STEPS)]


def _sees_portfolio(request):
    if not permissions.sees_portfolio(request.auth):
        raise Http404


def _row(project):
    """A project of `_portfolio` (annotated with its figures) as the list shows it."""
    state = evaluation_state(project)
    return {
        "id": project.public_id,
        "reference": project.reference,
        "title": project.title,
        "territory": project.territory.slug,
        "priorities": [priority.slug for priority in project.priorities.all()],
        "pillars": [pillar.slug for pillar in project.pillars.all()],
        "pillar_count": len(project.pillars.all()),
        "stage": project.stage,
        "evaluation_state": state.value,
        "evaluation_state_label": str(state.label),
        "progress": (
            {"done": project.done_count, "assigned": project.assigned_count}
            if project.evaluation_pk
            else None
        ),
        "decision": project.last_decision or "",
        "mean_score": project.mean_score,
        "showcase": project.showcase_consent,
        "created_at": project.created_at,
    }


def _portfolio(user):
    return (
        with_evaluation_state(permissions.portfolio_projects(user))
        .select_related("territory")
        .prefetch_related("priorities", "pillars")
    )


def _portfolio_project(request, project_id):
    _sees_portfolio(request)
    project = _portfolio(request.auth).filter(public_id=project_id).first()
    if project is None:
        raise Http404
    return project


def _review_out(review, user):
    readable = permissions.can_read_review(user, review)
    return {
        "evaluator": opaque_id("evaluator", review.evaluator_id or 0),
        "evaluator_name": full_name(review.evaluator),
        "is_mine": review.evaluator_id is not None and review.evaluator_id == user.pk,
        "done": review.is_done,
        "assigned_at": review.assigned_at,
        "submitted_at": review.submitted_at,
        "scores": (
            [
                {
                    "criterion": score.criterion_id,
                    "level": score.level,
                    "justification": score.justification,
                }
                for score in review.scores.all()
            ]
            if readable
            else None
        ),
        "notes": review.notes if permissions.can_read_notes(user, review) else None,
    }


def evaluation_out(evaluation, user):
    reviews = list(evaluation.reviews.all())
    done, assigned = evaluation.progress()  # the one rule of what progress counts
    grid = evaluation.grid
    return {
        "id": evaluation.public_id,
        "project": evaluation.project.public_id,
        "status": evaluation.status,
        "status_label": str(evaluation.get_status_display()),
        "submitted_at": evaluation.submitted_at,
        "due_date": evaluation.due_date,
        "grid": {
            "version": grid.version,
            "title": grid.title,
            "criteria": [
                {
                    "id": criterion.pk,
                    "name": criterion.name,
                    "questions": criterion.questions(),
                    "levels": [
                        {"level": level, "label": label} for level, label in criterion.levels()
                    ],
                }
                for criterion in grid.criteria.all()
            ],
        },
        "progress": {"done": done, "assigned": assigned},
        "progress_label": f"{done} of {assigned} done",
        "reviews": [_review_out(review, user) for review in reviews],
        "decision": evaluation.decision,
        "decision_label": str(evaluation.get_decision_display()) if evaluation.decision else "",
        "opinion": evaluation.opinion,
        "public_justification": evaluation.public_justification,
        "decided_at": evaluation.decided_at,
    }


def _evaluations(project):
    reviews = Review.objects.select_related("evaluator").prefetch_related("scores")
    return (
        project.evaluations.select_related("grid", "project")
        .prefetch_related(Prefetch("reviews", queryset=reviews), "grid__criteria")
        .order_by("-submitted_at", "-pk")
    )


def _detail(project, user):
    evaluations = list(_evaluations(project))
    latest = latest_evaluation(project)
    current = next((e for e in evaluations if latest is not None and e.pk == latest.pk), None)
    return {
        **_row(project),
        "summary": project.summary,
        "organisations": project.organisation_list(),
        "expected_effects": project.expected_effects,
        "evaluation": evaluation_out(current, user) if current else None,
        "evaluations": [
            {
                "id": evaluation.public_id,
                "status": evaluation.status,
                "decision": evaluation.decision,
                "submitted_at": evaluation.submitted_at,
                "decided_at": evaluation.decided_at,
            }
            for evaluation in evaluations
        ],
        "open_steps": [
            declared.name for declared in steps.open_steps(project, user, steps.COMMISSION)
        ],
    }


@router.get("/portfolio", response=answers(200, list[PortfolioProjectOut], 401, 403, 422))
@paginate(BoundedPageNumberPagination, page_size=25)
def portfolio(request, filters: Query[PortfolioFilter]):
    """Every project with its evaluation state, newest first (coordinators and
    Commission 15). Filters: evaluation_state, priority, territory, pillar (slugs), stage."""
    if not permissions.sees_portfolio(request.auth):
        raise HttpError(403, NOT_PORTFOLIO)
    projects = _portfolio(request.auth)
    if filters.evaluation_state:
        projects = projects.filter(evaluation_state=filters.evaluation_state)
    if filters.priority:
        projects = projects.filter(priorities__slug=filters.priority)
    if filters.territory:
        projects = projects.filter(territory__slug=filters.territory)
    if filters.pillar:
        projects = projects.filter(pillars__slug=filters.pillar)
    if filters.stage:
        projects = projects.filter(stage=filters.stage)
    return LazyRows(projects.distinct().order_by("-created_at", "-pk"), _row)


@router.get("/portfolio/evaluators", response=answers(200, list[EvaluatorOut], 401, 403))
def evaluators(request):
    """Commission 15's evaluators, with the ids `assign_evaluator` takes."""
    if not permissions.sees_portfolio(request.auth):
        raise HttpError(403, NOT_PORTFOLIO)
    return [
        {"id": opaque_id("evaluator", user.pk), "name": full_name(user)}
        for user in permissions.evaluators().order_by("last_name", "first_name", "pk")
    ]


@router.get("/portfolio/{uuid:project_id}", response=answers(200, PortfolioDetailOut, 401, 404))
def portfolio_project(request, project_id: UUID):
    """A project of the portfolio with its latest evaluation: the grid, the progress,
    the reviews you may read, your own notes, and the steps open to you."""
    project = _portfolio_project(request, project_id)
    return _detail(project, request.auth)


@router.get("/evaluations/{uuid:evaluation_id}", response=answers(200, EvaluationOut, 401, 404))
def evaluation(request, evaluation_id: UUID):
    """One evaluation, past or current, as the project's detail shows its latest."""
    _sees_portfolio(request)
    found = (
        Evaluation.objects.filter(public_id=evaluation_id)
        .select_related("project", "grid")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.select_related("evaluator").prefetch_related("scores"),
            ),
            "grid__criteria",
        )
        .first()
    )
    if found is None or not permissions.sees_evaluation(request.auth, found.project):
        raise Http404
    return evaluation_out(found, request.auth)


def _arguments(step_name, payload):
    """The step's keyword arguments from the body's fields."""
    if step_name == "assign_evaluator":
        evaluator = None
        if payload.evaluator is not None:
            evaluator = find_by_opaque_id("evaluator", permissions.evaluators(), payload.evaluator)
        if evaluator is None:
            raise InvalidInput({"evaluator": [UNKNOWN_EVALUATOR]})
        return {"evaluator": evaluator, "comment": payload.comment}
    if step_name == "score":
        scores = {item.criterion: (item.level, item.justification) for item in payload.scores}
        return {"scores": scores, "notes": payload.notes}
    if step_name == "decide":
        return {
            "decision": payload.decision or "",
            "opinion": payload.opinion,
            "public_justification": payload.public_justification,
        }
    if step_name == "take_part":
        return {}
    if step_name == "appoint_owner":
        return {"email": payload.email}
    return {"comment": payload.comment}


@router.post(
    "/portfolio/{uuid:project_id}/steps/{step}",
    response=answers(200, PortfolioDetailOut, *WRITE_ERRORS),
)
def evaluation_step(request, project_id: UUID, step: StepName, payload: StepIn):
    """A step of Commission 15's evaluation: submit_for_evaluation, assign_evaluator,
    take_part, score, decide, withdraw_evaluation; or a coordinator's appoint_owner, on
    a project left without an owner. Body fields: `comment` (submit, assign, withdraw),
    `evaluator` (assign: an id of /portfolio/evaluators), `scores` and `notes` (score:
    every criterion of the grid, a level on its scale and a justification each; the
    notes are yours alone), `decision`, `opinion` and `public_justification` (decide),
    `email` (appoint_owner)."""
    project = _portfolio_project(request, project_id)
    taken_step = steps.BY_NAME[step]
    refusal = taken_step.refusal(project, request.auth)
    if refusal is not None:
        refuse(taken_step, refusal)
    take(taken_step, project, request.auth, **_arguments(step, payload))
    project = _portfolio_project(request, project_id)
    return _detail(project, request.auth)

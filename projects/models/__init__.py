"""Projects models: the project and its team, the evaluation grid, Commission 15's
evaluations, the projects' timeline and audit log."""

from .audit import ProjectLogEntry
from .evaluations import (
    MIN_EVALUATORS,
    Decision,
    Evaluation,
    EvaluationStatus,
    Review,
    Score,
)
from .events import ProjectAction, ProjectEvent
from .grid import Criterion, EvaluationGrid
from .projects import Invitation, Membership, Project, ProjectLink, ProjectStage, Role

__all__ = [
    "MIN_EVALUATORS",
    "Criterion",
    "Decision",
    "Evaluation",
    "EvaluationGrid",
    "EvaluationStatus",
    "Invitation",
    "Membership",
    "Project",
    "ProjectAction",
    "ProjectEvent",
    "ProjectLink",
    "ProjectLogEntry",
    "ProjectStage",
    "Review",
    "Role",
    "Score",
]

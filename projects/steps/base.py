"""What a project step is: one declaration of when it may be taken, by whom, and what
the project's evaluation state becomes (the desk's steps are the model: desk/steps/base.py).

Calling a step (`steps.decide(project, user, decision=..., ...)`) checks who and when,
performs, and records (timeline, audit log, signal), in one transaction; `is_open` and
`refusal` answer the same question for the admin, the holder's pages, the API and the
demo. A step's `transitions` map each evaluation state it starts from to the state(s)
it may lead to (`None`: the state does not change, as for the team's steps).

Why not desk.steps.Step itself: a request's state is a field that the step sets, with
deadlines that pause; a project's evaluation state is derived from its evaluations
(`projects.states`), and the desk is above this app.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from web.steps import TransitionError, UndeclaredTransition

from ..models import Project
from ..permissions import forget_memberships
from ..states import ALL_STATES, forget_latest_evaluation, state_of
from ..timeline import record_project_event

TEAM = "team"
COMMISSION = "commission"
# The team's steps may be taken whatever the evaluation state, and leave it as it is.
ANY_STATE = dict.fromkeys(ALL_STATES)


@dataclass(frozen=True)
class Outcome:
    comment: str = ""
    internal: bool = False
    details: dict = field(default_factory=dict)
    evaluation: Any = None
    # The event's project when the step made it (creating a project).
    project: Any = None


@dataclass(frozen=True, eq=False)
class Step:
    name: str
    label: str
    action: str
    transitions: dict
    allowed: Any  # callable(user, project) -> bool
    perform: Any  # callable(project, user, **kwargs) -> Outcome
    audience: str = COMMISSION
    preconditions: tuple = ()  # callables(project, user) -> refusal message or None
    primary: bool = False
    # The form that collects the step's input in the admin (projects/forms.py), declared
    # with the step, as the desk's steps do, so a new Commission step cannot be added
    # without saying what it asks. The team's steps have none here: their forms are the
    # desk's (the holder's pages live in the app above this one).
    form_class: Any = None

    do_not_call_in_templates = True

    def targets_from(self, state):
        targets = self.transitions[state]
        if targets is None:
            return (state,)
        return targets if isinstance(targets, tuple) else (targets,)

    def refusal(self, project, user):
        """Why `user` may not take this step now (an exception to raise), or None."""
        if not self.allowed(user, project):
            return PermissionDenied()
        state = state_of(project)
        if state not in self.transitions:
            return TransitionError(
                _("This step is not possible while the project is “%(state)s”.")
                % {"state": state.label}
            )
        for precondition in self.preconditions:
            message = precondition(project, user)
            if message:
                return TransitionError(message)
        return None

    def is_open(self, project, user):
        return self.refusal(project, user) is None

    def check(self, project, user):
        refusal = self.refusal(project, user)
        if refusal is not None:
            raise refusal

    def __call__(self, project, user, **arguments):
        """Check, perform and record, in one transaction; returns the event recorded."""
        with transaction.atomic():
            # One step at a time on a project: the row is locked (PostgreSQL; SQLite's
            # IMMEDIATE transactions already take the write lock), and what earlier
            # reads cached (the view's own check, a form's choices) is read again, so
            # two decisions, or a decision and a withdrawal, cannot both pass the check.
            Project.objects.select_for_update().filter(pk=project.pk).exists()
            forget_latest_evaluation(project)
            forget_memberships(project)
            self.check(project, user)
            source = state_of(project)
            outcome = self.perform(project, user, **arguments)
            # What the step changed is read afresh (by `state_of`, the permissions).
            forget_latest_evaluation(project)
            forget_memberships(project)
            reached = state_of(project)
            if reached not in self.targets_from(source):
                raise UndeclaredTransition(f"{self.name}: {source} -> {reached}")
            return record_project_event(
                project,
                user,
                self.action,
                evaluation=outcome.evaluation,
                comment=outcome.comment,
                internal=outcome.internal,
                details={"from": source, "to": reached, **outcome.details},
            )


def step(name, *, label, action, transitions, allowed, **options):
    """Declare the function below as the project step `name`."""

    def declare(perform):
        return Step(
            name=name,
            label=label,
            action=action,
            transitions=transitions,
            allowed=allowed,
            perform=perform,
            **options,
        )

    return declare

"""Every step of a project, declared once (see `base.py` for what a step is).

`CATALOGUE` lists them in the order the pages offer them; the admin, the holder's pages,
the API and the demo ask it which steps are open and take them through it. Creating a
project (`create_project`) is where a project starts, so it has no state to start from.
"""

from .base import COMMISSION, TEAM, Outcome, Step, TransitionError, UndeclaredTransition
from .evaluation import (
    assign_evaluator,
    clean_scores,
    decide,
    score,
    submit_for_evaluation,
    take_part,
    withdraw_evaluation,
)
from .team import (
    PROJECT_FIELDS,
    PROJECT_RELATIONS,
    accept_invitation,
    appoint_owner,
    change_role,
    create_project,
    hide_from_showcase,
    invite_member,
    remove_member,
    revoke_invitation,
    show_on_showcase,
    update_project,
)

CATALOGUE = (
    submit_for_evaluation,
    assign_evaluator,
    take_part,
    score,
    decide,
    withdraw_evaluation,
    update_project,
    invite_member,
    revoke_invitation,
    accept_invitation,
    remove_member,
    change_role,
    show_on_showcase,
    hide_from_showcase,
    appoint_owner,
)
BY_NAME = {declared.name: declared for declared in CATALOGUE}
COMMISSION_STEPS = tuple(declared for declared in CATALOGUE if declared.audience == COMMISSION)
TEAM_STEPS = tuple(declared for declared in CATALOGUE if declared.audience == TEAM)


def open_steps(project, user, audience=None):
    return [
        declared
        for declared in CATALOGUE
        if (audience is None or declared.audience == audience) and declared.is_open(project, user)
    ]


__all__ = [
    "BY_NAME",
    "CATALOGUE",
    "COMMISSION",
    "COMMISSION_STEPS",
    "PROJECT_FIELDS",
    "PROJECT_RELATIONS",
    "TEAM",
    "TEAM_STEPS",
    "Outcome",
    "Step",
    "TransitionError",
    "UndeclaredTransition",
    "accept_invitation",
    "assign_evaluator",
    "change_role",
    "clean_scores",
    "create_project",
    "decide",
    "hide_from_showcase",
    "invite_member",
    "open_steps",
    "remove_member",
    "revoke_invitation",
    "score",
    "show_on_showcase",
    "submit_for_evaluation",
    "take_part",
    "update_project",
    "withdraw_evaluation",
]

"""Every step of a how-to request, declared once (see `base.py` for what a step is).

`CATALOGUE` lists them in the order the admin offers them. The admin's request page,
the API's step endpoints, the holder's pages and the demo command all ask it which steps
are open (`open_steps`, `Step.is_open`) or why not (`Step.refusal`), and take them
through it; nothing else changes a request's state.
Filing (`file_request`) is where a request starts, so it has no state to start from.
The desk's own step (`draft_qa_page`, audience `DESK`: the Q&A draft after an acceptance,
by `draft_accepted_answer`) is taken by no one, so none offers it: not in the catalogue.
"""

from .answering import (
    add_note,
    approve_answer,
    ask_holder,
    claim,
    hand_over,
    return_answer,
    write_answer,
)
from .base import DESK, HOLDER, STAFF, Outcome, Step, TransitionError, UndeclaredTransition
from .filing import file_request
from .holder import accept_answer, edit_request, follow_up, reply, withdraw
from .publication import draft_accepted_answer, draft_qa_page, publish_as_qa
from .qualification import (
    answer_by_common_law,
    ask_clarification,
    mark_duplicate,
    proposed_bodies,
    route,
)
from .roadmap import link_roadmap_actions

CATALOGUE = (
    route,
    ask_clarification,
    answer_by_common_law,
    mark_duplicate,
    claim,
    write_answer,
    ask_holder,
    hand_over,
    approve_answer,
    return_answer,
    publish_as_qa,
    add_note,
    link_roadmap_actions,
    edit_request,
    reply,
    accept_answer,
    follow_up,
    withdraw,
)
BY_NAME = {declared.name: declared for declared in CATALOGUE}
STAFF_STEPS = tuple(declared for declared in CATALOGUE if declared.audience == STAFF)
HOLDER_STEPS = tuple(declared for declared in CATALOGUE if declared.audience == HOLDER)


def open_steps(how_to_request, user, audience=None):
    """The steps `user` may take on the request now, in the catalogue's order."""
    return [
        declared
        for declared in CATALOGUE
        if (audience is None or declared.audience == audience)
        and declared.is_open(how_to_request, user)
    ]


__all__ = [
    "BY_NAME",
    "CATALOGUE",
    "DESK",
    "HOLDER",
    "HOLDER_STEPS",
    "STAFF",
    "STAFF_STEPS",
    "Outcome",
    "Step",
    "TransitionError",
    "UndeclaredTransition",
    "file_request",
    "open_steps",
    "proposed_bodies",
    "route",
    "ask_clarification",
    "answer_by_common_law",
    "mark_duplicate",
    "claim",
    "write_answer",
    "ask_holder",
    "hand_over",
    "approve_answer",
    "return_answer",
    "publish_as_qa",
    "draft_qa_page",
    "draft_accepted_answer",
    "add_note",
    "link_roadmap_actions",
    "reply",
    "accept_answer",
    "follow_up",
    "edit_request",
    "withdraw",
]

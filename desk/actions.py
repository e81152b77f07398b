"""The steps staff take on a request, as a catalogue used by the admin and the API.

Each entry names the form that collects its input and the service that performs it;
`available_actions` says which ones a user may take now. The services check again.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import forms, permissions, services
from .publication import draft_defaults
from .states import Status


@dataclass(frozen=True)
class StaffAction:
    name: str
    label: str
    form_class: type
    statuses: frozenset
    who: str  # "coordinator", "routed_expert", "assignee", "staff"
    perform: object  # callable(request_obj, user, cleaned_data)
    primary: bool = False


def _is(user, request_obj, who):
    if who == "coordinator":
        return permissions.is_coordinator(user)
    if who == "routed_expert":
        return permissions.is_routed_expert(user, request_obj)
    if who == "assignee":
        return permissions.can_answer(user, request_obj)
    if who == "handover":
        return permissions.can_hand_over(user, request_obj)
    if who == "publisher":
        return (
            permissions.is_coordinator(user)
            and request_obj.consent_to_publish
            and not request_obj.qa_page_id
        )
    if who == "staff":
        return permissions.can_see_internal(user, request_obj)
    return False


S = Status
ACTIONS = (
    StaffAction(
        "route",
        _("Route to expert bodies"),
        forms.RouteForm,
        frozenset({S.SUBMITTED}),
        "coordinator",
        lambda r, u, d: services.route(r, u, d["bodies"], d["comment"]),
        primary=True,
    ),
    StaffAction(
        "ask_clarification",
        _("Ask the holder to clarify"),
        forms.CommentForm,
        frozenset({S.SUBMITTED}),
        "coordinator",
        lambda r, u, d: services.ask_clarification(r, u, d["comment"]),
    ),
    StaffAction(
        "common_law",
        _("Answer with an ordinary scheme (droit commun)"),
        forms.CommentForm,
        frozenset({S.SUBMITTED}),
        "coordinator",
        lambda r, u, d: services.answer_by_common_law(r, u, d["comment"]),
    ),
    StaffAction(
        "duplicate",
        _("Merge into an earlier request"),
        forms.DuplicateForm,
        frozenset({S.SUBMITTED, S.CLARIFICATION}),
        "coordinator",
        lambda r, u, d: services.mark_duplicate(r, u, d["original"], d["comment"]),
    ),
    StaffAction(
        "claim",
        _("Take it in charge"),
        forms.EmptyForm,
        frozenset({S.ROUTED}),
        "routed_expert",
        lambda r, u, d: services.claim(r, u),
        primary=True,
    ),
    StaffAction(
        "answer",
        _("Write the answer"),
        forms.AnswerForm,
        frozenset({S.IN_PROGRESS}),
        "assignee",
        lambda r, u, d: services.write_answer(r, u, d["comment"]),
        primary=True,
    ),
    StaffAction(
        "ask_holder",
        _("Ask the holder a question"),
        forms.CommentForm,
        frozenset({S.IN_PROGRESS}),
        "assignee",
        lambda r, u, d: services.ask_holder(r, u, d["comment"]),
    ),
    StaffAction(
        "hand_over",
        _("Hand over to another body"),
        forms.HandOverForm,
        frozenset({S.ROUTED, S.IN_PROGRESS}),
        "handover",
        lambda r, u, d: services.hand_over(r, u, d["body"], d["comment"]),
    ),
    StaffAction(
        "approve_answer",
        _("Approve and send the answer"),
        forms.EmptyForm,
        frozenset({S.ANSWER_REVIEW}),
        "coordinator",
        lambda r, u, d: services.approve_answer(r, u),
        primary=True,
    ),
    StaffAction(
        "return_answer",
        _("Send the answer back to the expert"),
        forms.CommentForm,
        frozenset({S.ANSWER_REVIEW}),
        "coordinator",
        lambda r, u, d: services.return_answer(r, u, d["comment"]),
    ),
    StaffAction(
        "publish",
        _("Draft an anonymised Q&A page"),
        forms.PublishForm,
        frozenset({S.ACCEPTED}),
        "publisher",
        lambda r, u, d: services.publish_as_qa(r, u, d["title"], d["question"], d["answer"]),
    ),
    StaffAction(
        "note",
        _("Add an internal note"),
        forms.CommentForm,
        frozenset(set(Status) - {S.COMMON_LAW, S.DUPLICATE}),
        "staff",
        lambda r, u, d: services.add_note(r, u, d["comment"]),
    ),
)
BY_NAME = {action.name: action for action in ACTIONS}


def available_actions(request_obj, user):
    return [
        action
        for action in ACTIONS
        if request_obj.status in action.statuses and _is(user, request_obj, action.who)
    ]


def make_form(action, request_obj, data=None):
    kwargs = {}
    if action.form_class is forms.DuplicateForm:
        kwargs["request_obj"] = request_obj
    form = action.form_class(data, prefix=action.name, **kwargs)
    if data is None and action.name == "route":
        form.initial["bodies"] = list(services.proposed_bodies(request_obj))
    if data is None and action.name == "publish":
        form.initial.update(draft_defaults(request_obj))
    return form

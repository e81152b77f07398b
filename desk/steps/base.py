"""What a step is: one declaration of where it starts, who takes it, and where it leads.

In the spirit of Wagtail's action classes (`wagtail/actions/`): a step checks, then
executes. A step is declared once, with the `step` decorator over the function that
performs it:

- `transitions`: the states it starts from, each with the state (or states) it may
  lead to; `None` when the request keeps its state (a note, a Q&A draft);
- `allowed`: who may take it, a rule from `desk.permissions`;
- `preconditions`: further facts of the request that must hold, each giving the
  message to show when it does not;
- `form_class`, `initial`: the form that collects its input and what it starts from;
- `action`: what the timeline records;
- `starts_answer_clock`: it gives the request a fresh answer deadline;
- `submit_label`: what its form's button says, the act ("Send the answer"), when the
  step's name ("Write the answer") is not it;
- `done_message`: what the person who took it is told once it is taken ("Answer sent
  to the holder"), given the request and the event; by default, the event's headline.

Calling a step (`steps.route(how_to_request, coordinator, bodies, comment)`) checks
who and when, performs, and records, in one transaction. `is_open` answers the same
question for the admin, the API, the public pages and the demo, so none of them
restates a rule.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from web.steps import TransitionError, UndeclaredTransition

from ..models import Attachment
from ..timeline import record_event

STAFF = "staff"
HOLDER = "holder"
# Taken by the desk itself after an event (no one takes it by hand): not in the catalogue.
DESK = "desk"


@dataclass(frozen=True)
class Outcome:
    """What a step's function tells the step to record."""

    comment: str = ""
    internal: bool = False
    details: dict = field(default_factory=dict)
    # Only for a step that may lead to several states: the one it leads to this time.
    to_status: Any = None
    # (uploaded file, validated AttachmentInfo) pairs, joined to the event.
    files: list = field(default_factory=list)
    # What to do once the step's own event is recorded, in the same transaction (the
    # original of a duplicate hears of it after the duplicate is saved as one).
    after: Any = None


@dataclass(frozen=True, eq=False)
class Step:
    name: str
    label: str
    action: str
    transitions: dict
    allowed: Any  # callable(user, how_to_request) -> bool
    perform: Any  # callable(how_to_request, user, *args, **kwargs) -> Outcome
    form_class: type
    audience: str = STAFF
    primary: bool = False
    preconditions: tuple = ()  # callables(how_to_request) -> refusal message or None
    initial: Any = None  # callable(how_to_request) -> the form's initial data
    starts_answer_clock: bool = False  # a fresh answer deadline (routing, a follow-up)
    submit_label: Any = None  # the form's button; the label when None
    done_message: Any = None  # callable(how_to_request, event) -> str, or a str

    # Templates read a step's label and name; they must not take it.
    do_not_call_in_templates = True

    @property
    def button_label(self):
        return self.submit_label or self.label

    def done_text(self, how_to_request, event):
        """What happened, for the message shown to whoever took the step."""
        if self.done_message is None:
            return event.headline
        if callable(self.done_message):
            return self.done_message(how_to_request, event)
        return self.done_message

    @property
    def sources(self):
        return frozenset(self.transitions)

    def targets_from(self, status):
        """The states this step may lead to from `status` (the same state for None)."""
        targets = self.transitions[status]
        if targets is None:
            return (status,)
        return targets if isinstance(targets, tuple) else (targets,)

    def refusal(self, how_to_request, user):
        """Why `user` may not take this step now (an exception to raise), or None."""
        if not self.allowed(user, how_to_request):
            return PermissionDenied()
        if how_to_request.status not in self.transitions:
            return TransitionError(
                _("This step is not possible while the request is “%(status)s”.")
                % {"status": how_to_request.get_status_display()}
            )
        for precondition in self.preconditions:
            message = precondition(how_to_request)
            if message:
                return TransitionError(message)
        return None

    def is_open(self, how_to_request, user):
        return self.refusal(how_to_request, user) is None

    def check(self, how_to_request, user):
        refusal = self.refusal(how_to_request, user)
        if refusal is not None:
            raise refusal

    def __call__(self, how_to_request, user, *args, **kwargs):
        """Check, perform and record, in one transaction; returns the event recorded."""
        with transaction.atomic():
            if how_to_request.pk is not None:
                # One step at a time on a request: its row is locked (PostgreSQL; SQLite's
                # IMMEDIATE transactions already hold the write lock) and read again, so
                # a step checked on a stale copy (a holder's edit while a coordinator
                # routes, a withdrawal racing an answer, a second click) is refused
                # instead of writing an old state back.
                queryset = type(how_to_request).objects.select_for_update()
                how_to_request.refresh_from_db(from_queryset=queryset)
            self.check(how_to_request, user)
            source = how_to_request.status
            outcome = self.perform(how_to_request, user, *args, **kwargs)
            targets = self.targets_from(source)
            to_status = outcome.to_status or targets[0]
            if to_status not in targets:
                raise UndeclaredTransition(f"{self.name}: {source} -> {to_status}")
            event = record_event(
                how_to_request,
                user,
                self.action,
                to_status,
                outcome.comment,
                internal=outcome.internal,
                details=outcome.details,
                start_answer_clock=self.starts_answer_clock,
            )
            attach(how_to_request, event, outcome.files, user)
            if outcome.after is not None:
                outcome.after()
            return event

    def take_with_form(self, how_to_request, user, form):
        """Take the step with a valid form's cleaned data (fields named as arguments)."""
        return self(how_to_request, user, **form.step_arguments())

    def form(self, how_to_request, data=None, files=None, user=None):
        """The step's form for this request, as `user` takes it (a hand-over offers
        bodies other than theirs); unbound, it starts from `initial`."""
        form = self.form_class(
            data, files, prefix=self.name, how_to_request=how_to_request, user=user
        )
        if data is None and self.initial is not None:
            form.initial.update(self.initial(how_to_request))
        return form


def attach(how_to_request, event, files, user):
    """Join uploaded files, already validated, to the request and the event."""
    for uploaded, info in files:
        Attachment.objects.create(
            request=how_to_request,
            event=event,
            file=uploaded,
            original_name=info.original_name,
            content_type=info.content_type,
            size=info.size,
            uploaded_by=user,
        )


def step(name, *, label, action, transitions, allowed, form_class, **options):
    """Declare the function below as the step `name` (see the module's docstring)."""

    def declare(perform):
        return Step(
            name=name,
            label=label,
            action=action,
            transitions=transitions,
            allowed=allowed,
            perform=perform,
            form_class=form_class,
            **options,
        )

    return declare

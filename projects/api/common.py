"""What the projects API's operations share: how a step is taken and refused, how a
step's or a model's ValidationError is answered, opaque ids for the rows that have no
public id, and how a person is named.

A step's refusal is answered as the desk's API answers its own (desk/api.py):
PermissionDenied is 403 with a text per audience, TransitionError 409 with its message,
and a ValidationError (bad input, seen by the step or the model) 422 in web.api's
`InvalidOut` shape, with the errors by field.
"""

from uuid import UUID

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.utils.crypto import salted_hmac
from ninja.errors import HttpError

from web.api import InvalidInput
from web.visible_text import strip_invisible

from .. import steps
from ..portfolio.filters import with_portfolio_figures
from ..states import EvaluationState, state_of

# What a write may answer besides its success: an unreadable (400) or non-JSON (415)
# body, no session (401), a refused CSRF token or step (403), another person's object
# (404), the wrong state for the step (409), invalid input (422).
WRITE_ERRORS = (400, 401, 403, 404, 409, 415, 422)
# A write without a body (DELETE) is never unreadable.
DELETE_ERRORS = (401, 403, 404, 409, 422)

FORBIDDEN = {
    steps.TEAM: "Only the project's owners take this step.",
    steps.COMMISSION: "This step is not open to you now.",
}
INVISIBLE = "This field shows nothing: please write some text."
NULL_CHARACTER = "Null characters are not allowed."


def errors_of(error):
    """A Django ValidationError as our 422's errors by field."""
    if hasattr(error, "error_dict"):
        return {
            "__all__" if field == NON_FIELD_ERRORS else field: [str(m) for m in messages]
            for field, messages in error.message_dict.items()
        }
    return {"__all__": [str(message) for message in error.messages]}


def refuse(taken_step, refusal):
    """Raise the HTTP error of a step's refusal (PermissionDenied or TransitionError)."""
    if isinstance(refusal, PermissionDenied):
        raise HttpError(403, FORBIDDEN[taken_step.audience]) from refusal
    raise HttpError(409, str(refusal.message)) from refusal


def take(taken_step, project, user, **arguments):
    """Take a step of `projects.steps`: refused as its catalogue says before anything is
    read, then as the step itself says (the project may have changed in between)."""
    refusal = taken_step.refusal(project, user)
    if refusal is not None:
        refuse(taken_step, refusal)
    try:
        return taken_step(project, user, **arguments)
    except (PermissionDenied, steps.TransitionError) as error:
        refuse(taken_step, error)
    except ValidationError as error:
        raise InvalidInput(errors_of(error)) from error


def create(holder, values):
    try:
        return steps.create_project(holder, **values)
    except ValidationError as error:
        raise InvalidInput(errors_of(error)) from error


def clean_texts(values, names, required=()):
    """Strip invisible characters from the ends of each text in `values`; a required
    one must keep something visible; no text may hold a null character (PostgreSQL
    refuses them). 422 with every field's error."""
    errors = {}
    for name in names:
        value = values.get(name)
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            errors[name] = [NULL_CHARACTER]
            continue
        values[name] = strip_invisible(value)
        if name in required and not values[name]:
            errors[name] = [INVISIBLE]
    if errors:
        raise InvalidInput(errors)
    return values


def opaque_id(kind, pk):
    """An id that says nothing and cannot be guessed, for a row that has no public id
    of its own (a membership, an evaluator): keyed on the site's secret key, so it
    changes only if that key does."""
    digest = salted_hmac(f"projects.api.{kind}", str(pk)).digest()
    return UUID(bytes=digest[:16], version=4)


def find_by_opaque_id(kind, rows, wanted):
    """The row of `rows` (a small set: a team, Commission 15) whose opaque id is `wanted`."""
    return next((row for row in rows if opaque_id(kind, row.pk) == wanted), None)


def full_name(user):
    if user is None:
        return None
    return user.get_full_name() or user.email or user.get_username()


def with_evaluation_state(projects):
    """`projects` annotated with their evaluation state and figures, computed by the
    database as the portfolio computes them (`projects.portfolio.filters`)."""
    return with_portfolio_figures(projects)


def evaluation_state(project):
    """The project's evaluation state: annotated on a list's rows, derived otherwise."""
    annotated = getattr(project, "evaluation_state", None)
    return EvaluationState(annotated) if annotated else state_of(project)


class LazyRows:
    """A queryset's rows as the API answers them, built only for the page asked:
    ninja's pagination counts it (len) and slices it."""

    def __init__(self, queryset, row):
        self.queryset = queryset
        self.row = row

    def __len__(self):
        return self.queryset.count()

    def __getitem__(self, window):
        return [self.row(item) for item in self.queryset[window]]

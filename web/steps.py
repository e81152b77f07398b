"""What every step of the programme (a request's, `desk.steps`; a project's,
`projects.steps`) answers when it cannot be taken, shared so that the views and the
API of both treat a refusal the same way (409 with its message)."""


class TransitionError(Exception):
    """The request or the project is not in a state where this step makes sense."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class UndeclaredTransition(RuntimeError):
    """A step led somewhere its declaration does not say: a bug."""

"""What a select says before anything is chosen.

Django's and django-filter's empty choice reads "---------", which says nothing to a holder
and is read out as "dash dash dash…" by screen readers. A form mixing in
`EmptyChoiceLabelsMixin` names it per field (`empty_choice_labels`): what to choose in a
form ("Choose a territory"), or what an empty filter keeps ("All territories").
"""


def with_empty_label(field, label):
    """Give `field` (a model choice field, or a choice field whose first choice is the
    empty one) the empty choice `label`."""
    if hasattr(field, "empty_label"):
        # A model choice field reads it each time its choices are listed.
        field.empty_label = label
        return
    choices = list(field.choices)
    if choices and choices[0][0] in ("", None):
        field.choices = [("", label), *choices[1:]]


class EmptyChoiceLabelsMixin:
    """For a form or a django-filter filterset's form: `empty_choice_labels` maps a field's
    name to its empty choice's label."""

    empty_choice_labels = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.empty_choice_labels.items():
            if name in self.fields:
                with_empty_label(self.fields[name], label)

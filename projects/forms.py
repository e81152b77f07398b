"""The forms of Commission 15's steps, one per step, each named by its declaration
(`form_class=` in `projects/steps/evaluation.py`).

A form only collects the step's input: the step is the one place that decides whether it
is acceptable (every criterion scored and justified, a decision chosen, an evaluator who
may be assigned) and raises a `ValidationError` keyed by the form's field names, which
`add_step_errors` puts back on the fields. That is why the fields the step checks are
not `required` here: the rule would otherwise be written twice, and could drift.

Each form also says what happened once its step is taken (`done_message`), in the words
the admin's message shows.
"""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from . import permissions
from .models import Decision, Membership
from .states import latest_evaluation


def person_name(user):
    """How the admin names a member of staff: their full name, else their email."""
    if user is None:
        return _("Account deleted")
    return user.get_full_name() or user.email or user.get_username()


def progress_text(evaluation):
    """ "2 of 3 done": reviews submitted of evaluators assigned."""
    done, assigned = evaluation.progress()
    return _("%(done)s of %(assigned)s done") % {"done": done, "assigned": assigned}


class StepForm(forms.Form):
    """What every step form knows: the project, who takes the step, its evaluation."""

    def __init__(self, data=None, *, project, user, prefix=None):
        self.project = project
        self.user = user
        self.evaluation = latest_evaluation(project)
        super().__init__(data, prefix=prefix)

    def step_arguments(self):
        """The step's keyword arguments, from the cleaned data."""
        return dict(self.cleaned_data)

    def add_step_errors(self, error):
        """Put the step's ValidationError on the fields it names (others on the form)."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)

    def done_message(self):
        raise NotImplementedError


def comment_field(help_text=""):
    return forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5_000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SubmitForm(StepForm):
    comment = comment_field(help_text=_("The project's team reads it with the notice."))

    def done_message(self):
        evaluation = latest_evaluation(self.project)
        return _(
            "Submitted to Commission 15, with grid version %(version)s; evaluations are "
            "due by %(date)s. The project's team is told."
        ) % {
            "version": evaluation.grid.version,
            "date": date_format(evaluation.due_date, "DATE_FORMAT"),
        }


class EvaluatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_name(obj)


class AssignEvaluatorForm(StepForm):
    evaluator = EvaluatorChoiceField(
        label=_("Evaluator"),
        queryset=permissions.evaluators().none(),
        empty_label=_("Choose an evaluator"),
        required=False,
        help_text=_("Members of Commission 15 not yet assigned and not in the project's team."),
    )
    comment = comment_field(help_text=_("Internal: only Commission 15 and the evaluator read it."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluator"].queryset = permissions.assignable_evaluators(
            self.project, self.evaluation
        ).order_by("first_name", "last_name", "email")

    def clean_evaluator(self):
        evaluator = self.cleaned_data.get("evaluator")
        if evaluator is None:
            raise forms.ValidationError(_("Choose an evaluator."))
        return evaluator

    def done_message(self):
        return _("%(name)s is assigned: %(progress)s.") % {
            "name": person_name(self.cleaned_data["evaluator"]),
            "progress": progress_text(latest_evaluation(self.project)),
        }


class TakePartForm(StepForm):
    def done_message(self):
        return _("You take part in the evaluation: %(progress)s.") % {
            "progress": progress_text(latest_evaluation(self.project))
        }


class ScoreForm(StepForm):
    """One fieldset per criterion of the evaluation's grid: a level on its scale, as
    radio buttons labelled with the level's label, and a justification; then the
    evaluator's private notes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(self.evaluation.grid.criteria.all()) if self.evaluation else []
        for criterion in self.criteria:
            self.fields[f"level_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("Level"),
                choices=criterion.levels(),
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"justification_{criterion.pk}"] = forms.CharField(
                label=_("Justification"),
                required=False,
                max_length=5_000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.fields["notes"] = forms.CharField(
            label=_("Private notes"),
            required=False,
            max_length=10_000,
            help_text=_("Yours alone: no one else, in the Commission or the team, reads them."),
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def fieldsets(self):
        """(criterion, its guiding questions, level field, justification field)."""
        return [
            (
                criterion,
                criterion.questions(),
                self[f"level_{criterion.pk}"],
                self[f"justification_{criterion.pk}"],
            )
            for criterion in self.criteria
        ]

    def step_arguments(self):
        data = self.cleaned_data
        return {
            "scores": {
                criterion.pk: (
                    data.get(f"level_{criterion.pk}") or None,
                    data.get(f"justification_{criterion.pk}", ""),
                )
                for criterion in self.criteria
            },
            "notes": data.get("notes", ""),
        }

    def done_message(self):
        return _("Scores recorded: %(progress)s.") % {
            "progress": progress_text(latest_evaluation(self.project))
        }


class DecideForm(StepForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("Consolidated opinion"),
        required=False,
        max_length=10_000,
        help_text=_("For the project's team: the Commission's reading of the evaluations."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    public_justification = forms.CharField(
        label=_("Public justification"),
        required=False,
        max_length=5_000,
        help_text=_("Shown with the decision, on the showcase too if the project is on it."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def done_message(self):
        return _("Decision recorded and sent to the project's team.")


class WithdrawForm(StepForm):
    comment = comment_field(help_text=_("Why: the project's team and the evaluators read it."))

    def done_message(self):
        return _("Evaluation withdrawn; the project's team and the evaluators are told.")


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_name(obj.user)


class AppointOwnerForm(StepForm):
    """A member named owner, or someone invited to become the owner (the step refuses
    both or neither)."""

    member = MemberChoiceField(
        label=_("A member of the team"),
        queryset=Membership.objects.none(),
        empty_label=_("Choose a member"),
        required=False,
    )
    email = forms.EmailField(
        label=_("Or invite someone by email"),
        required=False,
        max_length=254,
        help_text=_("They become the owner when they accept the invitation."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = self.project.memberships.select_related("user").order_by(
            "user__first_name", "user__last_name", "user__email"
        )

    def done_message(self):
        member = self.cleaned_data.get("member")
        if member is not None:
            return _("%(name)s is now the project's owner, and is told.") % {
                "name": person_name(member.user)
            }
        return _("%(email)s is invited to become the project's owner.") % {
            "email": self.cleaned_data["email"]
        }

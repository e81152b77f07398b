"""Forms of the request desk: the holder's, and the staff's step forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from knowledge.models import ExpertBody
from knowledge.models.roadmap_actions import RoadmapAction
from projects import permissions as project_permissions
from projects.models import Project
from web.empty_choices import EmptyChoiceLabelsMixin
from web.honeypot import HoneypotFormMixin
from web.visible_text import VisibleTextFormMixin

from . import permissions
from .citation_fields import CitationsField
from .models import HowToRequest
from .uploads.validation import MAX_ATTACHMENTS, validate_attachment

# Said of a project the holder may not file in (the form and the API alike).
NOT_YOUR_PROJECT = _("Choose one of your projects, or a new project.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files at once, each checked by content and size."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _("PDF, ODT, DOCX, PNG or JPEG; at most 10 MB each and %(count)d files.")
            % {"count": MAX_ATTACHMENTS},
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ".pdf,.odt,.docx,.png,.jpg,.jpeg")

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(
                _("At most %(count)d files can be attached at once."),
                params={"count": MAX_ATTACHMENTS},
            )
        cleaned, errors = [], []
        for uploaded in files:
            try:
                cleaned.append((uploaded, validate_attachment(uploaded)))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


# What describes the project on a request: asked only for a new project; with one of
# the holder's projects, `desk.steps.file_request` copies it from the project.
PROJECT_DESCRIPTION_FIELDS = (
    "project_description",
    "priorities",
    "territory",
    "stage",
    "partners",
    "funding_sought",
)


class HowToRequestForm(
    EmptyChoiceLabelsMixin, VisibleTextFormMixin, HoneypotFormMixin, forms.ModelForm
):
    """A holder's request. Given the `holder`, it offers their projects (by public id:
    a forged one, or another person's project, is refused as an invalid choice) or a new
    project, which the request's own fields then describe."""

    project = forms.ModelChoiceField(
        label=_("Which project is the question about?"),
        queryset=Project.objects.none(),
        to_field_name="public_id",
        required=False,
        blank=True,
        empty_label=_("A new project, described below"),
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": NOT_YOUR_PROJECT,
        },
    )
    attachments = AttachmentsField(label=_("Attachments"))

    empty_choice_labels = {
        "territory": _("Choose a territory"),
        "stage": _("Choose a stage"),
    }

    class Meta:
        model = HowToRequest
        fields = [
            "title",
            "question",
            "project_description",
            "priorities",
            "territory",
            "stage",
            "partners",
            "funding_sought",
            "consent_to_publish",
        ]
        widgets = {
            "priorities": forms.CheckboxSelectMultiple,
            "question": forms.Textarea(attrs={"rows": 5}),
            "project_description": forms.Textarea(attrs={"rows": 5}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "funding_sought": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "title": _("A short sentence: what do you want to do?"),
            "question": _("What exactly do you need to know?"),
            "project_description": _("Who carries the project, where, with what aim."),
            "funding_sought": _("Amounts and kinds of funding you are looking for, if any."),
            "consent_to_publish": _(
                "If you agree, the answer may become a public question-and-answer page, "
                "without your name or anything that identifies you."
            ),
        }

    def __init__(self, *args, holder=None, **kwargs):
        super().__init__(*args, **kwargs)
        projects = (
            project_permissions.member_projects(holder).order_by("title", "pk")
            if holder is not None
            else Project.objects.none()
        )
        self.projects = list(projects)
        if not self.projects:
            # Nothing to choose from: the request describes its (new) project.
            del self.fields["project"]
            return
        self.fields["project"].queryset = projects
        self.fields["project"].help_text = _(
            "With one of your projects, its description, territory, stage and priorities "
            "are taken from the project: the fields below are only for a new project."
        )
        # Required for a new project only (see `clean`).
        self.new_project_required = [
            name for name in PROJECT_DESCRIPTION_FIELDS if self.fields[name].required
        ]
        for name in self.new_project_required:
            self.fields[name].required = False

    @property
    def offers_projects(self):
        return "project" in self.fields

    def clean(self):
        cleaned_data = super().clean()
        if self.offers_projects and not cleaned_data.get("project"):
            if "project" in self.errors:
                return cleaned_data  # a forged choice: say that alone
            for name in self.new_project_required:
                if name not in self.errors and not cleaned_data.get(name):
                    self.add_error(
                        name, _("Describe the new project, or choose one of your projects.")
                    )
        return cleaned_data

    def request_data(self):
        """The cleaned values to give to `steps.file_request`: the chosen project, or
        the fields that describe a new one."""
        project = self.cleaned_data.get("project")
        names = [name for name in self.Meta.fields if name not in PROJECT_DESCRIPTION_FIELDS]
        data = {name: self.cleaned_data[name] for name in names}
        if project is not None:
            data["project"] = project
        else:
            data.update({name: self.cleaned_data[name] for name in PROJECT_DESCRIPTION_FIELDS})
        return data


# The holder's rating of an answer on accepting it, 1 to 5 (desk/ratings.py reads them).
RATING_CHOICES = [
    (1, _("1 – not useful")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 – very useful")),
]


class StepForm(VisibleTextFormMixin, forms.Form):
    """A form of a request's step (`desk.steps`): it knows the request and who takes
    the step, and gives the step its fields as arguments."""

    def __init__(self, *args, how_to_request=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.how_to_request = how_to_request
        self.user = user

    def step_arguments(self):
        return dict(self.cleaned_data)


class MessageForm(StepForm):
    message = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000
    )


class ReplyForm(MessageForm):
    attachments = AttachmentsField(label=_("Attachments"))


class AcceptForm(StepForm):
    # Radio buttons in a fieldset whose legend is the question (templates' field.html);
    # unanswered, the acceptance records no rating rather than a made-up one.
    rating = forms.TypedChoiceField(
        label=_("How useful was this answer? (optional)"),
        help_text=_("From 1 (not useful) to 5 (very useful)."),
        choices=RATING_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("A word of thanks or comment (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5_000,
    )


class EditRequestForm(EmptyChoiceLabelsMixin, VisibleTextFormMixin, forms.ModelForm):
    """The holder's request as filed, to correct before it is qualified: the filing
    form's fields, limits and file checks (`HowToRequestForm.Meta`, `AttachmentsField`),
    without the choice of project (the request stays in its own)."""

    attachments = AttachmentsField(label=_("Add attachments"))
    empty_choice_labels = HowToRequestForm.empty_choice_labels

    class Meta(HowToRequestForm.Meta):
        pass

    def __init__(self, *args, how_to_request=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.how_to_request = how_to_request

    def changed_values(self):
        """The fields whose cleaned value differs from the request's."""
        changed = {}
        for name in self.Meta.fields:
            value = self.cleaned_data.get(name)
            if name == "priorities":
                current = {priority.pk for priority in self.how_to_request.priorities.all()}
                if {priority.pk for priority in value or ()} != current:
                    changed[name] = list(value)
            elif value != getattr(self.how_to_request, name):
                changed[name] = value
        return changed

    def clean(self):
        cleaned_data = super().clean()
        if (
            not self.errors
            and self.how_to_request is not None
            and not self.changed_values()
            and not cleaned_data.get("attachments")
        ):
            raise ValidationError(_("Nothing was changed: change a field or add a file."))
        return cleaned_data

    def _post_clean(self):
        # The request is changed by the step, not by the form: no instance to fill.
        pass

    def step_arguments(self):
        return {"changes": self.changed_values(), "attachments": self.cleaned_data["attachments"]}


class WithdrawForm(StepForm):
    comment = forms.CharField(
        label=_("Why do you withdraw it? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5_000,
    )


# Staff forms ---------------------------------------------------------------------


class CommentForm(StepForm):
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000
    )


class OptionalCommentForm(StepForm):
    comment = forms.CharField(
        label=_("Comment (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=10_000,
    )


class EmptyForm(StepForm):
    pass


class AnswerForm(StepForm):
    comment = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=50_000,
        help_text=_("Web addresses written in the answer become links for the holder."),
    )
    # The same checks as the holder's files (type, size, count, content).
    attachments = AttachmentsField(label=_("Attachments for the holder"))
    # Guides and Q&A pages the answer relies on (`desk.citations`): the holder sees them
    # as links, and both of you hear when one of them changes.
    citations = CitationsField(
        label=_("Pages the answer relies on"),
        help_text=_(
            "Guides and Q&A pages of the site, found with the search box, or their "
            "addresses or numbers, one a line. You and the holder are told if they change."
        ),
    )


class RouteForm(OptionalCommentForm):
    bodies = forms.ModelMultipleChoiceField(
        label=_("Expert bodies"),
        queryset=ExpertBody.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ticked: the bodies the routing rules propose."),
    )


class RoadmapActionsForm(StepForm):
    """The roadmap's actions a request advances: ticking none unlinks them all."""

    roadmap_actions = forms.ModelMultipleChoiceField(
        label=_("Roadmap actions the request advances"),
        queryset=RoadmapAction.objects.order_by("sort_order", "title", "pk"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "The accountability page counts the requests advancing each action, never which ones."
        ),
    )


class HandOverForm(StepForm):
    body = forms.ModelChoiceField(
        label=_("Hand over to"),
        queryset=ExpertBody.objects.all(),
        empty_label=_("Choose a body"),
    )
    comment = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5_000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.how_to_request is not None:
            # Not the bodies it cannot go to (the taker's own): the step says which.
            self.fields["body"].queryset = ExpertBody.objects.exclude(
                pk__in=permissions.bodies_not_handed_to(self.user, self.how_to_request)
            )


class DuplicateForm(OptionalCommentForm):
    original = forms.CharField(
        label=_("Reference of the earlier request"),
        help_text=_("For example D-2026-00012."),
        max_length=20,
    )

    def clean_original(self):
        reference = self.cleaned_data["original"].strip().upper()
        try:
            pk = int(reference.rsplit("-", 1)[-1])
        except ValueError:
            pk = None
        original = HowToRequest.objects.filter(pk=pk).first() if pk else None
        if original is None or original.reference != reference:
            raise ValidationError(_("No request has this reference."))
        if self.how_to_request is not None and original.pk == self.how_to_request.pk:
            raise ValidationError(_("A request cannot be a duplicate of itself."))
        return original


class PublishForm(StepForm):
    title = forms.CharField(label=_("Page title"), max_length=200)
    question = forms.CharField(
        label=_("Question, anonymised"), widget=forms.Textarea(attrs={"rows": 5})
    )
    answer = forms.CharField(
        label=_("Answer, anonymised"), widget=forms.Textarea(attrs={"rows": 10})
    )

"""Forms of a holder's project pages ("My projects"): the project, its links, its team.

They collect and check what is typed; the project's steps (`projects.steps`) write it,
and what they refuse comes back on the form (`add_step_errors`).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from knowledge.models import PillarPage
from knowledge.models.roadmap_actions import RoadmapAction
from projects import steps
from projects.models import Project, Role
from web.empty_choices import EmptyChoiceLabelsMixin
from web.visible_text import VisibleTextFormMixin

PROJECT_FORM_FIELDS = (*steps.PROJECT_FIELDS, *steps.PROJECT_RELATIONS)
# Empty rows offered under a project's links.
EXTRA_LINK_ROWS = 2
MAX_LINKS = 10


class ProjectForm(EmptyChoiceLabelsMixin, VisibleTextFormMixin, forms.ModelForm):
    """The project's own fields. It never saves: `values()` goes to the step. Bound to
    an edited project, it is given a copy (`instance`), so checking it leaves the
    project the step compares with untouched."""

    empty_choice_labels = {
        "territory": _("Choose a territory"),
        "stage": _("Choose a stage"),
    }

    class Meta:
        model = Project
        fields = PROJECT_FORM_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "organisations": forms.Textarea(attrs={"rows": 3}),
            "priorities": forms.CheckboxSelectMultiple,
            "pillars": forms.CheckboxSelectMultiple,
            "roadmap_actions": forms.CheckboxSelectMultiple,
            "funding_details": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "expected_effects": forms.Textarea(attrs={"rows": 4}),
            "budget": forms.NumberInput(attrs={"min": "0", "step": "any"}),
            "funding_sought": forms.NumberInput(attrs={"min": "0", "step": "any"}),
        }
        help_texts = {
            "title": _("A short name the team and the programme will know it by."),
            "summary": _("What the project does, where, for whom, with what aim."),
            "pillars": _("The pillars of the master plan the project puts to work."),
            "roadmap_actions": _("The roadmap's actions the project helps to carry out."),
            "expected_effects": _(
                "Energy saved or produced, emissions avoided, jobs, common goods: what "
                "the project should change."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].required = True
        self.fields["pillars"].queryset = PillarPage.objects.live().order_by("number", "pk")
        self.fields["roadmap_actions"].queryset = RoadmapAction.objects.order_by(
            "sort_order", "title", "pk"
        )
        for name in ("budget", "funding_sought"):
            self.fields[name].validators.append(_not_negative)

    def values(self):
        """The cleaned values, as `steps.create_project` and `update_project` take them."""
        return {
            name: list(value) if name in steps.PROJECT_RELATIONS else value
            for name, value in ((name, self.cleaned_data[name]) for name in PROJECT_FORM_FIELDS)
        }


def _not_negative(value):
    if value is not None and value < 0:
        raise ValidationError(_("Enter an amount of zero or more."))


class LinkForm(forms.Form):
    title = forms.CharField(label=_("Link title"), max_length=200, required=False)
    url = forms.URLField(label=_("Address"), max_length=500, required=False, assume_scheme="https")

    def clean(self):
        cleaned_data = super().clean()
        title, url = cleaned_data.get("title"), cleaned_data.get("url")
        if url and not title:
            self.add_error("title", _("Give the link a title."))
        if title and not url and "url" not in self.errors:
            self.add_error("url", _("Give the link's address."))
        return cleaned_data


class BaseLinkFormSet(forms.BaseFormSet):
    def links(self):
        """(title, url) of each row filled in, in order."""
        return [
            (form.cleaned_data["title"], form.cleaned_data["url"])
            for form in self.forms
            if form.cleaned_data.get("url")
        ]


LinkFormSet = forms.formset_factory(
    LinkForm,
    formset=BaseLinkFormSet,
    extra=EXTRA_LINK_ROWS,
    max_num=MAX_LINKS,
    validate_max=True,
    absolute_max=MAX_LINKS,
)


def link_formset(data=None, project=None):
    initial = (
        [{"title": link.title, "url": link.url} for link in project.links.all()]
        if project is not None
        else None
    )
    return LinkFormSet(data, initial=initial, prefix="links")


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person to invite"),
        help_text=_("They receive a link to join the project, with or without an account."),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.MEMBER,
        widget=forms.RadioSelect,
        help_text=_(
            "Members see the project and its requests and file requests in it; owners "
            "also edit the project and manage its team."
        ),
    )


def add_step_errors(form, error):
    """A step's ValidationError on the form: on the fields it names when the form has
    them, on the form itself otherwise."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)

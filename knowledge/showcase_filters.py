"""The showcase's filters: priority, territory, pillar and stage, read from the query string.

Each value is validated on its own: one the form refuses (an unknown slug, a made-up
stage) is left out and named on the page, the others still apply, and nothing a
visitor types reaches the database unchecked or answers with an error page.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models.masterplan import PillarPage
from .models.snippets import Priority, Territory

FILTERS = ("priority", "territory", "pillar", "stage")


class ShowcaseFilterForm(forms.Form):
    priority = forms.ModelChoiceField(
        label=_("Priority"),
        queryset=Priority.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All priorities"),
    )
    territory = forms.ModelChoiceField(
        label=_("Territory"),
        queryset=Territory.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All territories"),
    )
    pillar = forms.ModelChoiceField(
        label=_("Master-plan pillar"),
        queryset=PillarPage.objects.none(),  # the live public pillars: see __init__
        to_field_name="slug",
        required=False,
        empty_label=_("All pillars"),
    )
    stage = forms.ChoiceField(label=_("Stage"), required=False)

    def __init__(self, data, stages):
        """`stages`: (value, label) of the stages the showcased projects are at."""
        super().__init__(data, auto_id="showcase-%s")
        # Read per form: `public()` looks up the view restrictions when it is called.
        self.fields["pillar"].queryset = PillarPage.objects.live().public().order_by("path")
        self.fields["stage"].choices = [("", _("All stages")), *stages]

    def filters(self):
        """The filters that passed validation, by name (`FILTERS`)."""
        self.is_valid()
        return {
            name: value
            for name in FILTERS
            if name not in self.errors and (value := self.cleaned_data.get(name))
        }

    def apply(self, projects):
        filters = self.filters()
        if "priority" in filters:
            projects = projects.filter(priorities=filters["priority"])
        if "territory" in filters:
            projects = projects.filter(territory=filters["territory"])
        if "pillar" in filters:
            projects = projects.filter(pillars=filters["pillar"])
        if "stage" in filters:
            projects = projects.filter(stage=filters["stage"])
        # One priority and one pillar at a time: each matches a project once, no distinct.
        return projects

    def left_out(self):
        """(label, message) of every value that was not understood."""
        self.is_valid()
        return [
            (self.fields[name].label, message)
            for name, messages in self.errors.items()
            for message in messages
        ]

"""A coordinator links a request to the roadmap's actions it advances.

The public accountability page (`knowledge.RoadmapActionIndexPage`) counts, for each
action, the requests linked to it, never which ones: requests are private.
"""

from django.utils.translation import gettext_lazy as _

from web import pagecache

from .. import forms, permissions
from ..models.events import Action
from ..states import Status
from .base import Outcome, step


@step(
    "link_roadmap_actions",
    label=_("Link to roadmap actions"),
    action=Action.LINK_ROADMAP_ACTIONS,
    # In every state, closed ones too: a question answered by ordinary policies was
    # still asked about the action.
    transitions=dict.fromkeys(Status),
    allowed=permissions.is_coordinator,
    form_class=forms.RoadmapActionsForm,
    initial=lambda how_to_request: {"roadmap_actions": how_to_request.roadmap_actions.all()},
    submit_label=_("Save the links"),
    done_message=_("Roadmap actions saved."),
)
def link_roadmap_actions(how_to_request, coordinator, roadmap_actions):
    """Set the actions the request advances (an internal event: the holder never sees it)."""
    how_to_request.roadmap_actions.set(roadmap_actions)
    # The accountability page shows how many requests advance each action.
    pagecache.purge()
    ids = sorted(action.pk for action in roadmap_actions)
    return Outcome(internal=True, details={"actions": ids})

"""Who works on the guidance-gap queue: the one place that says it.

Editors and coordinators see the backlog and dismiss items: editors are who holds
`search.view_zeroresultquery` (the searches-without-results report is theirs already,
`workflows.roles`), coordinators who holds `desk.coordinate_desk`. Experts do not: the
backlog lists every body's requests by reference, and an expert sees only their body's.

Starting a guide creates a page, so it also takes Wagtail's own page permission to add
a guide where the draft goes (`actions.guide_parent`): editors may everywhere;
coordinators, who add no guides, triage and dismiss, and leave the writing to editors.
"""

from desk.roles import COORDINATE
from knowledge.models import GuidePage

EDITOR = "search.view_zeroresultquery"


def works_on_gaps(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.has_perm(EDITOR) or user.has_perm(COORDINATE)


def may_add_guide_under(user, parent):
    if parent is None or not works_on_gaps(user):
        return False
    if GuidePage not in parent.specific_class.allowed_subpage_models():
        return False
    return parent.permissions_for_user(user).can_add_subpage()

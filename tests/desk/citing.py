"""What the citation tests do to a cited page and read back: one copy for the three files."""

from desk.models import RequestEvent
from desk.models.events import Action


def republish(page, user=None, **changes):
    """Publish a new revision of `page` with `changes`, as an editor would."""
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision(user=user)
    revision.publish(user=user, skip_permission_checks=True)
    return revision


def alerts(request_obj):
    """The request's "a cited page changed" events."""
    return RequestEvent.objects.filter(request=request_obj, action=Action.CITED_PAGE_CHANGED)

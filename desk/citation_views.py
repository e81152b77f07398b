"""What changed in a page an answer cites: the page the change alert links to.

Holders cannot open Wagtail's admin, where the comparison of two revisions lives: this
page shows the same comparison (`wagtail.admin.compare`, through `desk.citations`) on
the public site, under the request, to whoever may read the request (its holder, its
project's team, and the staff who see it); to anyone else, 404. It only ever compares
the two revisions a change alert of this request names, both of them once live.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from . import citations, permissions
from .models import RequestEvent
from .models.events import Action
from .views import _visible_request


@login_required
def cited_page_changes(request, public_id, pk):
    request_obj = _visible_request(request.user, public_id)
    alerts = RequestEvent.objects.filter(request=request_obj, action=Action.CITED_PAGE_CHANGED)
    if not permissions.can_see_internal(request.user, request_obj):
        alerts = alerts.readable_by_holder()
    event = get_object_or_404(alerts, pk=pk)
    page = citations.citable_pages().filter(pk=event.details.get("page")).first()
    old, new = citations.revisions_of(event) if page is not None else (None, None)
    if page is not None and not all(
        revision is not None and revision.object_id == str(page.pk) for revision in (old, new)
    ):
        old = new = None
    changes = []
    if old is not None:
        page = page.specific
        changes = [
            {
                "label": comparison.field_label(),
                "diff": citations.accessible_diff(comparison.htmldiff()),
            }
            for comparison in citations.changed_fields(page, old, new)
            if comparison.is_field
        ]
    context = {
        "request_obj": request_obj,
        "event": event,
        "page": page,
        "title": event.details.get("title", ""),
        "old": old,
        "new": new,
        "changes": changes,
        "reads_as_holder": permissions.reads_as_holder(request.user, request_obj),
        "staff_compare_url": citations.wagtail_comparison_url(event, request.user)
        if permissions.can_see_internal(request.user, request_obj)
        else None,
    }
    return render(request, "desk/citations/changes.html", context)

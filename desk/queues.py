"""The staff queues, shared by the admin screens, the dashboard panel and the API."""

from django.utils.translation import gettext_lazy as _

from . import permissions
from .states import WAITING_FOR_HOLDER, Status

QUEUES = [
    ("unassigned", _("Unassigned")),
    ("mine", _("Mine")),
    ("waiting", _("Waiting for the holder")),
    ("overdue", _("Overdue")),
    ("open", _("All open")),
]


def queue_filter(queryset, user, queue, today=None):
    """The queues of the expert queue screen and of the dashboard panel."""
    if queue == "unassigned":
        return queryset.filter(status=Status.ROUTED, assignee__isnull=True)
    if queue == "mine":
        return queryset.filter(assignee=user).open()
    if queue == "waiting":
        return queryset.filter(status__in=WAITING_FOR_HOLDER)
    if queue == "overdue":
        return queryset.overdue(today)
    if queue == "open":
        return queryset.open()
    return queryset


def counts_for(user):
    """Queue counts for the dashboard panel, one query per queue."""
    queryset = permissions.staff_requests(user)
    return [
        (key, label, queue_filter(queryset, user, key).count())
        for key, label in QUEUES
        if key != "open"
    ]

"""The staff queues, shared by the admin screens, the dashboard panels and the API.

Each queue is declared once, as a condition on requests (`condition`): the queue screen
filters by it (`?queue=<key>`, `RequestFilterSet`) and the dashboards count with it, so
a count and the list its link opens always hold the same requests.
"""

import datetime

from django.conf import settings
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from web.working_days import add_working_days, working_days_before

from . import permissions
from .models import HowToRequest, RequestEvent
from .states import ANSWER_STAGE, CLOSED, QUALIFICATION_STAGE, WAITING_FOR_HOLDER, Status

QUEUES = [
    ("to_qualify", _("To qualify")),
    ("unassigned", _("Unclaimed")),
    ("mine", _("Mine")),
    ("due_soon", _("Due within a week")),
    ("overdue", _("Overdue")),
    ("waiting", _("Waiting for the holder")),
    ("waiting_too_long", _("Waiting on the holder too long")),
    ("to_review", _("Answers to review")),
    ("qa_drafts", _("Q&A drafts waiting")),
    ("open", _("All open")),
]
LABELS = dict(QUEUES)

# "Due soon": within a working week.
DUE_SOON_WORKING_DAYS = 5

# What each dashboard counts, in this order. A coordinator sees the coordinator's.
COORDINATOR_DASHBOARD = (
    "to_qualify",
    "overdue",
    "due_soon",
    "waiting_too_long",
    "to_review",
    "qa_drafts",
)
EXPERT_DASHBOARD = ("unassigned", "mine", "due_soon")


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _waiting_since_before(day):
    """Waiting on the holder since before `day`: no move to wait on them since then."""
    entered_since = RequestEvent.objects.filter(
        request=OuterRef("pk"),
        to_status__in=WAITING_FOR_HOLDER,
        created_at__gte=_start_of(day),
    ).exclude(from_status__in=WAITING_FOR_HOLDER)
    return Q(status__in=WAITING_FOR_HOLDER) & ~Exists(entered_since)


def condition(queue, user, today=None):
    """The requests of `queue` (a key of QUEUES) for `user`, as a Q; None for none."""
    today = today or timezone.localdate()
    on_the_clock = Q(status__in=QUALIFICATION_STAGE | ANSWER_STAGE)
    if queue == "to_qualify":
        return Q(status=Status.SUBMITTED)
    if queue == "unassigned":
        return Q(status=Status.ROUTED, assignee__isnull=True)
    if queue == "mine":
        return Q(assignee=user) & ~Q(status__in=CLOSED)
    if queue == "due_soon":
        due_by = add_working_days(today, DUE_SOON_WORKING_DAYS)
        return on_the_clock & Q(due_date__gte=today, due_date__lte=due_by)
    if queue == "overdue":
        # The model's rule, as a subquery (the dashboards count with a Q).
        return Q(pk__in=HowToRequest.objects.overdue(today).values("pk"))
    if queue == "waiting":
        return Q(status__in=WAITING_FOR_HOLDER)
    if queue == "waiting_too_long":
        # Waiting DESK_HOLDER_WAIT_DAYS working days or more: went to wait on or before
        # the day that many working days back.
        cutoff = working_days_before(today, settings.DESK_HOLDER_WAIT_DAYS)
        return _waiting_since_before(cutoff + datetime.timedelta(days=1))
    if queue == "to_review":
        return Q(status=Status.ANSWER_REVIEW)
    if queue == "qa_drafts":
        # A subquery, not a join: a count's filter must not drop requests without a page.
        drafted = HowToRequest.objects.filter(qa_page__isnull=False, qa_page__live=False)
        return Q(pk__in=drafted.values("pk"))
    if queue == "open":
        return ~Q(status__in=CLOSED)
    return None


def queue_filter(queryset, user, queue, today=None):
    """The queues of the expert queue screen, the dashboard panel and the API."""
    queue_condition = condition(queue, user, today)
    return queryset if queue_condition is None else queryset.filter(queue_condition)


def in_queue_order(queryset):
    """Open requests first, the soonest due first (those without a date after them),
    closed requests last; the newest first among equals."""
    return queryset.annotate(
        closed_last=Case(
            When(status__in=CLOSED, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    ).order_by("closed_last", F("due_date").asc(nulls_last=True), "-created_at", "-pk")


def dashboard_of(user):
    """The queues `user`'s dashboard counts: the coordinator's, the expert's, or none."""
    if permissions.is_coordinator(user):
        return COORDINATOR_DASHBOARD
    if permissions.body_ids_of(user):
        return EXPERT_DASHBOARD
    return ()


def counts_for(user, today=None):
    """(key, label, count) of `user`'s dashboard, every count in one query.

    Answers to review are counted when the desk reviews answers (DESK_REVIEW_ANSWERS),
    or while some still wait from when it did."""
    keys = dashboard_of(user)
    if not keys:
        return []
    totals = permissions.staff_requests(user).aggregate(
        **{key: Count("pk", filter=condition(key, user, today)) for key in keys}
    )
    return [
        (key, LABELS[key], totals[key])
        for key in keys
        if key != "to_review" or settings.DESK_REVIEW_ANSWERS or totals[key]
    ]

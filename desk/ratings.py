"""The holders' ratings of answers (1 to 5, on accepting them), counted per expert body and
month, beside the votes on the bodies' pages (feedback): what a body's work is worth to
the holders it answers and to the readers of its guides.

A rating is a detail of the acceptance's event (`details["rating"]`, desk/steps/holder.py);
a request's bodies are those it is routed to now (after a hand-over, the body that took
it), each counted once per request. One query for the ratings, whatever their number.
"""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Q, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, TruncMonth

from feedback import access as vote_access
from feedback import reports as vote_reports
from knowledge.models import ExpertBody

from .models import RequestEvent
from .models.events import Action
from .permissions import body_ids_of, is_coordinator

RATINGS = (1, 2, 3, 4, 5)


def sees_every_body(user):
    """Coordinators and whoever reads every vote (the editors) read every body's figures;
    an expert reads their own bodies'."""
    return is_coordinator(user) or vote_access.sees_all_votes(user)


def may_read(user):
    return sees_every_body(user) or bool(body_ids_of(user))


def readable_bodies(user):
    if sees_every_body(user):
        return ExpertBody.objects.order_by("name")
    return ExpertBody.objects.filter(pk__in=body_ids_of(user)).order_by("name")


def ratings():
    """The acceptances that carry a rating."""
    return RequestEvent.objects.filter(action=Action.ACCEPT, details__has_key="rating")


def ratings_per_body_and_month(events, body_ids):
    """{(body id, first day of the month): {"count", "total", 1: n, ... 5: n}} for the
    bodies `body_ids`.

    The bodies are filtered in the same `filter()` as they are grouped by: a second
    filter on the many-to-many would join it again, and a request routed to two bodies
    would count twice for each."""
    rows = (
        events.filter(request__bodies__in=body_ids)
        .annotate(month=TruncMonth("created_at"))
        .values("request__bodies", "month")
        .annotate(
            count=Count("pk"),
            total=Sum(Cast(KT("details__rating"), IntegerField())),
            **{f"r{value}": Count("pk", filter=Q(details__rating=value)) for value in RATINGS},
        )
        .order_by()
    )
    result = {}
    for row in rows:
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        result[(row["request__bodies"], month)] = {
            "count": row["count"],
            "total": row["total"] or 0,
            **{value: row[f"r{value}"] for value in RATINGS},
        }
    return result


@dataclass
class BodyMonth:
    """One row of the report: a body in a month."""

    body: str
    month: object
    yes: int = 0
    no: int = 0
    ratings: int = 0
    total: int = 0
    distribution: dict = field(default_factory=dict)

    @property
    def helpful_share(self):
        return vote_reports.share(self.yes, self.yes + self.no)

    @property
    def mean_rating(self):
        return round(self.total / self.ratings, 1) if self.ratings else None

    def rated(self, value):
        return self.distribution.get(value, 0)


def body_month_rows(bodies, votes, events, month=None):
    """The report's rows, newest month first then by body: `bodies` the bodies to count
    (a queryset), `votes` and `events` the votes and rated acceptances to count; `month`
    (a date) keeps that month alone. Three queries, whatever the numbers."""
    names = dict(bodies.values_list("pk", "name"))
    if month is not None:
        votes = votes.filter(created_on__year=month.year, created_on__month=month.month)
        events = events.filter(created_at__year=month.year, created_at__month=month.month)
    vote_counts = vote_reports.per_body_and_month(votes.filter(vote_access.of_bodies(list(names))))
    rating_counts = ratings_per_body_and_month(events, list(names))
    rows = {}
    for (body_id, day), (yes, no) in vote_counts.items():
        if body_id in names:
            row = rows.setdefault((body_id, day), BodyMonth(names[body_id], day))
            row.yes, row.no = yes, no
    for (body_id, day), counted in rating_counts.items():
        if body_id in names:
            row = rows.setdefault((body_id, day), BodyMonth(names[body_id], day))
            row.ratings, row.total = counted["count"], counted["total"]
            row.distribution = {value: counted[value] for value in RATINGS}
    selected = list(rows.values())
    selected.sort(key=lambda row: row.body)
    selected.sort(key=lambda row: row.month, reverse=True)
    return selected

"""What the votes say, counted: per page, and per expert body and month.

Each function takes a queryset of votes already cut to what the reader may read
(`feedback.access`) and filtered, and counts in one query whatever its size.
"""

from django.db.models import Count, Max, Q
from django.db.models.functions import TruncMonth

HELPFUL = Q(helpful=True)
UNHELPFUL = Q(helpful=False)
WITH_COMMENT = ~Q(comment="")


def share(part, whole):
    """`part` of `whole` as a whole percentage, or None for nothing counted."""
    return round(100 * part / whole) if whole else None


def per_page(votes):
    """One row per page: its title, yes, no, comments, the last vote's day."""
    return (
        votes.values("page_id", "page__title")
        .annotate(
            yes=Count("pk", filter=HELPFUL),
            no=Count("pk", filter=UNHELPFUL),
            comments=Count("pk", filter=WITH_COMMENT),
            last_vote=Max("created_on"),
        )
        .order_by("-last_vote", "page__title", "page_id")
    )


def with_share(row):
    return {**row, "helpful_share": share(row["yes"], row["yes"] + row["no"])}


def per_body_and_month(votes):
    """{(body id, first day of the month): (yes, no)}, from the pages' expert bodies (a
    page of two bodies counts for each), in two queries: guides, then Q&A pages."""
    counts = {}
    for body_path in ("page__guidepage__expert_bodies", "page__questionanswerpage__expert_bodies"):
        rows = (
            votes.filter(**{f"{body_path}__isnull": False})
            .annotate(month=TruncMonth("created_on"))
            .values(body_path, "month")
            .annotate(yes=Count("pk", filter=HELPFUL), no=Count("pk", filter=UNHELPFUL))
            .order_by()
        )
        for row in rows:
            key = (row[body_path], row["month"])
            yes, no = counts.get(key, (0, 0))
            counts[key] = (yes + row["yes"], no + row["no"])
    return counts


def months_of(votes):
    """The months that have votes, newest first (first days of the months)."""
    return list(votes.dates("created_on", "month", order="DESC"))

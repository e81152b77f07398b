"""Demo votes on a few guides and Q&A pages ("Did this page help?"), spread over the
last three months so that the reports have months to filter by.

Idempotent: a page that has votes already gets none.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from feedback.models import PageVote
from feedback.votes import votable_pages

# Per page, in page-tree order: (helpful, comment, days ago).
VOTES = [
    [
        (True, "", 3),
        (True, "Les étapes sont claires, merci.", 12),
        (False, "Il manque un exemple chiffré pour une petite commune.", 40),
        (True, "", 70),
    ],
    [
        (False, "Je n'ai pas trouvé qui contacter dans ma région.", 5),
        (False, "", 33),
        (True, "", 61),
    ],
    [
        (True, "", 2),
        (True, "", 45),
    ],
]


@transaction.atomic
def build_demo_votes(stdout=None):
    pages = list(votable_pages().order_by("path")[: len(VOTES)])
    today = timezone.localdate()
    created = 0
    for page, votes in zip(pages, VOTES, strict=False):
        if PageVote.objects.filter(page=page).exists():
            continue
        PageVote.objects.bulk_create(
            PageVote(
                page=page,
                helpful=helpful,
                comment=comment,
                created_on=today - datetime.timedelta(days=days_ago),
            )
            for helpful, comment, days_ago in votes
        )
        created += len(votes)
        if stdout is not None:
            stdout.write(f"  + {len(votes)} votes: {page.title}")
    return {"page votes": created}

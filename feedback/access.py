"""Who reads the votes: the editors and coordinators all of them, an expert their bodies'.

Reading every vote is the `feedback.view_pagevote` permission (the editors' and the
coordinators' groups have it: workflows/roles.py). An expert, a member of an expert
body's group, reads the votes on the guides and Q&A pages of their bodies: what their
own pages are worth to readers, not the other bodies'. Anyone else reads none.
"""

from django.db.models import Q

from knowledge.membership import body_ids_of
from knowledge.models import ExpertBody, GuidePage, QuestionAnswerPage

from .models import PageVote

SEE_ALL = "feedback.view_pagevote"


def sees_all_votes(user):
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(SEE_ALL))


def may_read_votes(user):
    return sees_all_votes(user) or bool(body_ids_of(user))


def bodies_readable_by(user):
    """The expert bodies whose pages' votes `user` reads (to filter the reports by)."""
    if sees_all_votes(user):
        return ExpertBody.objects.order_by("name")
    return ExpertBody.objects.filter(pk__in=body_ids_of(user)).order_by("name")


def of_bodies(body_ids):
    """Votes on the guides and Q&A pages of these bodies (a page of two bodies once)."""
    return Q(page_id__in=GuidePage.objects.filter(expert_bodies__in=body_ids).values("pk")) | Q(
        page_id__in=QuestionAnswerPage.objects.filter(expert_bodies__in=body_ids).values("pk")
    )


def votes_readable_by(user):
    if sees_all_votes(user):
        return PageVote.objects.all()
    body_ids = body_ids_of(user)
    if not body_ids:
        return PageVote.objects.none()
    return PageVote.objects.filter(of_bodies(body_ids))

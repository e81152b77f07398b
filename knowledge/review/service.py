"""What a review is, who may mark one, and who sees which pages to review.

A publication counts as a review: the page was just read through. "Mark reviewed
without changes" is the other way, for a page still true: one function here
(`mark_reviewed`) checks, changes, saves, logs to Wagtail's audit log and signals, in
one transaction; the admin's view only calls it.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from wagtail.log_actions import log

from web import pagecache

from ..membership import body_ids_of
from ..models import ContentReview, GuidePage, QuestionAnswerPage

REVIEWED_PAGE_TYPES = (GuidePage, QuestionAnswerPage)
MARK_REVIEWED_ACTION = "knowledge.mark_reviewed"
EDITORS_PERMISSION = "knowledge.review_editors_pages"
REPORT_PERMISSION = "knowledge.view_contentreview"

# Sent inside the transaction once a page is marked reviewed (args: review, user).
content_reviewed = Signal()


def review_by_after(moment):
    """The day a page reviewed at `moment` is due again (in the site's time zone)."""
    interval = datetime.timedelta(days=settings.KNOWLEDGE_REVIEW_INTERVAL_DAYS)
    return timezone.localtime(moment + interval).date()


def is_reviewed_page(page):
    return isinstance(page, REVIEWED_PAGE_TYPES)


def record_publication(page, moment=None):
    """A guide or Q&A page just published: reviewed now, by its owner as published.

    Whatever revision went live (an old one, a scheduled one), the date is the day of
    the publication: the review state is never read from a revision."""
    moment = moment or timezone.now()
    review, _created = ContentReview.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "owner_id": page.owner_body_id,
            "reviewed_at": moment,
            "review_by": review_by_after(moment),
        },
    )
    return review


def can_mark_reviewed(user, page, review):
    """Whoever may publish the page (Wagtail's page permissions), a member of its owner
    body's group, or, for a page the editors own, whoever holds `EDITORS_PERMISSION`
    (editors publish through a workflow only, yet keep their pages true)."""
    if not user.is_authenticated or not user.is_active or review is None:
        return False
    if not page.live:
        return False
    if review.owner_id is None:
        if user.has_perm(EDITORS_PERMISSION):
            return True
    elif review.owner_id in body_ids_of(user):
        return True
    return page.permissions_for_user(user).can_publish()


def mark_reviewed(page, user, moment=None):
    """Mark a published guide or Q&A page reviewed without changes: its date starts
    again from now. Raises PermissionDenied when the user may not."""
    moment = moment or timezone.now()
    with transaction.atomic():
        review = ContentReview.objects.select_for_update().filter(page_id=page.pk).first()
        if not can_mark_reviewed(user, page, review):
            raise PermissionDenied
        review.reviewed_at = moment
        review.review_by = review_by_after(moment)
        review.save(update_fields=["reviewed_at", "review_by"])
        log(
            instance=page,
            action=MARK_REVIEWED_ACTION,
            user=user,
            data={"review_by": review.review_by.isoformat()},
        )
        content_reviewed.send(sender=ContentReview, review=review, user=user)
        # The public page shows the date: the cached copies go (the same for everyone).
        pagecache.purge()
    return review


def sees_every_review(user):
    """Editors, coordinators and administrators see every page to review."""
    return user.is_active and user.has_perm(REPORT_PERMISSION)


def may_see_reviews(user):
    """Who reaches the report: those who see all, and the experts of a body."""
    if not user.is_authenticated or not user.is_active:
        return False
    return sees_every_review(user) or bool(body_ids_of(user))


def reviews_for(user):
    """The live pages' reviews the user may see, overdue first then the soonest due.

    Experts see their bodies' pages only: the editors' and other bodies' pages are
    not theirs to keep, and their list stays short enough to act on."""
    reviews = (
        ContentReview.objects.filter(page__live=True)
        .select_related("page", "page__content_type", "owner")
        .order_by("review_by", "page__title", "page_id")
    )
    if sees_every_review(user):
        return reviews
    body_ids = body_ids_of(user) if user.is_authenticated and user.is_active else ()
    return reviews.filter(owner_id__in=body_ids)
